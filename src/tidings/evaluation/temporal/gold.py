"""Time-expression gold data: TimeML ``.tml`` files (TimeBank, AQUAINT) read into documents.

TBAQ-cleaned, the TempEval-3 training data, is read at run time from wherever the user keeps
it (it is never bundled): ``TimeBank/`` (183 documents) and ``AQUAINT/`` (73), one file each::

    <TimeML><DOCID/><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08"
        functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
      <TITLE/>? <EXTRAINFO/>
      <TEXT>… <EVENT>fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday
        </TIMEX3> …</TEXT>
      <MAKEINSTANCE/>… <TLINK/>…

A document's text is the content of its ``<TEXT>`` element with every tag in it (EVENT,
SIGNAL, TIMEX3) taken out and their words kept, as the XML parser gives it: entities such as
``&amp;`` are one character, line ends are ``\\n`` (XML folds ``\\r\\n``, which 23 AQUAINT
files have), and the newline after ``<TEXT>`` is kept. TIMEX3 offsets are character offsets
into that text. Only the TIMEX3s inside ``<TEXT>`` are gold expressions; the creation time in
``<DCT>`` is the anchor for relative expressions, kept as :attr:`GoldTimeDocument.dct` (its
``value``: a date, or a date and time, as written). The TempEval-3 scorer reads only
``<TEXT>`` too, so the DCT is never scored. The README's counts (TimeBank 1,426 TIMEX3,
AQUAINT 652) include the DCT, one per document; inside ``<TEXT>`` there are 1,243 and 579.

Scoring is in :mod:`.scores` (pure functions, no I/O).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluation.temporal.scores import TIMEX_TYPES, GoldTimeDocument, GoldTimex, TimexType

__all__ = [
    "ANCHORS",
    "CREATION_TIME",
    "TemporalAnchor",
    "read_corpus",
    "read_timeml",
]

CREATION_TIME = "CREATION_TIME"  # functionInDocument of the document creation time
_TYPES: dict[str, TimexType] = {kind: kind for kind in TIMEX_TYPES}


@dataclass(frozen=True, kw_only=True, slots=True)
class TemporalAnchor:
    """A published TempEval-3 Task A score to compare ours with (fractions, not percent)."""

    system: str
    value_f1: float
    relaxed_f1: float | None = None
    note: str = "TempEval-3 platinum test set (UzZaman et al. 2013)"


ANCHORS: tuple[TemporalAnchor, ...] = (
    TemporalAnchor(system="HeidelTime", value_f1=0.7761, relaxed_f1=0.9030),
    TemporalAnchor(system="SUTime", value_f1=0.6738),
)


def read_corpus(folder: Path) -> tuple[GoldTimeDocument, ...]:
    """Read every ``.tml`` file under ``folder`` (subfolders too), in order of path. Raises
    InputError when the folder is missing or holds no ``.tml`` file, or as read_timeml."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder")
    paths = sorted(path for path in folder.rglob("*.tml") if path.is_file())
    if not paths:
        raise InputError(str(folder), "no .tml files in it")
    return tuple(read_timeml(path) for path in paths)


def read_timeml(path: Path) -> GoldTimeDocument:
    """Read one TimeML file (see the module docstring). Raises InputError when the file is
    missing, unreadable, not well-formed XML, has not exactly one ``<TEXT>``, or has a TIMEX3
    without ``tid``, ``value`` or a known ``type``."""
    root = _parse(path)
    texts = [element for element in root.iter() if _local(element.tag) == "TEXT"]
    if len(texts) != 1:
        raise InputError(str(path), f"{len(texts)} <TEXT> elements, not one")
    pieces: list[str] = []
    found: list[tuple[int, int, ElementTree.Element]] = []
    _flatten(texts[0], pieces, found, 0)
    text = "".join(pieces)
    timexes = tuple(
        _timex(path, element, start, end, text[start:end]) for start, end, element in found
    )
    return GoldTimeDocument(
        name=path.stem,
        text=text,
        dct=_creation_time(root),
        timexes=tuple(sorted(timexes, key=lambda timex: (timex.start, timex.end))),
    )


def _parse(path: Path) -> ElementTree.Element:
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        return ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise InputError(str(path), f"not well-formed XML ({error})") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read it ({error.strerror or error})") from None


def _local(tag: object) -> str:
    """A tag without its namespace (``{uri}TEXT`` is ``TEXT``); "" for comments and the like."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _flatten(
    element: ElementTree.Element,
    pieces: list[str],
    found: list[tuple[int, int, ElementTree.Element]],
    length: int,
) -> int:
    """Append the text inside ``element`` to ``pieces`` and the span of each TIMEX3 in it to
    ``found``; return the length of the text so far."""
    if element.text:
        pieces.append(element.text)
        length += len(element.text)
    for child in element:
        start = length
        length = _flatten(child, pieces, found, length)
        if _local(child.tag) == "TIMEX3":
            found.append((start, length, child))
        if child.tail:
            pieces.append(child.tail)
            length += len(child.tail)
    return length


def _timex(path: Path, element: ElementTree.Element, start: int, end: int, text: str) -> GoldTimex:
    tid = element.get("tid", "").strip()
    where = f"TIMEX3 {tid or '(no tid)'} {text!r}"
    if not tid:
        raise InputError(str(path), f"{where} has no tid")
    value = element.get("value", "").strip()
    if not value:
        raise InputError(str(path), f"{where} has no value")
    kind = _TYPES.get(element.get("type", "").strip().upper())
    if kind is None:
        known = ", ".join(TIMEX_TYPES)
        raise InputError(str(path), f"{where}: type {element.get('type')!r} is not {known}")
    return GoldTimex(start=start, end=end, text=text, type=kind, value=value, tid=tid)


def _creation_time(root: ElementTree.Element) -> str | None:
    """The value of the TIMEX3 marked as the creation time, the one in ``<DCT>`` first."""
    marked = [
        element
        for element in root.iter()
        if _local(element.tag) == "TIMEX3" and element.get("functionInDocument") == CREATION_TIME
    ]
    in_dct = [
        element
        for dct in root.iter()
        if _local(dct.tag) == "DCT"
        for element in dct.iter()
        if _local(element.tag) == "TIMEX3"
    ]
    for element in [*in_dct, *marked]:
        value = (element.get("value") or "").strip()
        if value:
            return value
    return None
