"""brat standoff annotation files (``.ann``): text-bound spans and the events that tie them.

Only what the evaluations need is read:

- ``T`` lines, ``T12<TAB>Label START END[;START END]...<TAB>text``: a span, possibly
  discontinuous (fragments separated by ``;``, in any order; brat writes their texts joined by
  one space). The text may run over several lines when the span holds line breaks.
- ``E`` lines, ``E3<TAB>Type:T12 Role:T9 Role2:T10``: an event with its trigger and arguments.

Other lines (relations ``R``, attributes ``A``/``M``, notes ``#``, equivalences ``*``) are
skipped. Offsets are character offsets (Python string indexes) into the ``.txt`` file as read,
without newline translation; :func:`check_offsets` verifies that against the stored texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BratEvent", "Standoff", "TextBound", "check_offsets", "parse_standoff"]

_RECORD = re.compile(r"(?:[TRAEMN]\d+|#\d*|\*)\t")


@dataclass(frozen=True, kw_only=True, slots=True)
class TextBound:
    """A labelled span: one or more ``(start, end)`` fragments, end-exclusive."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class BratEvent:
    """An event: its type, its trigger's id and its ``(role, id)`` arguments in file order."""

    id: str
    type: str
    trigger: str
    arguments: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Standoff:
    """The spans and events of one annotation file."""

    spans: dict[str, TextBound]
    events: tuple[BratEvent, ...]


def parse_standoff(content: str) -> Standoff:
    """Parse the text of an ``.ann`` file. Raises ValueError on a malformed T or E line."""
    spans: dict[str, TextBound] = {}
    events: list[BratEvent] = []
    for number, record in _records(content):
        identifier, _, rest = record.partition("\t")
        try:
            if identifier.startswith("T"):
                spans[identifier] = _text_bound(identifier, rest)
            elif identifier.startswith("E"):
                events.append(_event(identifier, rest))
        except ValueError:
            first_line = record.split("\n", 1)[0]
            raise ValueError(f"line {number}: not a brat T or E line: {first_line!r}") from None
    return Standoff(spans=spans, events=tuple(events))


def check_offsets(standoff: Standoff, text: str) -> str | None:
    """None when every span's stored text equals its fragments of ``text``; else the first
    span that does not, described in a few words."""
    for span in standoff.spans.values():
        expected = " ".join(text[start:end] for start, end in span.fragments)
        if span.text.rstrip("\n") != expected.rstrip("\n"):
            return f"{span.id} {span.text[:40]!r} stands as {expected[:40]!r} in the text"
    return None


def _records(content: str) -> list[tuple[int, str]]:
    """(line number, record) with continuation lines (a span text's line breaks) folded in."""
    records: list[tuple[int, str]] = []
    for number, line in enumerate(content.split("\n"), start=1):
        if _RECORD.match(line) or not records:
            if line.strip():
                records.append((number, line))
        else:
            first, previous = records[-1]
            records[-1] = (first, previous + "\n" + line)
    return records


def _text_bound(identifier: str, rest: str) -> TextBound:
    header, _, text = rest.partition("\t")
    label, _, offsets = header.partition(" ")
    fragments: list[tuple[int, int]] = []
    for fragment in offsets.split(";"):
        start, end = (int(value) for value in fragment.split())
        if not 0 <= start <= end:
            raise ValueError(fragment)
        fragments.append((start, end))
    if not label or not fragments:
        raise ValueError(rest)
    return TextBound(id=identifier, label=label, fragments=tuple(fragments), text=text)


def _event(identifier: str, rest: str) -> BratEvent:
    parts = rest.split()
    if not parts:
        raise ValueError(rest)
    event_type, trigger = parts[0].split(":")
    arguments = tuple(tuple(part.split(":")) for part in parts[1:])
    if any(len(argument) != 2 for argument in arguments):
        raise ValueError(rest)
    return BratEvent(
        id=identifier,
        type=event_type,
        trigger=trigger,
        arguments=tuple((role, target) for role, target in arguments),
    )
