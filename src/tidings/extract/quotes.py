"""Quotes: what was said, by whom, with the cue verb that reports it.

``find_quotes(doc, entities)`` returns direct and indirect quotes in text order. Offsets are
string indexes into ``doc.text``; quote, speaker and cue spans all satisfy
``doc.text[start:end] == text``.

Direct quotes (the quote marks themselves are paired in :mod:`tidings.extract.quote_marks`):

- The content excludes the marks, surrounding spaces and a trailing comma (“We will win,”).
- A quote over several paragraphs in the classic style gives **one Quote per paragraph**, each
  with the same speaker and cue, so that no quote text spans a paragraph break.
- The speaker and cue are looked for right after the closing mark (``“…,” X said``,
  ``“…,” said X``, ``“…,” X told reporters``, ``“…” — X``, ``“…,” according to X``), then
  right before the opening mark (``X said: “…”``, ``X said “…”``, ``X told Y that “…”``,
  ``According to X, “…”``, ``X: “…”``). After a colon the cue verb may be anywhere in the
  sentence before it; otherwise only its own words (an object, a time, a place: ``X told the BBC on
  Tuesday “…”``) may stand between it and the mark. A paragraph that is
  only a quote, after a paragraph ending with a colon, takes its cue from that sentence.
- A quote that goes on in the same sentence after another (``“…,” she said, “…”``,
  ``“…” and “…”``) has the same speaker.
- A quote with no cue of its own inherits the speaker (not the cue) of the quote just before it
  when it starts a sentence in the same paragraph, or opens the next paragraph: the usual way
  a reporter lets a speaker go on. A quote inside an indirect quote's clause (``X said the plan
  was “reckless and dangerous”``) takes that indirect quote's speaker and cue.
- A quote after a colon with no cue verb at all is given to the subject of the sentence
  before the colon when that is a person, a group or a name (``In his message, he praised
  him: “…”``), with no cue.
- Scare quotes and titles are dropped: a quote with fewer than :data:`MIN_UNATTRIBUTED_WORDS`
  words (the so-called “hermit kingdom”), or whose words are all capitalised like a title
  (“Gone with the Wind”), unless both a speaker and a cue verb attach to it directly ("No,"
  she said). A naming verb (X called it “...”) does not count as a cue for this.

Indirect quotes, from the dependency parse:

- A reporting verb (:data:`REPORTING_VERBS`: say, tell, claim, announce, warn, ... ; not
  believe or think, which report opinions, nor ask, which reports questions) with a clausal
  complement: the content is that clause without its "that", the speaker the verb's subject
  (or the subject of the verb it hangs from: "..., adding that ..."; the agent of a passive).
  ``X, officials said`` (the reporting verb after the clause) works the same way. A negated
  verb ("did not say that") gives no quote, nor does a verb without a subject.
- ``…, according to X`` gives the clause the phrase attaches to (before it when it comes
  first), speaker X and cue "according to".
- Nothing inside a direct quote's marks becomes an indirect quote, and the cue verb of a direct
  quote never gives an indirect one too.

Speakers are noun phrases; pronouns are resolved to an earlier mention
(see :mod:`tidings.extract.quote_speakers`), and a speaker overlapping an entity mention
carries that entity's id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.extract.quote_marks import (
    DOUBLE_MARKS,
    QuotedPassage,
    find_quoted_passages,
    paragraph_spans,
)
from tidings.extract.quote_speakers import (
    COLUMNS,
    LEMMA_COLUMN,
    LOWER_COLUMN,
    SPEAKER_KINDS,
    Antecedents,
    Token,
    TokenIndex,
    mention_kind,
    noun_phrase,
    subject_of,
)
from tidings.model import Entity, Quote, QuoteKind, Span, Speaker

__all__ = ["CUE_VERBS", "REPORTING_VERBS", "find_quotes"]

REPORTING_VERBS = frozenset(
    """say tell claim announce warn state add explain report insist deny confirm acknowledge
    admit allege argue assert declare note reply respond stress emphasise emphasize maintain
    reiterate predict promise vow pledge write tweet comment indicate estimate reveal disclose
    concede complain mention suggest testify contend caution observe point recall conclude
    affirm clarify specify boast hint announce agree""".split()
)
CUE_VERBS = REPORTING_VERBS | frozenset(
    """ask continue shout scream exclaim whisper joke quip remark read chant yell answer post
    call describe begin cry plead demand urge""".split()
)
MIN_UNATTRIBUTED_WORDS = 3
MIN_INDIRECT_WORDS = 3
AFTER_WINDOW_TOKENS = 12
MAX_SPLIT_GAP = 80
BEFORE_GAP_TOKENS = 8
DASHES = frozenset({"—", "–", "-", "--", "―"})
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
NAMING_VERBS = frozenset({"call", "describe", "dub", "term", "label"})
NOT_SPEAKERS = frozenset("this that these those which what who whom whose there here".split())
TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in of on or the to with".split())
_WORD = re.compile(r"[^\W_]+")
_MARK_TOKENS = frozenset(DOUBLE_MARKS) | {"``", "''"}


@dataclass(slots=True)
class _Attribution:
    speaker: tuple[int, int] | None  # token range [first, last]
    cue: tuple[int, int] | None  # characters [start, end)
    cue_token: int | None = None


@dataclass(slots=True)
class _Draft:
    kind: QuoteKind
    segments: list[tuple[int, int]]  # content characters, one range per paragraph
    attribution: _Attribution | None
    opening: int  # first character of the quote, marks included

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def find_quotes(doc: Doc, entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Every direct and indirect quote in ``doc``, in text order."""
    text = doc.text
    passages = [
        passage
        for passage in find_quoted_passages(text)
        if any(segment.end > segment.start for segment in passage.segments)
    ]
    index = _token_index(doc, text, passages)
    drafts, cue_tokens = _direct_quotes(index, passages)
    drafts.extend(_indirect_quotes(index, cue_tokens))
    drafts.sort(key=lambda draft: (draft.start, draft.kind))
    return _finish(index, drafts, entities)


