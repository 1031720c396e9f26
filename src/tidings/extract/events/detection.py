"""Events: who did what to whom, where and when, each with the words behind it.

``find_events(doc, rules, ...)`` finds the triggers of the event lexicon (:mod:`.lexicon`),
keeps those that report an event of their own (:mod:`.selection`) and settles their type
(:mod:`.causes`), and for each one finds the actor and target (:mod:`.arguments`,
resolved to actors by :mod:`.actors`), whether it happened (:mod:`.modality`), who
reports it (the speaker of a quote around it, or whoever accuses or claims:
:mod:`.allegations`), the casualties stated in its sentence (:mod:`.casualties`, one event
per sentence carries them) and where and when it happened (:mod:`.scene`). How each event
type behaves is read from ``tidings/data/events/types.toml`` (:class:`tidings.rules.EventType`).

The other mentions of an event (the headline, "the defection" later, the toll it took) are
merged into it (:mod:`.coreference`). The story around an event fills what its clause does
not say: an event that happened takes the date its sentence gives, else that of the nearest
event sharing its actor or target, else, told in the headline or lead, the publication date;
and the place its sentence names, else where the text puts its actor or target nearby, else
the passage's, else the article's focus (``date_source`` / ``place_source`` say which).
Its ACLED types follow from :mod:`.acled`. ``confidence`` is a heuristic (trigger kind,
arguments found), not a calibrated probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.extract.events.acled import acled_coding, event_words
from tidings.extract.events.actors import REFLEXIVES, ActorBook
from tidings.extract.events.allegations import alleging_word
from tidings.extract.events.arguments import owner, participants
from tidings.extract.events.casualties import casualties
from tidings.extract.events.causes import attack_stories, with_cause
from tidings.extract.events.coreference import merge_mentions
from tidings.extract.events.drafts import Draft
from tidings.extract.events.lexicon import TriggerMatch, find_triggers
from tidings.extract.events.modality import is_negated, modality
from tidings.extract.events.scene import (
    CONTEXT_WINDOW,
    calendar,
    clause_date,
    clause_place,
    clause_site,
    date_anchors,
    locations,
    nearest,
    passage_places,
    place_rank,
    place_tokens,
    sentence_places,
)
from tidings.extract.events.selection import kept_triggers
from tidings.extract.syntax import passive_voice, sentence_numbers
from tidings.model import (
    HAPPENED_MODALITIES,
    Actor,
    DateMention,
    Entity,
    Event,
    EventMention,
    Focus,
    Place,
    Quote,
    Span,
)
from tidings.nlp import doc_text
from tidings.rules import AcledRules, EventType, Lexicon, Rules

__all__ = ["find_events"]

ASSERTED = HAPPENED_MODALITIES
NOUN_IN_CLAUSE = frozenset({"nsubj", "nsubjpass", "dobj"})  # an event noun its verb places
LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class _Article:
    """What every step reads of the article: its text, headline and sentences."""

    doc: Doc
    text: str
    title_end: int  # where the headline ends (0 without one)
    sentences: list[SpacySpan]
    sentence_of: list[int]  # sentence number of every token

    @classmethod
    def read(cls, doc: Doc, title: str | None) -> _Article:
        text = doc_text(doc)
        title_end = len(title) if title and text.startswith(title) else 0
        return cls(doc, text, title_end, list(doc.sents), sentence_numbers(doc))

    @property
    def lead_end(self) -> int:
        """Where the lead (the first sentences after the headline) ends."""
        lead = [s for s in self.sentences if s.start_char >= self.title_end][:LEAD_SENTENCES]
        return lead[-1].end_char if lead else self.title_end


def find_events(
    doc: Doc,
    rules: Rules,
    *,
    entities: Sequence[Entity],
    places: Sequence[Place],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
    focus: Sequence[Focus] = (),
    title: str | None = None,
    published: str | None = None,
) -> tuple[tuple[Actor, ...], tuple[Event, ...]]:
    """The article's actors and events, in text order; ``published`` (the publication
    date) dates the current events its headline and lead report."""
    article = _Article.read(doc, title)
    lexicon = rules.events
    book = ActorBook(doc, entities, quotes, rules, title)
    matches, tolls = _typed_triggers(article, lexicon)
    drafts = _drafts(matches, article, lexicon, book)
    toll_drafts = _drafts(tolls, article, lexicon, book, tolls=True)
    book.link_agent_descriptions()
    place_at = place_tokens(doc, places, rules.roles, rules.sites)
    date_at = date_anchors(doc, dates)
    _clause_scene(drafts, rules, place_at, date_at, article.text)
    _modalities(drafts, article, quotes, book)
    _reporters_act(drafts, lexicon, book)
    drafts = merge_mentions(
        drafts,
        toll_drafts,
        book,
        title_end=article.title_end,
        lead_end=article.lead_end,
        intransitive=frozenset(name for name, kind in lexicon.types.items() if not kind.transitive),
        includes={name: kind.includes for name, kind in lexicon.types.items() if kind.includes},
    )
    sentence_places(drafts, place_at, article.sentence_of, book)
    _sentence_dates(drafts, date_at, article.sentence_of)
    _context(drafts, book, locations(doc, place_at, book, article.sentence_of))
    passage_places(drafts, place_at, article.sentence_of, places, focus)
    if published:
        _published(drafts, article, published)
    return _finished(drafts, article, lexicon, book, rules.acled)


def _typed_triggers(
    article: _Article, lexicon: Lexicon
) -> tuple[list[TriggerMatch], list[TriggerMatch]]:
    """The triggers that report an event of their own, each of the type its cause says, and
    those that tell another's toll."""
    matches, tolls = kept_triggers(
        find_triggers(article.doc, lexicon), article.sentence_of, lexicon
    )
    typed = [with_cause(match, lexicon) for match in matches]
    return attack_stories(typed, article.lead_end, lexicon), tolls


