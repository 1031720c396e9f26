"""Quotes: what was said, by whom, with the cue verb that reports it.

``find_quotes(doc, entities, rules)`` returns direct and indirect quotes in text order, with
the cue verbs and speaker nouns of ``rules`` (:class:`tidings.rules.Rules`; the bundled ones
when not given: a user's ``[cues]`` come in through :func:`tidings.rules.load_rules`).
Offsets are string indexes into ``doc.text``; quote, speaker and cue spans all satisfy
``doc.text[start:end] == text``. The work is shared out:

- :mod:`.marks` pairs quote marks (“…”, "…", ''…'', ‘…’, «…», „…“; a
  lone apostrophe is not a quote mark) into quoted passages, over several paragraphs in the
  classic style;
- :mod:`.direct` finds the speaker and cue verb of each passage;
- :mod:`.indirect` finds reported speech (``X said (that) …``,
  ``…, according to X``) in the dependency parse;
- :mod:`.speakers` builds speaker noun phrases, resolves he/she/it/they
  to an earlier mention and links speakers to entities.

This module puts them together:

- A direct quote's text excludes the marks, surrounding spaces and a trailing comma
  (“We will win,”).
- A quote over several paragraphs in the classic style gives **one Quote per paragraph**, each
  with the same speaker and cue, so that no quote text spans a paragraph break.
- A quote that goes on in the same sentence after another (``“…,” she said, “…”``,
  ``“…” and “…”``) has the same speaker; one after a quote that ended a sentence inside its
  marks (``“… .” The council insisted that the mayor “…”``) does not.
- A quote that is the object complement of a framing verb (``X called the road “a waste”``,
  ``X dismissed the plan as “a waste”``: :func:`~.direct.framing`)
  has that verb's subject as speaker and the verb as cue, when no other cue attaches to it.
- A quote with no cue of its own inherits the speaker (not the cue) of the quote just before
  it when it starts a sentence in the same paragraph, or opens the next paragraph: the usual
  way a reporter lets a speaker go on. A quote inside an indirect quote's clause (``X said the
  plan was “reckless and dangerous”``) takes that indirect quote's speaker and cue.
- Scare quotes and titles are dropped: a quote with fewer than :data:`MIN_UNATTRIBUTED_WORDS`
  words (the so-called “hermit kingdom”), or whose words are all capitalised like a title
  (“Gone with the Wind”), unless both a speaker and a cue verb attach to it directly ("No,"
  she said; Ortiz called it “a waste”). A framing verb does not save a title (the mayor
  called the bridge “Unity Span”).
- A turn in an interview transcript (``ORTIZ: We expect ...``, in quote marks or not; see
  :mod:`.marks`) is a direct quote of the name in capitals, with no cue;
  a quoted paragraph without a name goes on with the turn before it.
- A speaker whose head word lies in a mention of one of ``entities`` carries that entity's id
  (for a resolved pronoun: the antecedent's head word; for a transcript's ORTIZ, a person
  whose name ends with Ortiz).
- A pronoun speaker that cannot be resolved (``They said …`` with no group before it), and
  I, we and you, which are never resolved, stay the speaker as written, with no entity.
- Indirect quotes whose speaker stays unknown (``one could argue that …``, ``urging him to
  say …``, no subject at all) are dropped; direct quotes are kept with ``speaker=None``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from tidings.extract.quotes.direct import (
    SENTENCE_ENDS,
    WORD,
    Attribution,
    after_quote,
    before_quote,
    framing,
)
from tidings.extract.quotes.indirect import indirect_quotes
from tidings.extract.quotes.marks import (
    QuotedPassage,
    find_quoted_passages,
    paragraph_spans,
    transcript_speaker,
    transcript_speakers,
)
from tidings.extract.quotes.speakers import (
    COLUMNS,
    NOT_SPEAKERS,
    Antecedents,
    TokenIndex,
    mention_kind,
)
from tidings.extract.syntax import phrase_head
from tidings.model import Entity, Quote, QuoteKind, Span, Speaker
from tidings.nlp import doc_text
from tidings.rules import Rules, load_rules

__all__ = ["find_quotes"]

MIN_UNATTRIBUTED_WORDS = 3
MAX_SPLIT_GAP = 80
# "one could argue that ...": no one in particular; "urging him to say ...": not the speaker
NOT_SPEAKER_PRONOUNS = frozenset({"one", "him", "her", "them", "me", "us"})
TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in of on or the to with".split())


@dataclass(slots=True)
class _Draft:
    kind: QuoteKind
    segments: list[tuple[int, int]]  # content characters, one range per paragraph
    attribution: Attribution | None
    opening: int  # first character of the quote, marks included
    transcript: bool = False  # a turn in an interview transcript: ORTIZ: ...

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def find_quotes(
    doc: Doc, entities: Sequence[Entity] = (), rules: Rules | None = None
) -> tuple[Quote, ...]:
    """Every direct and indirect quote in ``doc``, in text order."""
    rules = rules or load_rules()
    text = doc_text(doc)
    passages = [
        passage
        for passage in find_quoted_passages(text)
        if any(segment.end > segment.start for segment in passage.segments)
    ]
    index = _token_index(doc, text, passages, rules)
    speakers = transcript_speakers(text, index.paragraphs) if ":" in text else frozenset()
    drafts, cue_tokens = _direct_quotes(index, passages, speakers)
    if speakers:
        drafts.extend(_transcript_lines(index, speakers))
    for start, end, attribution in indirect_quotes(index, cue_tokens):
        drafts.append(_Draft("indirect", [(start, end)], attribution, start))
    drafts.sort(key=lambda draft: (draft.start, draft.kind))
    return _finish(index, drafts, entities)


def _direct_quotes(
    index: TokenIndex, passages: list[QuotedPassage], speakers: frozenset[str]
) -> tuple[list[_Draft], set[int]]:
    """Quoted passages with the speaker and cue attached to them; the cue tokens used."""
    text = index.text
    drafts: list[_Draft] = []
    cue_tokens: set[int] = set()
    previous_end = previous_content_end = 0
    previous: Attribution | None = None
    for passage in passages:
        attribution = after_quote(index, passage) or before_quote(index, passage, previous_end)
        if attribution is None or attribution.cue is None:
            framed = framing(index, passage)
            if framed is not None and framed.speaker is not None:
                attribution = framed
        if previous is not None and (attribution is None or attribution.speaker is None):
            gap = text[previous_end : passage.opening]
            if text[previous_content_end - 1 : previous_content_end] not in SENTENCE_ENDS:
                attribution = _split_quote(gap, previous, attribution)
        turns = _transcript_turns(index, passage, attribution, speakers) if speakers else []
        if turns:
            drafts.extend(turns)
            previous_end, previous = passage.after, None
            continue
        segments = [(segment.start, segment.end) for segment in passage.segments]
        segments = [(start, end) for start, end in segments if end > start]
        attributed = (
            attribution is not None
            and attribution.speaker is not None
            and attribution.cue is not None
        )
        if _title(text, segments) and (not attributed or _naming(index, attribution)):
            continue
        if _short(text, segments) and not attributed:
            continue
        previous_end, previous = passage.after, attribution
        previous_content_end = segments[-1][1]
        if attribution is not None and attribution.cue_token is not None:
            cue_tokens.add(attribution.cue_token)
        drafts.append(_Draft("direct", segments, attribution, passage.opening))
    return drafts, cue_tokens


def _transcript_turns(
    index: TokenIndex,
    passage: QuotedPassage,
    attribution: Attribution | None,
    speakers: frozenset[str],
) -> list[_Draft]:
    """A quoted transcript (``"ORTIZ: We expect ...``): one draft per paragraph, each turn with its
    speaker; a paragraph without a name goes on with the turn before it. Empty when no
    paragraph of ``passage`` opens with a speaker's name."""
    text = index.text
    turns = [transcript_speaker(text, segment.start, speakers) for segment in passage.segments]
    if not any(turns):
        return []
    drafts: list[_Draft] = []
    for segment, turn in zip(passage.segments, turns, strict=True):
        start, content = segment.start, [(segment.start, segment.end)]
        if turn is not None:
            attribution = Attribution((index.token_at(turn[0]), index.token_at(turn[1] - 1)), None)
            start = turn[2]
            content = [(start, segment.end)]
        elif _short(text, content) or _title(text, content):
            continue  # "(LAUGHTER.)"
        if segment.end > start:
            drafts.append(_Draft("direct", content, attribution, segment.opening, turn is not None))
    return drafts


def _transcript_lines(index: TokenIndex, speakers: frozenset[str]) -> list[_Draft]:
    """Paragraphs outside quote marks that are turns in a transcript: ``ORTIZ: We expect ...``."""
    text = index.text
    drafts: list[_Draft] = []
    for start, end in index.paragraphs[1:]:  # the first is the title
        start += len(text[start:end]) - len(text[start:end].lstrip())
        turn = transcript_speaker(text, start, speakers)
        if turn is None or index.in_quote[index.token_at(start)]:
            continue
        speaker = (index.token_at(turn[0]), index.token_at(turn[1] - 1))
        content = (turn[2], turn[2] + len(text[turn[2] : end].rstrip()))
        drafts.append(_Draft("direct", [content], Attribution(speaker, None), start, True))
    return drafts


def _split_quote(
    gap: str, previous: Attribution, attribution: Attribution | None
) -> Attribution | None:
    """“…,” she said, “…” or “…” and “…”: a quote goes on within one sentence."""
    if len(gap) > MAX_SPLIT_GAP or any(character in gap for character in ".!?;\n"):
        return attribution
    if attribution is None or attribution.cue is None:
        return previous
    return Attribution(previous.speaker, attribution.cue, attribution.cue_token)


def _token_index(doc: Doc, text: str, passages: list[QuotedPassage], rules: Rules) -> TokenIndex:
    attributes = doc.to_array(list(COLUMNS))
    starts = [int(start) for start in attributes[:, 0].tolist()] if len(doc) else []
    in_quote = bytearray(len(starts))
    for passage in passages:
        for segment in passage.segments:
            stop = segment.end if segment.closing is None else segment.closing + 1
            first, last = bisect_left(starts, segment.opening), bisect_left(starts, stop)
            in_quote[first:last] = b"\x01" * (last - first)
    sentence_of = [0] * len(starts)
    sentence_first: list[int] = []
    sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for number, sentence in enumerate(sentences):
        sentence_first.append(sentence.start)
        sentence_of[sentence.start : sentence.end] = [number] * (sentence.end - sentence.start)
    paragraphs = paragraph_spans(text)
    return TokenIndex(
        doc=doc,
        text=text,
        starts=starts,
        in_quote=in_quote,
        sentence_of=sentence_of,
        sentence_first=sentence_first,
        paragraphs=paragraphs,
        paragraph_starts=[start for start, _ in paragraphs],
        attributes=attributes,
        cues=rules.cues,
        speakers=rules.speakers,
    )


def _naming(index: TokenIndex, attribution: Attribution | None) -> bool:
    """Is the cue a framing verb (X called it “...”), which does not make a title a quote?"""
    cue = None if attribution is None else attribution.cue_token
    return cue is not None and index.doc[cue].lemma_.lower() in index.cues.framing


def _words(text: str, segments: list[tuple[int, int]]) -> list[str]:
    return [word for start, end in segments for word in WORD.findall(text[start:end])]


def _short(text: str, segments: list[tuple[int, int]]) -> bool:
    """Too short to be a quote without a speaker and a cue: a scare quote (“hermit kingdom”)."""
    return len(_words(text, segments)) < MIN_UNATTRIBUTED_WORDS


def _title(text: str, segments: list[tuple[int, int]]) -> bool:
    """Every word capitalised, like a title (“Gone with the Wind”)."""
    letters = [word for word in _words(text, segments) if word[0].isalpha()]
    return bool(letters) and all(
        word[0].isupper() or word.lower() in TITLE_SMALL_WORDS for word in letters
    )


def _finish(
    index: TokenIndex, drafts: list[_Draft], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Resolve pronouns and inherit speakers in text order; one Quote per paragraph segment."""
    text = index.text
    antecedents = Antecedents(index, entities)
    quotes: list[Quote] = []
    previous: tuple[_Draft, Speaker | None] | None = None
    open_indirect: list[tuple[_Draft, Speaker | None]] = []
    for draft in drafts:
        attribution = draft.attribution
        speaker = _speaker(index, antecedents, attribution)
        if draft.transcript and speaker is not None and speaker.entity is None:
            speaker = replace(speaker, entity=_entity_named(entities, speaker.name))
        cue = attribution.cue if attribution is not None else None
        if draft.kind == "direct" and attribution is None:
            for outer, outer_speaker in open_indirect:
                if outer.start <= draft.start < outer.end and outer.attribution is not None:
                    speaker, cue = outer_speaker, outer.attribution.cue
            if speaker is None and previous is not None and _continues(index, draft, previous[0]):
                speaker = previous[1]
        if draft.kind == "indirect" and speaker is None:
            continue  # "one could argue that ...": no one in particular
        if draft.kind == "indirect":
            open_indirect = [item for item in open_indirect if item[0].end > draft.start]
            open_indirect.append((draft, speaker))
        previous = (draft, speaker)
        cue_span = (
            None if cue is None else Span(start=cue[0], end=cue[1], text=text[cue[0] : cue[1]])
        )
        for start, end in draft.segments:
            quotes.append(
                Quote(
                    text=text[start:end],
                    start=start,
                    end=end,
                    kind=draft.kind,
                    speaker=speaker,
                    cue=cue_span,
                )
            )
    quotes.sort(key=lambda quote: (quote.start, quote.kind))
    return tuple(quotes)


def _speaker(
    index: TokenIndex, antecedents: Antecedents, attribution: Attribution | None
) -> Speaker | None:
    if attribution is None or attribution.speaker is None:
        return None
    doc, text = index.doc, index.text
    first, last = attribution.speaker
    head = phrase_head(doc, range(first, last + 1))
    kind = mention_kind(head, index.speakers)
    start, end = index.characters(first, last)
    if head.lower_ in NOT_SPEAKERS or head.lower_ in NOT_SPEAKER_PRONOUNS:
        return None
    if kind.startswith("pronoun"):
        found = antecedents.resolve(head) if first == last else None
        if found is None:  # "they said ...", "we said ...": the pronoun is all we have
            return Speaker(name=text[start:end], start=start, end=end)
        speaker = Speaker(
            name=text[found[0] : found[1]],
            start=found[0],
            end=found[1],
            entity=antecedents.entity_at(*found),
            resolved_from=Span(start=start, end=end, text=text[start:end]),
        )
        antecedents.add_speaker(start, speaker, kind.removeprefix("pronoun-"))
        return speaker
    speaker = Speaker(
        name=text[start:end], start=start, end=end, entity=antecedents.entity_at(start, end)
    )
    antecedents.add_speaker(start, speaker, kind)
    return speaker


def _entity_named(entities: Sequence[Entity], name: str) -> str | None:
    """The person a transcript calls ORTIZ: one whose name ends with that word (Maria Ortiz)."""
    wanted = name.upper()
    for entity in entities:
        if entity.type == "PERSON" and any(
            mention.text.upper() == wanted or mention.text.upper().endswith(" " + wanted)
            for mention in entity.mentions
        ):
            return entity.id
    return None


def _continues(index: TokenIndex, draft: _Draft, previous: _Draft) -> bool:
    """Does this unattributed quote go on from the quote before it?"""
    text = index.text
    paragraph = index.paragraph_at(draft.opening)
    gap = index.paragraph_at(previous.end) - paragraph
    paragraph_start = index.paragraphs[paragraph][0]
    if gap == 0:
        mark = index.token_at(draft.opening)
        sentence_start = index.starts[index.sentence_first[index.sentence_of[mark]]]
        before = text[max(sentence_start, previous.end) : draft.opening]
        return not before.strip() or before.rstrip()[-1:] in SENTENCE_ENDS
    return gap == -1 and not text[paragraph_start : draft.opening].strip()
