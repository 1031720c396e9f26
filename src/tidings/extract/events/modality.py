"""Did it happen? Negation and modality of an event trigger, from the words around it.

negated
    "not", "n't", "never" on the trigger's verb (or on the verb it is the infinitive of:
    "did not try to flee", or whose object it is: "could not reach an agreement");
    "no"/"without" before a noun ("there was no exchange of fire"); "failed to", "refused to".
modality, the first that applies:
    ordered       the infinitive of an order ("are instructed to shoot", "orders to fire");
    intended      the infinitive of an attempt, plan or wish ("attempting to cross", "plans
                  to visit"), or a verb with "will" ("will meet");
    hypothetical  a modal (could, may, might, would, should, can, must; not when negated:
                  "could not agree" did not happen), an "if"/"unless" clause, a noun of
                  fear or risk above it ("fears of another missile launch"), or the
                  infinitive of an ability ("the ability to seize control");
    generic       a habit or a kind of event rather than one occurrence: a frequency ("every
                  year", "often"), the present simple with a bare plural or counted subject
                  ("1,000 North Koreans defect"), a gerund or event noun that is the subject of
                  "is common/rare/dangerous ...", an infinitive under such an adjective ("it
                  is unusual for a North Korean to cross"); headlines are exempt (their
                  present tense reports the past);
    reported      inside a quote (``reported_by`` its speaker, when it has one), or under
                  an accusation or claim (:mod:`.allegations`: "accused of defrauding",
                  ``reported_by`` who accuses), set by :mod:`.detection`;
    asserted      otherwise.
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.extract.syntax import no_one, own_subject
from tidings.model import Modality

__all__ = ["is_negated", "modality"]

NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "deny"})
ORDER_WORDS = frozenset(
    "order instruct command tell direct authorise authorize compel force orders instructions "
    "command".split()
)
INTENT_WORDS = frozenset(
    """attempt try plan intend want seek aim hope vow prepare plot decide threaten scheme
    bid attempts plans intention prefer wish expect propose offer agree promise
    pledge""".split()
)
# "the ability to seize control": what someone can do, not what they did
ABILITY_WORDS = frozenset(
    """ability capability capacity power right chance opportunity means freedom authority
    permission licence license potential""".split()
)
RISK_WORDS = frozenset(
    """fear risk threat possibility prospect danger concern worry warning speculation
    rumour rumor chance likelihood spectre specter""".split()
)
MODALS = frozenset({"could", "may", "might", "would", "should", "can", "must"})
FUTURE = frozenset({"will", "'ll", "shall", "wo"})
CONDITIONS = frozenset({"if", "unless", "whether"})
FREQUENCY = frozenset(
    "often usually always rarely seldom sometimes frequently regularly typically routinely "
    "generally commonly occasionally normally".split()
)
QUALITY_ADJECTIVES = frozenset(
    """common rare unusual usual uncommon frequent dangerous treacherous difficult easy hard
    risky possible impossible typical normal routine illegal forbidden""".split()
)
COUNT_DETERMINERS = frozenset({"many", "most", "some", "few", "several", "thousands", "hundreds"})


def is_negated(head: Token) -> bool:
    """Is the event said not to have happened?"""
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            return True
    if head.dep_ == "pobj" and head.head.lower_ == "without":
        return True
    if any(child.dep_ in ("nsubj", "nsubjpass") and _nobody(child) for child in head.children):
        return True  # "No one was injured", "nobody was hurt", "no soldiers were killed"
    nominal = head.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("NOUN", "PROPN")
    if nominal and any(child.dep_ == "neg" for child in head.head.children):
        return True  # "had not suffered a crash", "could not reach an agreement"
    governor = head.head
    if head.dep_ == "xcomp" and governor.i != head.i:
        if governor.lemma_.lower() in NEGATING_VERBS:
            return True
        return any(child.dep_ == "neg" for child in governor.children)
    return False


NOBODY = frozenset({"nobody", "none"})


def _nobody(subject: Token) -> bool:
    """Is the subject no one at all ("no one", "nobody", "none of them", "no soldiers")?"""
    if subject.lower_ in NOBODY or no_one(subject):
        return True
    return any(child.dep_ == "det" and child.lower_ == "no" for child in subject.children)


def modality(head: Token, noun: bool, in_title: bool, set_date: bool) -> Modality | None:
    """ordered | intended | hypothetical | generic, or None (asserted or reported)."""
    for governor in _complement_of(head):
        lemma = governor.lemma_.lower()
        if lemma in ORDER_WORDS:
            return "ordered"
        if lemma in INTENT_WORDS:
            return "intended"
        if lemma in ABILITY_WORDS:
            return "hypothetical"
    clause = _clause_verb(head)
    if _hypothetical(head, clause):
        return "hypothetical"
    if clause is not None and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in clause.children):
        return "intended"
    if not in_title and (set_date or _generic(head, clause)):
        return "generic"
    return None


def _complement_of(head: Token) -> list[Token]:
    """The words whose complement the trigger is: "instructed" for "instructed to shoot",
    "attempt" for "in an attempt to flee" (up to three levels: "ordered to try to flee").
    Reported speech is not a complement of this kind: "told reporters the army attacked"."""
    found = []
    token = head
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acl") or token.head.i == token.i:
            break
        if token.dep_ == "acl" and not any(c.tag_ == "TO" for c in token.children):
            break  # "anyone attempting ...": a participle, not "to ..."
        token = token.head
        found.append(token)
    return found


def _clause_verb(head: Token) -> Token | None:
    """The finite verb of the trigger's clause: itself, the verb a noun trigger belongs to,
    or the verb a participle, gerund or infinitive hangs from."""
    token = head
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and _finite(token):
            return token
        if token.head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def _finite(verb: Token) -> bool:
    if verb.tag_ in ("VBD", "VBP", "VBZ", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _hypothetical(head: Token, clause: Token | None) -> bool:
    token = head
    for _ in range(6):  # a noun of fear or risk above the trigger
        if token.i != head.i and token.lemma_.lower() in RISK_WORDS:
            return True
        if (clause is not None and token.i == clause.i) or token.head.i == token.i:
            break
        token = token.head
    for verb in (head, clause):
        if verb is None:
            continue
        negated = any(child.dep_ == "neg" for child in verb.children)
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in MODALS and not negated:
                return True  # "could not agree" says they did not
            if child.dep_ == "mark" and child.lower_ in CONDITIONS:
                return True
    return False


def _generic(head: Token, clause: Token | None) -> bool:
    for token in (head, clause):
        if token is not None and any(
            c.dep_ == "advmod" and c.lower_ in FREQUENCY for c in token.children
        ):
            return True
    if head.dep_ in ("nsubj", "csubj") and _quality_predicate(head.head):
        return True  # "Crossing into South Korea is treacherous", "Defections ... are common"
    if head.dep_ in ("advcl", "xcomp") and _quality_predicate(head.head):
        return True  # "it is unusual for a North Korean to cross"
    if clause is None or not _present_simple(clause):
        return False
    subject = own_subject(clause)
    if (
        subject is not None
        and subject.lower_ in ("who", "which", "that")
        and clause.dep_ == "relcl"
    ):
        subject = clause.head
    if subject is None or subject.tag_ not in ("NNS", "NNPS"):
        return False
    determiners = {c.lower_ for c in subject.children if c.dep_ in ("det", "poss")}
    counted = any(c.dep_ == "nummod" for c in subject.children)
    definite = bool(determiners & {"the", "these", "those", "their", "its", "his", "her"})
    return counted or bool(determiners & COUNT_DETERMINERS) or not definite


def _present_simple(verb: Token) -> bool:
    """ "defect", "are given": present tense, no "will", "have" or modal."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "aux" for c in auxiliaries):
        return False
    if auxiliaries:
        return all(c.tag_ in ("VBP", "VBZ") for c in auxiliaries)
    return verb.tag_ in ("VBP", "VBZ")


def _quality_predicate(verb: Token) -> bool:
    if verb.lemma_ != "be":
        return False
    return any(c.dep_ == "acomp" and c.lemma_.lower() in QUALITY_ADJECTIVES for c in verb.children)