def _drafts(
    matches: list[TriggerMatch],
    article: _Article,
    lexicon: Lexicon,
    book: ActorBook,
    *,
    tolls: bool = False,
) -> list[Draft]:
    """One draft event per trigger that has the arguments its kind needs, with its actor and
    target; the book learns who did what (for "the defector"). ``tolls``: the drafts are
    tolls, with their victims as target and no actor."""
    drafts: list[Draft] = []
    not_doers = lexicon.not_doers
    for match in matches:
        trigger = match.trigger
        kind = lexicon.types[trigger.type]
        actor_word, target_word = participants(match, kind, article.title_end)
        sentence = article.sentence_of[match.head.i]
        draft = Draft(match, sentence, None if tolls else book.doer(actor_word, not_doers), None)
        draft.target = book.actor_of(target_word)
        if draft.target is None:
            draft.target = book.actor_of(owner(target_word))
        reflexive = target_word is not None and target_word.lower_ in REFLEXIVES
        if _one_actor(book, draft.actor, draft.target) and not reflexive:
            draft.target = None  # a misread pronoun; "killed himself" stays
        if tolls:
            if draft.target is None and trigger.toll_only:  # "three officers died": victims
                draft.target = book.actor_of(actor_word)
            drafts.append(draft)
            continue
        if not trigger.noun and trigger.needs_target and draft.target is None:
            continue  # "released its findings", "met the deadline"
        if not kind.transitive and not trigger.noun and passive_voice(match.head):
            continue  # "windows were broken out"
        if draft.actor is not None:
            book.note_doer(draft.actor, trigger.type)
        drafts.append(draft)
    return drafts