def _direct_quotes(
    index: TokenIndex, passages: list[QuotedPassage]
) -> tuple[list[_Draft], set[int]]:
    """Quoted passages with the speaker and cue attached to them; the cue tokens used."""
    text = index.text
    drafts: list[_Draft] = []
    cue_tokens: set[int] = set()
    previous_end = 0
    previous: _Attribution | None = None
    for passage in passages:
        attribution = _after_quote(index, passage) or _before_quote(index, passage, previous_end)
        if previous is not None and (attribution is None or attribution.speaker is None):
            attribution = _split_quote(text[previous_end : passage.opening], previous, attribution)
        segments = [(segment.start, segment.end) for segment in passage.segments]
        segments = [(start, end) for start, end in segments if end > start]
        if _scare_quote_or_title(text, segments) and (
            attribution is None
            or attribution.speaker is None
            or attribution.cue is None
            or _naming(index, attribution)
        ):
            continue
        previous_end, previous = passage.after, attribution
        if attribution is not None and attribution.cue_token is not None:
            cue_tokens.add(attribution.cue_token)
        drafts.append(_Draft("direct", segments, attribution, passage.opening))
    return drafts, cue_tokens


def _split_quote(
    gap: str, previous: _Attribution, attribution: _Attribution | None
) -> _Attribution | None:
    """“…,” she said, “…” or “…” and “…”: a quote goes on within one sentence."""
    if len(gap) > MAX_SPLIT_GAP or any(character in gap for character in ".!?;\n"):
        return attribution
    if attribution is None or attribution.cue is None:
        return previous
    return _Attribution(previous.speaker, attribution.cue, attribution.cue_token)


