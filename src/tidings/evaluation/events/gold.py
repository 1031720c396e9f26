"""Event gold data: WikiEvents and RAMS read into texts with their events and arguments.

Both are read at run time from wherever the user keeps them (never bundled):

- **WikiEvents** (Li et al. 2021; ``dev.jsonl`` with ``dev.coref.jsonlines`` beside it):
  whole news articles. Each sentence comes with its string and its tokens' offsets; the
  ``text`` field runs sentences together without spaces, so the text is rebuilt here from
  the sentence strings, one line each, and every gold token keeps its exact span. An argument
  is an entity mention; every mention of its coreference cluster counts as it.
- **RAMS** (Ebner et al. 2020; ``*.jsonlines``): windows of five sentences, tokens only, one
  annotated event each. The text is detokenised (:func:`detokenise`: no space before ``, .``
  or ``'s``, quotes paired, ``al - Qaeda`` rejoined) keeping every token's span. There is no
  coreference: every occurrence of an argument's words in the window counts as it.

Types and roles are mapped to PLOVER types and tidings' fields by :mod:`.mapping`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tidings.errors import InputError
from tidings.evaluation.events.mapping import Field, SetMapping, mapping_for

__all__ = [
    "GoldArgument",
    "GoldDataset",
    "GoldDocument",
    "GoldEvent",
    "detokenise",
    "read_dataset",
]

DatasetName = Literal["WikiEvents", "RAMS"]
CharSpan = tuple[int, int]
_RAMS_ROLE = re.compile(r"^evt\d+arg\d+(.+)$")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldArgument:
    """One annotated argument: its role, the field it is scored as (None: not scored), the
    span annotated and every span that counts as the same participant."""

    role: str
    field: Field | None
    span: CharSpan
    mentions: tuple[CharSpan, ...]
    sentence: int  # of the annotated span


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldEvent:
    """One annotated event mention."""

    type: str
    trigger: CharSpan
    sentence: int
    accepted: tuple[str, ...]  # the PLOVER types that count as right; () when unmapped
    arguments: tuple[GoldArgument, ...]

    @property
    def mapped(self) -> bool:
        return bool(self.accepted)


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldDocument:
    """One text with its events; ``sentences`` are the character spans of its sentences."""

    name: str
    text: str
    sentences: tuple[CharSpan, ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldDataset:
    name: DatasetName
    path: str
    documents: tuple[GoldDocument, ...]


def read_dataset(path: Path) -> GoldDataset:
    """WikiEvents (a ``.jsonl`` with ``doc_id`` and ``event_mentions``) or RAMS (a
    ``.jsonlines`` with ``evt_triggers``), told apart by the first record. A folder is read as
    its ``dev`` split. Raises InputError naming the file and what is wrong."""
    path = _data_file(path)
    records = list(_records(path))
    if not records:
        raise InputError(str(path), "holds no records")
    first = records[0]
    if "event_mentions" in first and "sentences" in first:
        return _wikievents(path, records)
    if "evt_triggers" in first and "sentences" in first:
        return _rams(path, records)
    raise InputError(str(path), "is neither WikiEvents (event_mentions) nor RAMS (evt_triggers)")


def _data_file(path: Path) -> Path:
    if path.is_dir():
        for name in ("dev.jsonl", "dev.jsonlines"):
            if (path / name).is_file():
                return path / name
        raise InputError(str(path), "holds neither dev.jsonl (WikiEvents) nor dev.jsonlines (RAMS)")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    return path


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}", f"not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}", "a record is not a JSON object")
            yield record


# --- WikiEvents -----------------------------------------------------------------------------


def _wikievents(path: Path, records: list[dict[str, Any]]) -> GoldDataset:
    mapping = mapping_for("wikievents")
    clusters = _coref(path.with_name(path.name.replace(".jsonl", ".coref.jsonlines")))
    documents = []
    for number, record in enumerate(records, start=1):
        try:
            documents.append(_wikievents_document(record, mapping, clusters))
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise InputError(f"{path}:{number}", f"not a WikiEvents record ({error!r})") from None
    return GoldDataset(name="WikiEvents", path=str(path), documents=tuple(documents))


def _coref(path: Path) -> dict[str, list[str]]:
    """Entity mention id -> every mention id of its cluster (empty without the file)."""
    together: dict[str, list[str]] = {}
    if not path.is_file():
        return together
    for record in _records(path):
        for cluster in record.get("clusters", []):
            for mention in cluster:
                together[mention] = list(cluster)
    return together


def _wikievents_document(
    record: dict[str, Any], mapping: SetMapping, clusters: dict[str, list[str]]
) -> GoldDocument:
    name = str(record["doc_id"])
    pieces: list[str] = []
    token_spans: list[CharSpan] = []  # of every document token, in order
    sentence_spans: list[CharSpan] = []
    at = 0
    for tokens, string in record["sentences"]:
        if pieces:
            pieces.append("\n")
            at += 1
        first_offset = tokens[0][1] if tokens else 0
        lead = string.find(tokens[0][0]) if tokens else 0
        for token, start, end in tokens:
            local = start - first_offset + max(lead, 0)
            if string[local : local + len(token)] != token:  # the offsets drift: search
                found = string.find(token, max(local - 5, 0))
                local = found if found >= 0 else local
            token_spans.append((at + local, at + local + (end - start)))
        pieces.append(string)
        sentence_spans.append((at, at + len(string)))
        at += len(string)
    text = "".join(pieces)
    entities: dict[str, tuple[CharSpan, int]] = {}
    for entity in record["entity_mentions"]:
        start, end = int(entity["start"]), int(entity["end"])
        entities[entity["id"]] = (
            (token_spans[start][0], token_spans[end - 1][1]),
            int(entity["sent_idx"]),
        )
    events = []
    for mention in record["event_mentions"]:
        trigger = mention["trigger"]
        gold_type = str(mention["event_type"])
        span = (token_spans[trigger["start"]][0], token_spans[trigger["end"] - 1][1])
        arguments = []
        for argument in mention["arguments"]:
            entity_id = argument["entity_id"]
            entity_span, sentence = entities[entity_id]
            together = [
                entities[m][0] for m in clusters.get(entity_id, [entity_id]) if m in entities
            ]
            arguments.append(
                GoldArgument(
                    role=str(argument["role"]),
                    field=mapping.field_of(str(argument["role"]), gold_type),
                    span=entity_span,
                    mentions=tuple(dict.fromkeys([entity_span, *together])),
                    sentence=sentence,
                )
            )
        events.append(
            GoldEvent(
                type=gold_type,
                trigger=span,
                sentence=int(trigger["sent_idx"]),
                accepted=mapping.accepted(gold_type),
                arguments=tuple(arguments),
            )
        )
    return GoldDocument(name=name, text=text, sentences=tuple(sentence_spans), events=tuple(events))


# --- RAMS -----------------------------------------------------------------------------------


def _rams(path: Path, records: list[dict[str, Any]]) -> GoldDataset:
    mapping = mapping_for("rams")
    documents = []
    for number, record in enumerate(records, start=1):
        try:
            documents.append(_rams_document(record, mapping))
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise InputError(f"{path}:{number}", f"not a RAMS record ({error!r})") from None
    return GoldDataset(name="RAMS", path=str(path), documents=tuple(documents))


def _rams_document(record: dict[str, Any], mapping: SetMapping) -> GoldDocument:
    tokens: list[str] = []
    sentence_of: list[int] = []
    for number, sentence in enumerate(record["sentences"]):
        tokens.extend(str(t) for t in sentence)
        sentence_of.extend([number] * len(sentence))
    breaks = {i for i in range(1, len(tokens)) if sentence_of[i] != sentence_of[i - 1]}
    text, spans = detokenise(tokens, breaks)
    sentences = []
    for number in range(len(record["sentences"])):
        mine = [spans[i] for i in range(len(tokens)) if sentence_of[i] == number]
        if mine:
            sentences.append((mine[0][0], mine[-1][1]))
    lowered = [t.lower() for t in tokens]
    events = []
    for start, end, types in record["evt_triggers"]:
        gold_type = str(types[0][0])
        arguments = []
        for trigger_span, argument_span, role_name in record["gold_evt_links"]:
            if list(trigger_span) != [start, end]:
                continue
            found = _RAMS_ROLE.match(str(role_name))
            role = found.group(1) if found else str(role_name)
            first, last = int(argument_span[0]), int(argument_span[1])
            words = lowered[first : last + 1]
            occurrences = [
                (spans[i][0], spans[i + len(words) - 1][1])
                for i in range(len(tokens) - len(words) + 1)
                if lowered[i : i + len(words)] == words
            ]
            span = (spans[first][0], spans[last][1])
            arguments.append(
                GoldArgument(
                    role=role,
                    field=mapping.field_of(role, gold_type),
                    span=span,
                    mentions=tuple(dict.fromkeys([span, *occurrences])),
                    sentence=sentence_of[first],
                )
            )
        events.append(
            GoldEvent(
                type=gold_type,
                trigger=(spans[start][0], spans[end][1]),
                sentence=sentence_of[start],
                accepted=mapping.accepted(gold_type),
                arguments=tuple(arguments),
            )
        )
    return GoldDocument(
        name=str(record.get("doc_key", "")),
        text=text,
        sentences=tuple(sentences),
        events=tuple(events),
    )


NO_SPACE_BEFORE = frozenset(
    ", . ; : ! ? ) ] } % 's 'S 're 've 'll 'd 'm n't N'T ’s ’re ’ve ’ll ’d ’m ... ''".split()
)
NO_SPACE_AFTER = frozenset("( [ { $ # `` “ ‘".split())
CLOSING = frozenset({"''", "”", "’"})
_WORDLIKE = re.compile(r"^[\w’']+$")


def detokenise(tokens: Sequence[str], breaks: set[int] | None = None) -> tuple[str, list[CharSpan]]:
    """The text of a token list as a writer would set it, and each token's character span.
    ``breaks``: token indexes that start a new sentence (a space before, whatever the token).
    A straight double quote alternates between opening and closing; a lone hyphen between two
    words joins them ("al - Qaeda" -> "al-Qaeda")."""
    breaks = breaks or set()
    parts: list[str] = []
    spans: list[CharSpan] = []
    at = 0
    quote_open = False
    glue_next = False
    for index, token in enumerate(tokens):
        space = bool(parts) and not glue_next
        glue_next = False
        if token == '"':
            if quote_open:
                space = False
            else:
                glue_next = True
            quote_open = not quote_open
        elif token in NO_SPACE_BEFORE or token in CLOSING:
            space = False
        elif token in NO_SPACE_AFTER:
            glue_next = True
        elif token == "-" and 0 < index < len(tokens) - 1 and index not in breaks:
            before, after = tokens[index - 1], tokens[index + 1]
            if _WORDLIKE.match(before) and _WORDLIKE.match(after):
                space, glue_next = False, True
        if index in breaks and parts:
            space = True
        if space:
            parts.append(" ")
            at += 1
        spans.append((at, at + len(token)))
        parts.append(token)
        at += len(token)
    return "".join(parts), spans