def _clause_scene(
    drafts: list[Draft],
    rules: Rules,
    place_at: dict[int, Place],
    date_at: dict[int, DateMention],
    text: str,
) -> None:
    """The place, the site and the calendar date each event's own clause gives; an event
    noun that is the subject or object of a verb takes that verb's ("a bomb exploded in
    Kabul", "carried out an attack at the market")."""
    events = frozenset(d.match.head.i for d in drafts if not d.match.trigger.noun)
    for draft in drafts:
        head = draft.match.head
        moves = rules.events.types[draft.type].moves
        words = [head]
        if draft.match.trigger.noun and head.dep_ in NOUN_IN_CLAUSE:
            words.append(head.head)
        for word in words:
            draft.place = draft.place or clause_place(word, place_at, moves)
            site = clause_site(word, rules.sites)
            if draft.site is None and site is not None:
                draft.site = Span(start=site[0], end=site[1], text=text[site[0] : site[1]])
        if draft.site is not None and draft.place is None:  # "the station in Belfast"
            draft.place = _place_within(draft.site, place_at, head.doc)
        draft.place_source = "clause" if draft.place else None
        draft.date = clause_date(head, date_at, events)
        draft.date_source = "clause" if draft.date and draft.date.value else None


def _place_within(site: Span, place_at: dict[int, Place], doc: Doc) -> Place | None:
    span = doc.char_span(site.start, site.end, alignment_mode="expand")
    if span is None:
        return None
    return next((place_at[t.i] for t in span if t.i in place_at), None)


def _modalities(
    drafts: list[Draft], article: _Article, quotes: Sequence[Quote], book: ActorBook
) -> None:
    """Whether each event happened, and who reports it: a quote's speaker, or whoever
    accuses or claims. A date that is not on the calendar ("every year") is dropped here,
    once it has said the event is generic."""
    for draft in drafts:
        head = draft.match.head
        set_date = draft.date is not None and draft.date.type == "SET"
        if draft.date is not None and not calendar(draft.date):
            draft.date = None
            draft.date_source = None
        draft.negated = is_negated(head)
        in_title = head.idx < article.title_end
        draft.modality = modality(head, draft.match.trigger.noun, in_title, set_date) or "asserted"
        quote = next((q for q in quotes if q.start <= draft.match.start < q.end), None)
        if quote is not None:
            draft.reported_by = book.speaker_actor(quote)
            if draft.modality == "asserted":
                draft.modality = "reported"
        alleging = alleging_word(head)
        if alleging is not None and draft.modality in ASSERTED:
            draft.modality = "reported"  # an allegation, not a fact the text asserts
            claimant = next((c for c in alleging.children if c.dep_ == "nsubj"), None)
            claimant_actor = book.actor_of(claimant)
            if claimant_actor is not None:  # cluster 0 is an actor too
                draft.reported_by = claimant_actor


def _reporters_act(drafts: list[Draft], lexicon: Lexicon, book: ActorBook) -> None:
    """An event with no actor of its own, reported by an actor of one of its type's
    ``reporters_act`` roles, was done by that reporter ("a man was arrested, police said")."""
    for draft in drafts:
        reporter = draft.reported_by
        if draft.actor is not None or reporter is None or _one_actor(book, reporter, draft.target):
            continue
        if book.role_of(reporter) in lexicon.types[draft.type].reporters_act:
            draft.actor = reporter


def _one_actor(book: ActorBook, one: int | None, other: int | None) -> bool:
    """Do both clusters name one actor (whatever was merged since they were read)?"""
    return one is not None and other is not None and book.root(one) == book.root(other)


def _sentence_dates(
    drafts: list[Draft], date_at: dict[int, DateMention], sentence_of: Sequence[int]
) -> None:
    """An event that happened with no date in its clause takes the calendar date its
    sentence gives nearest to it, unless that date belongs to another event's clause
    (``date_source``: ``sentence``)."""
    heads = {d.match.head.i for d in drafts} | {m.match.head.i for d in drafts for m in d.mentions}
    for draft in drafts:
        if draft.date is not None or draft.negated or draft.modality not in ASSERTED:
            continue
        head = draft.match.head.i
        sentences = {draft.sentence, *(m.sentence for m in draft.mentions)}
        found = [
            (index, mention)
            for index, mention in date_at.items()
            if sentence_of[index] in sentences
            and calendar(mention)
            and (index not in heads or index == head)
        ]
        if found:
            _, draft.date = min(found, key=lambda item: abs(item[0] - head))
            draft.date_source = "sentence"