def _token_index(doc: Doc, text: str, passages: list[QuotedPassage]) -> TokenIndex:
    attributes = doc.to_array(COLUMNS)
    starts = [int(start) for start in attributes[:, 0].tolist()] if len(doc) else []
    in_quote = bytearray(len(starts))
    for passage in passages:
        for segment in passage.segments:
            stop = segment.end if segment.closing is None else segment.closing + 1
            first, last = bisect_left(starts, segment.opening), bisect_left(starts, stop)
            in_quote[first:last] = b"\x01" * (last - first)
    sentence_of = [0] * len(starts)
    sentence_first: list[int] = []
    for number, sentence in enumerate(doc.sents):
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
    )


def _is_cue(token: Token, verbs: frozenset[str] = CUE_VERBS) -> bool:
    return bool(token.tag_.startswith("VB") and token.lemma_.lower() in verbs)


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _cue_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _according_to(token: Token, index: TokenIndex) -> _Attribution | None:
    """``according to X`` starting at ``token``, or None."""
    doc = index.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"]
    phrase = noun_phrase(objects[0], index.in_quote) if objects else None
    return _Attribution(phrase, (token.idx, to.idx + len(to.text)), token.i)


def _after_quote(index: TokenIndex, passage: QuotedPassage) -> _Attribution | None:
    """``“…,” X said`` / ``“…,” said X`` / ``“…” — X`` / ``“…,” according to X``."""
    last = passage.segments[-1]
    if last.closing is None:
        return None
    doc, text = index.doc, index.text
    paragraph_end = index.paragraphs[index.paragraph_at(last.closing)][1]
    first = bisect_left(index.starts, passage.after)
    words: list[Token] = []
    for position in range(first, min(len(doc), first + AFTER_WINDOW_TOKENS)):
        token = doc[position]
        if token.idx >= paragraph_end or index.in_quote[position]:
            break
        if not token.is_space:
            words.append(token)
        if token.text in SENTENCE_ENDS:
            break
    if not words:
        return None
    if words[0].text in DASHES and len(words) > 1:
        return _Attribution(_phrase_in(words[1:], index), None)
    according = _according_to(words[0], index)
    if according is not None:
        return according
    if text[last.end - 1] == "." and words[0].text[:1].isupper():
        return None  # “... .” Then a new sentence.
    for position, token in enumerate(words):
        if _is_cue(token):
            if any(
                child.dep_ == "ccomp" and child.i > token.i and not index.in_quote[child.i]
                for child in token.children
            ):
                return None  # "“...” Smith said the plan ...": a new, indirect quote
            before = words[:position]
            if before and (
                before[0].pos_ in ("CCONJ", "SCONJ", "ADP")
                or not any(word.pos_ in ("NOUN", "PROPN", "PRON") for word in before)
            ):
                return None  # “...” and urged ...: not an attribution
            subject = subject_of(token)
            if subject is not None and subject.i >= first and not index.in_quote[subject.i]:
                speaker = noun_phrase(subject, index.in_quote)
            else:
                speaker = _phrase_in(before or words[position + 1 :], index)
            return _Attribution(speaker, _cue_span(token), token.i)
        if token.text in SENTENCE_ENDS or (
            _is_verb(token) and token.dep_ not in ("relcl", "acl", "amod")
        ):
            return None
    return None


def _phrase_in(words: list[Token], index: TokenIndex) -> tuple[int, int] | None:
    """The noun phrase of the first noun or name among ``words`` (up to a comma)."""
    for token in words:
        if token.text in (",", ";", "(") or token.text in SENTENCE_ENDS:
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token
            while head.dep_ in ("compound", "amod", "det", "nummod", "poss", "flat") and (
                head.head.i > head.i and head.head.i <= words[-1].i
            ):
                head = head.head
            return noun_phrase(head, index.in_quote)
    return None


