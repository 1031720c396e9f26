"""The tense of the clause a time expression sits in, from spaCy's parse.

:func:`clause_tense` says whether "Monday" or "in June" looks back (*past*), forward
(*future*), either way (*open*: the nearest is meant) or sits in a *present* clause; the rules
are in the docstring of :mod:`.expressions` ("direction"), and
:mod:`.anchoring` turns the tense into a date.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from tidings.extract.dates.anchoring import Tense

__all__ = ["clause_tense"]

# Auxiliaries that look forward: "will speak", "would be traveling", "might come".
FUTURE_AUXILIARIES = frozenset(
    {"will", "'ll", "shall", "wo", "would", "might", "may", "should", "must"}
)
# Verbs whose date is that of what is planned, not of the planning.
PLAN_VERBS = frozenset(
    {"plan", "schedule", "reschedule", "expect", "intend", "slate", "arrange", "postpone"}
)
NOUN_MODIFIERS = frozenset({"poss", "compound", "nmod"})
FUTURE_LEADS = ("as early as", "as soon as", "as late as")
# An expression after these may lie either side of the clause's time ("extended to Nov. 16").
OPEN_PREPOSITIONS = frozenset({"until", "till", "through", "to", "by", "before", "pending"})
HAVE = frozenset({"have", "has", "had", "'ve", "'d"})


def clause_tense(span: Span) -> Tense:
    """The tense of the clause ``span`` sits in: its nearest governing verb's (see the module
    docstring). A past verb does not fix the direction of an expression that hangs on an
    adjective or an open preposition ("payable Dec. 7", "was extended to Nov. 16"), nor of an
    infinitive's ("planned to leave Thursday"): those are "open"."""
    doc = span.doc
    around = " ".join(token.lower_ for token in doc[max(span.start - 3, 0) : span.start + 3])
    if any(lead in around for lead in FUTURE_LEADS):
        return "future"
    root = span.root
    if root.dep_ in NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN"):
        return "present"  # "Wednesday's ruling", "the June agreement"
    if root.head.lower_ == "since" and root.head.i < span.start:
        return "past"
    open_ = root.head.lower_ in OPEN_PREPOSITIONS and root.head.i < span.start
    token = root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        open_ = open_ or token.pos_ == "ADJ"
    if token.pos_ not in ("VERB", "AUX"):
        return "open" if open_ else "present"
    tense = _verb_tense(token)
    if tense == "infinitive":
        head = token.head
        governing = _verb_tense(head) if head.pos_ in ("VERB", "AUX") and head.i != token.i else ""
        return "open" if governing in ("past", "") else "future"
    if token.lemma_ in PLAN_VERBS and token.dep_ not in ("acl", "amod"):
        if tense == "present":
            return "future"  # "plans a rally on Saturday"
        if tense == "past" and token.i < span.start:
            return "open"  # "planned a rally on Saturday"; not "On Friday, it planned"
    return "open" if open_ and tense == "past" else tense


def _verb_tense(verb: Token) -> Tense | Literal["infinitive"]:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES and not words & HAVE:  # "may have been": past
        return "future"
    if any(child.tag_ == "TO" for child in auxiliaries):
        return "infinitive"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and words & HAVE:
        return "past"
    return "present"
