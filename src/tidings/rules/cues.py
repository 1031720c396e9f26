"""Quote cues: the verbs that report what someone said.

``data/quotes/cues.toml`` has one ``[cues]`` table of four lists of verb lemmas:

reporting
    verbs that report speech (say, tell, claim, warn ...): the cue of a direct quote
    (``“…,” she said``) and, with a clause, of an indirect one (``she said that …``);
direct
    verbs that only cue a direct quote (ask, shout, joke ...), besides the reporting ones;
naming
    verbs whose object complement may be a quote, the speaker's words (``X called the road
    “a waste”``): call, dub, term, label, brand;
naming_as
    verbs that do the same with "as" (``X dismissed the plan as “a waste”``), besides the
    naming ones.

A user's file (the ``event_lexicon`` setting) may have a ``[cues]`` table of the same shape:
its verbs are added to the bundled ones. :func:`read_cues` reads them into :class:`Cues`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.rules.files import DataFile, Entry

__all__ = ["CUE_KINDS", "Cues", "read_cues"]

CUE_KINDS = ("reporting", "direct", "naming", "naming_as")


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue verbs (lemmas) by what they cue."""

    reporting: frozenset[str]  # direct and indirect quotes
    direct: frozenset[str]  # direct quotes: the reporting verbs and the others
    naming: frozenset[str]  # X called it “…”
    naming_as: frozenset[str]  # X dismissed it as “…”: the naming verbs and the others
    framing: frozenset[str]  # every verb that may frame a quote: naming and naming_as


def read_cues(bundled: DataFile, extra: DataFile | None) -> Cues:
    """The ``[cues]`` of the bundled file, with those of ``extra`` (if it has any) added."""
    words: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
    for file, required in ((bundled, True), (extra, False)):
        if file is None or (not required and "cues" not in file.data):
            continue
        table = Entry(file, (), file.data).table("cues")
        if table is None:
            raise file.error("no [cues] table")
        table.only(*CUE_KINDS)
        for kind in CUE_KINDS:
            words[kind].update(verb.lower() for verb in table.strings(kind))
    return Cues(
        reporting=frozenset(words["reporting"]),
        direct=frozenset(words["reporting"] | words["direct"]),
        naming=frozenset(words["naming"]),
        naming_as=frozenset(words["naming"] | words["naming_as"]),
        framing=frozenset(words["naming"] | words["naming_as"]),
    )