def _before_quote(
    index: TokenIndex, passage: QuotedPassage, previous_end: int
) -> _Attribution | None:
    """``X said: “…”`` / ``X said “…”`` / ``According to X, “…”`` / ``X: “…”``."""
    doc, text = index.doc, index.text
    opening = passage.opening
    mark = index.token_at(opening)
    paragraph_start = index.paragraphs[index.paragraph_at(opening)][0]
    before = mark - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    # The sentence of the word before the mark: spaCy often starts a sentence at the mark.
    sentence_start = index.starts[index.sentence_first[index.sentence_of[max(before, 0)]]]
    window_start = max(paragraph_start, sentence_start, previous_end)
    words = [
        doc[position]
        for position in range(bisect_left(index.starts, window_start), mark)
        if doc[position].idx < opening and not doc[position].is_space
    ]
    if not words and not text[paragraph_start:opening].strip():
        words = _colon_paragraph_before(index, paragraph_start, previous_end)
    if not words:
        return None
    ending = words[-1].text
    if ending in SENTENCE_ENDS:
        return None  # “...,” X said. “...”: the next quote has no cue of its own
    colon = ending == ":"
    if ending in (":", ",") or ending in DASHES:
        words = words[:-1]
    if words and words[-1].lower_ == "that":
        words = words[:-1]
    if not words:
        return None
    if ending == ",":
        for token in words:
            according = _according_to(token, index)
            if according is not None and token.i + 1 < words[-1].i:
                return according
    search = words if colon else words[-(BEFORE_GAP_TOKENS + 1) :]
    for position in range(len(search) - 1, -1, -1):
        token = search[position]
        if _is_cue(token):
            complement = [child for child in token.children if child.dep_ == "ccomp"]
            if not colon and any(token.i < child.left_edge.i < mark for child in complement):
                return None  # a partial quote inside an indirect one
            if not colon and not all(_depends_on(word, token) for word in search[position + 1 :]):
                return None
            subject = subject_of(token)
            speaker = None
            if subject is not None and not index.in_quote[subject.i]:
                speaker = noun_phrase(subject, index.in_quote)
            return _Attribution(speaker, _cue_span(token), token.i)
        if not colon and _is_verb(token):
            return None
    if not colon:
        return None
    if len(words) <= 5 and not any(_is_verb(token) for token in words):
        if any(token.pos_ == "PROPN" or token.ent_type_ == "PERSON" for token in words):
            return _Attribution(_phrase_in(words, index), None)  # "Smith: “...”"
        return None
    root = words[-1].sent.root if words[-1].sent.root.i >= words[0].i else None
    subject = subject_of(root) if root is not None and _is_verb(root) else None
    if subject is not None and words[0].i <= subject.i and mention_kind(subject) in SPEAKER_KINDS:
        return _Attribution(noun_phrase(subject, index.in_quote), None)  # "X defended it: “...”"
    return None


def _depends_on(token: Token, verb: Token) -> bool:
    """Is ``token`` in the subtree of ``verb`` (its object, a time, a place)?"""
    for _ in range(8):
        if token.i == verb.i:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _colon_paragraph_before(
    index: TokenIndex, paragraph_start: int, previous_end: int
) -> list[Token]:
    """The last sentence of the previous paragraph, when it ends with a colon."""
    number = index.paragraph_at(paragraph_start)
    if number == 0:
        return []
    start, end = index.paragraphs[number - 1]
    if not index.text[start:end].rstrip().endswith(":"):
        return []
    doc = index.doc
    last = bisect_left(index.starts, end) - 1
    while last > 0 and doc[last].is_space:
        last -= 1
    first = max(index.sentence_first[index.sentence_of[last]], bisect_left(index.starts, start))
    return [
        doc[position]
        for position in range(first, last + 1)
        if not doc[position].is_space and doc[position].idx >= previous_end
    ]


def _naming(index: TokenIndex, attribution: _Attribution) -> bool:
    """Is the cue a naming verb (X called it “...”), which does not make a short quote?"""
    cue = attribution.cue_token
    return cue is not None and index.doc[cue].lemma_.lower() in NAMING_VERBS