def _published(drafts: list[Draft], article: _Article, published: str) -> None:
    """A current event the headline or lead reports with no date of its own happened on
    the publication date, as far as the article says (``date_source``: ``published``, day
    precision); not a background event (past perfect: "had raided"), a state or habit (the
    present simple outside the headline) nor one that did not happen."""
    day = published[:10]
    for draft in drafts:
        if draft.date is not None or draft.negated or draft.modality not in ASSERTED:
            continue
        matches = (draft.match, *(m.match for m in draft.mentions))
        if not any(m.start < article.lead_end for m in matches):
            continue
        if any(_past_perfect(match.head) for match in matches):
            continue
        if draft.match.start >= article.title_end and _present_simple(draft.match.head):
            continue  # "those on the North Korean side are instructed to shoot": a standing state
        draft.date = DateMention(text=day, start=0, end=0, value=day, type="DATE", precision="day")
        draft.date_source = "published"


def _present_simple(verb: Token) -> bool:
    """ "are instructed", "defect": the present simple of the body tells a state or a habit,
    not the news (headlines excepted: they report the past in the present)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:
        return all(c.tag_ in ("VBP", "VBZ") for c in auxiliaries) and verb.tag_ != "VBG"
    return verb.tag_ in ("VBP", "VBZ")


def _past_perfect(verb: Token) -> bool:
    """ "had raided", "had been attacked": told as before the time of the story."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children)


def _finished(
    drafts: list[Draft],
    article: _Article,
    lexicon: Lexicon,
    book: ActorBook,
    acled_rules: AcledRules | None,
) -> tuple[tuple[Actor, ...], tuple[Event, ...]]:
    """The actors the events refer to, coded, and the events, numbered in text order; the
    first event of a casualty type told in a sentence carries the sentence's toll."""
    used = {c for d in drafts for c in (d.actor, d.target, d.reported_by) if c is not None}
    actors, ids = book.actors(used)
    coded = {actor.id: actor for actor in actors}
    toll_owner: dict[int, int] = {}  # sentence -> the one event that carries its toll
    for index, draft in enumerate(drafts):
        if lexicon.types[draft.type].casualties:
            for sentence in (draft.sentence, *(m.sentence for m in draft.mentions)):
                toll_owner.setdefault(sentence, index)
    events = tuple(
        _event(
            number, draft, lexicon.types[draft.type], ids, coded, article, acled_rules,
            tolls=[article.sentences[s] for s, owner in toll_owner.items() if owner == number - 1],
        )
        for number, draft in enumerate(drafts, start=1)
    )  # fmt: skip
    return actors, events


def _context(drafts: list[Draft], book: ActorBook, locations: list[tuple[int, Place, int]]) -> None:
    """Dates and places from the events and statements around an event."""
    for draft in drafts:
        if draft.modality not in ASSERTED:
            continue
        mine = {book.root(c) for c in (draft.actor, draft.target) if c is not None}
        if not mine:
            continue
        if draft.date is None:
            dated = [
                d for d in drafts
                if d.date_source == "clause"
                and not _past_perfect(d.match.head)  # "the men had bombed a bridge in 2008"
                and {book.root(c) for c in (d.actor, d.target) if c is not None} & mine
            ]  # fmt: skip
            source = nearest(dated, draft.sentence, lambda d: d.sentence)
            if source is not None:
                draft.date, draft.date_source = source.date, "context"
        if draft.place is None:
            located = [loc for loc in locations if loc[0] in mine]
            located += [
                (c, d.place, d.sentence) for d in drafts if d.place_source == "clause"
                for c in (d.actor, d.target) if c is not None and book.root(c) in mine
                and d.place is not None
            ]  # fmt: skip
            located = [loc for loc in located if abs(loc[2] - draft.sentence) <= CONTEXT_WINDOW]
            if located:
                finest = min(place_rank(loc[1]) for loc in located)
                located = [loc for loc in located if place_rank(loc[1]) == finest]
                near = nearest(located, draft.sentence, lambda loc: loc[2])
                if near is not None:
                    draft.place, draft.place_source = near[1], "context"