def _ends_sentence(index: TokenIndex, last: int) -> bool:
    """Is token ``last`` followed only by punctuation up to the end of its sentence?"""
    doc = index.doc
    sentence = index.sentence_of[last]
    for position in range(last + 1, len(doc)):
        token = doc[position]
        if index.sentence_of[position] != sentence:
            return True
        if not (token.is_space or token.text in SENTENCE_ENDS or token.text in _MARK_TOKENS):
            return False
    return True


def _scare_quote_or_title(text: str, segments: list[tuple[int, int]]) -> bool:
    words = [word for start, end in segments for word in _WORD.findall(text[start:end])]
    if len(words) < MIN_UNATTRIBUTED_WORDS:
        return True
    letters = [word for word in words if word[0].isalpha()]
    return bool(letters) and all(
        word[0].isupper() or word.lower() in TITLE_SMALL_WORDS for word in letters
    )


def _indirect_quotes(index: TokenIndex, cue_tokens: set[int]) -> list[_Draft]:
    drafts: list[_Draft] = []
    seen: set[tuple[int, int]] = set()
    positions = index.tokens_with(LEMMA_COLUMN, REPORTING_VERBS)
    positions += index.tokens_with(LOWER_COLUMN, ("according",))
    for position in sorted(positions):
        token = index.doc[position]
        if index.in_quote[position] or position in cue_tokens:
            continue
        if token.lower_ == "according":
            found = _according_clause(index, token)
        elif _is_cue(token, REPORTING_VERBS):
            found = _reported_clause(index, token)
        else:
            continue
        if found is None:
            continue
        content, attribution = found
        if content in seen or index.in_quote[content[0]]:
            continue
        start, end = index.characters(*content)
        if len(_WORD.findall(index.text[start:end])) < MIN_INDIRECT_WORDS:
            continue
        seen.add(content)
        drafts.append(_Draft("indirect", [(start, end)], attribution, start))
    return drafts


def _reported_clause(
    index: TokenIndex, verb: Token
) -> tuple[tuple[int, int], _Attribution] | None:
    """The complement clause and speaker of a reporting verb."""
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    if verb.lemma_.lower() == "point" and not any(
        child.dep_ == "prt" and child.lower_ == "out" for child in verb.children
    ):
        return None
    complements = [child for child in verb.children if child.dep_ == "ccomp"]
    if complements:
        clause = complements[-1]
        first, last = clause.left_edge.i, clause.right_edge.i
        if last < verb.i and not all(
            token.is_punct for token in verb.doc[last + 1 : verb.left_edge.i]
        ):
            return None  # a clause before the verb must end where its attribution begins
    elif (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
        and _is_verb(verb.head)
        and verb.doc[verb.left_edge.i - 1].text == ","
        and _ends_sentence(index, verb.right_edge.i)
    ):
        first, last = verb.head.left_edge.i, verb.left_edge.i - 1  # "..., officials said"
    else:
        return None
    if first <= verb.i <= last:
        first = verb.i + 1  # "..., which he said would ..."
    sentence = index.sentence_first[index.sentence_of[verb.i]]
    content = _trim_clause(index, max(first, sentence), last)
    subject = subject_of(verb)
    if content is None or subject is None or index.in_quote[subject.i]:
        return None
    if subject.lower_ in NOT_SPEAKERS:
        return None
    speaker = noun_phrase(subject, index.in_quote)
    if speaker is None:
        return None
    return content, _Attribution(speaker, _cue_span(verb), verb.i)


def _according_clause(
    index: TokenIndex, according: Token
) -> tuple[tuple[int, int], _Attribution] | None:
    """The clause that ``according to X`` is attached to, with X as its speaker."""
    attribution = _according_to(according, index)
    if attribution is None or attribution.speaker is None:
        return None
    doc = index.doc
    sentence = index.sentence_of[according.i]
    sentence_start = index.sentence_first[sentence]
    sentence_end = (
        index.sentence_first[sentence + 1] - 1
        if sentence + 1 < len(index.sentence_first)
        else len(doc) - 1
    )
    head = according.head
    phrase_end = according.doc[according.i + 1].right_edge.i
    if head.i < according.i and head is not according:
        first, last = head.left_edge.i, according.i - 1
    elif head.i > according.i and _is_verb(head):
        first, last = head.left_edge.i, head.right_edge.i
        if first >= according.i:  # "According to X, ..." opens the clause
            first = phrase_end + 1
    elif according.i - sentence_start >= MIN_INDIRECT_WORDS:
        first, last = sentence_start, according.i - 1
    else:
        first, last = phrase_end + 1, sentence_end
    content = _trim_clause(index, max(first, sentence_start), min(last, sentence_end))
    return None if content is None else (content, attribution)


def _trim_clause(index: TokenIndex, first: int, last: int) -> tuple[int, int] | None:
    """Without leading "that" and punctuation, trailing punctuation and conjunctions."""
    doc = index.doc
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or doc[first].lower_ == "that"
    ):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    if last < first:
        return None
    marks = sum(1 for position in range(first, last + 1) if doc[position].text in _MARK_TOKENS)
    if marks % 2:  # keep the closing mark of a partial quote that ends the clause
        for position in range(last + 1, min(last + 3, len(doc))):
            if doc[position].text in _MARK_TOKENS:
                last = position
                break
    return first, last


def _finish(index: TokenIndex, drafts: list[_Draft], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Resolve pronouns and inherit speakers in text order; one Quote per paragraph segment."""
    text = index.text
    antecedents = Antecedents(index, entities)
    quotes: list[Quote] = []
    previous: tuple[_Draft, Speaker | None] | None = None
    open_indirect: list[tuple[_Draft, Speaker | None]] = []
    for draft in drafts:
        attribution = draft.attribution
        speaker = _speaker(index, antecedents, attribution)
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
        cue_span = None if cue is None else Span(start=cue[0], end=cue[1], text=text[cue[0] : cue[1]])
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
    index: TokenIndex, antecedents: Antecedents, attribution: _Attribution | None
) -> Speaker | None:
    if attribution is None or attribution.speaker is None:
        return None
    doc, text = index.doc, index.text
    first, last = attribution.speaker
    head = _phrase_head(doc, first, last)
    kind = mention_kind(head)
    start, end = index.characters(first, last)
    if head.lower_ in NOT_SPEAKERS:
        return None
    if kind.startswith("pronoun"):
        found = antecedents.resolve(head) if first == last else None
        if found is None:
            return None
        speaker = Speaker(
            name=text[found[0] : found[1]],
            start=found[0],
            end=found[1],
            entity=antecedents.entity_at(*found),
            resolved_from=head.text,
        )
        antecedents.add_speaker(start, speaker, kind.removeprefix("pronoun-"))
        return speaker
    speaker = Speaker(
        name=text[start:end], start=start, end=end, entity=antecedents.entity_at(start, end)
    )
    antecedents.add_speaker(start, speaker, kind)
    return speaker


def _phrase_head(doc: Doc, first: int, last: int) -> Token:
    for position in range(first, last + 1):
        token = doc[position]
        if not first <= token.head.i <= last or token.head is token:
            return token
    return doc[last]


def _continues(index: TokenIndex, draft: _Draft, previous: _Draft) -> bool:
    """Does this unattributed quote go on from the quote before it?"""
    text = index.text
    paragraph = index.paragraph_at(draft.opening)
    gap = index.paragraph_at(previous.end) - paragraph
    paragraph_start = index.paragraphs[paragraph][0]
    if gap == 0:
        mark = index.token_at(draft.opening)
        sentence_start = index.starts[index.sentence_first[index.sentence_of[mark]]]
        return not text[max(sentence_start, previous.end) : draft.opening].strip() or (
            text[: draft.opening].rstrip()[-1:] in SENTENCE_ENDS
        )
    return gap == -1 and not text[paragraph_start : draft.opening].strip()