def _event(
    number: int,
    draft: Draft,
    kind: EventType,
    ids: dict[int, str],
    actors: dict[str, Actor],
    article: _Article,
    acled_rules: AcledRules | None,
    *,
    tolls: list[SpacySpan],
) -> Event:
    match = draft.match
    text = article.text
    actor = ids.get(draft.actor) if draft.actor is not None else None
    target = ids.get(draft.target) if draft.target is not None else None
    killed = injured = None
    for sentence in tolls:  # the first sentence that states each count
        sentence_killed, sentence_injured = casualties(sentence)
        killed = killed if killed is not None else sentence_killed
        injured = injured if injured is not None else sentence_injured
    mentions = sorted(draft.mentions, key=lambda m: m.match.start)
    # the mode the most specific mention gives ("killed in an airstrike": heavy weapons)
    trigger = next(
        (
            m.trigger
            for m in (match, *(m.match for m in mentions))
            if m.trigger.mode and m.trigger.type == draft.type  # a mode of the event's type
        ),
        match.trigger,
    )
    acled, sub_event = (None, None)
    happened = draft.modality in ASSERTED and not draft.negated
    if acled_rules is not None and happened:  # ACLED records what took place
        matches = (match, *(m.match for m in mentions))
        acled, sub_event = acled_coding(
            acled_rules,
            draft.type,
            frozenset(m.trigger.mode for m in matches if m.trigger.mode),
            event_words((m.head, m.tokens) for m in matches),
            actors.get(actor) if actor else None,
            actors.get(target) if target else None,
        )
    return Event(
        id=f"ev{number}",
        type=draft.type,
        mode=trigger.mode,
        cameo=kind.cameo,
        acled=acled,
        acled_sub_event=sub_event,
        trigger=Span(start=match.start, end=match.end, text=text[match.start : match.end]),
        evidence=_sentence_span(article, draft.sentence),
        actor=actor,
        target=target,
        place=draft.place.id if draft.place else None,
        place_source=draft.place_source if draft.place else None,
        site=draft.site,
        date=draft.date.value if draft.date else None,
        date_precision=draft.date.precision if draft.date else None,
        date_source=draft.date_source if draft.date else None,
        date_span=(
            Span(start=draft.date.start, end=draft.date.end, text=draft.date.text)
            if draft.date and draft.date_source == "clause"
            else None
        ),
        negated=draft.negated,
        modality=draft.modality,
        reported_by=ids.get(draft.reported_by) if draft.reported_by is not None else None,
        killed=killed,
        injured=injured,
        confidence=_confidence(draft, actor, target, match.head.idx < article.title_end),
        mentions=tuple(
            EventMention(
                trigger=Span(
                    start=m.match.start, end=m.match.end, text=text[m.match.start : m.match.end]
                ),
                evidence=_sentence_span(article, m.sentence),
            )
            for m in mentions
        ),
    )


def _sentence_span(article: _Article, number: int) -> Span:
    sentence = article.sentences[number]
    start, end = sentence.start_char, sentence.end_char
    while end > start and article.text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=article.text[start:end])


def _confidence(draft: Draft, actor: str | None, target: str | None, in_title: bool) -> float:
    score = 0.55 if draft.match.trigger.noun else 0.65
    score += 0.15 if actor else 0.0
    score += 0.1 if target else 0.0
    score += 0.05 if draft.date_source == "clause" else 0.0
    score += 0.05 if draft.place_source == "clause" else 0.0
    score -= 0.1 if in_title else 0.0
    return round(min(score, 0.95), 2)
