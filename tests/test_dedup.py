"""Near-duplicate detection: shingles, MinHash signatures, their storage and the LSH index.

Every article text here was written for these tests (a made-up town, bridge and people).
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tidings.corpus.dedup import (
    BANDS,
    PERMUTATIONS,
    ROWS,
    LshIndex,
    from_bytes,
    near_duplicates,
    shingles,
    signature,
    similarity,
    to_bytes,
    words,
)

BRIDGE = """\
The Old Mill Bridge over the Tamsin River in Calloway reopened to traffic on Tuesday, eleven \
weeks after floodwater tore away part of its eastern abutment and forced the county to close \
the main route between the town centre and the northern villages.

Crews worked through the winter to rebuild the damaged section, replacing two steel girders and \
pouring a new concrete footing set deeper into the riverbed. The county engineer, Priya Okafor, \
said the repaired crossing had passed a load test on Friday with four fully laden gravel trucks \
parked across its span.

"We have not simply patched the bridge, we have made it stronger than it was before the flood," \
Okafor told reporters at the reopening. "The new footing sits almost two metres below the old \
one, where the current cannot reach it."

The closure had added up to forty minutes to journeys for commuters, school buses and delivery \
drivers, who were diverted along a narrow lane through the hamlet of Pembry. Residents there \
complained of lorries scraping garden walls and of queues that stretched past the village hall \
at rush hour.

Mayor Daniel Reyes thanked residents for their patience and said the council would ask the \
regional government to help pay for the repairs, which cost about 3.2 million euros, nearly \
twice the first estimate. He said the higher price reflected a shortage of steel and the need \
to work only when the river was low.

Not everyone was satisfied. A group of shop owners on Market Street said their takings had \
fallen by a third during the closure and asked the council for a rebate on business rates. The \
council said it would consider the request at its next meeting in April.

Engineers will keep a speed limit of thirty kilometres an hour on the bridge for another month \
while sensors fixed to the new girders record how the structure settles. Heavy vehicles over \
forty tonnes remain barred until the monitoring is complete.

The Tamsin burst its banks in January after the wettest fortnight recorded in the valley for \
more than sixty years. Several hundred homes were flooded downstream, and the county has since \
begun a survey of every bridge along the river to check for similar damage to their foundations.

Okafor said the survey had so far found minor scour at two smaller footbridges, which would be \
repaired over the summer. "The Old Mill Bridge was the one we were most worried about, and today \
it is open again," she said.
"""

# the sentence as it stands in BRIDGE, line breaks joined
OLD_SENTENCE = (
    "Residents there complained of lorries scraping garden walls and of queues that stretched "
    "past the village hall at rush hour."
)
NEW_SENTENCE = (
    "People living in Pembry said heavy lorries had damaged garden walls and that traffic "
    "queued past the village hall every morning."
)
BYLINE = "By Tessa Marlow\n\nCALLOWAY, March 4 (Northwire) — "
UPDATE = """
Update: shortly after the reopening, the council confirmed that the temporary footbridge put up \
beside the crossing during the closure will be taken down next week. The regional transport \
office also said it would review the diversion signs that sent lorries through Pembry, after \
residents asked for a permanent weight limit on the lane.
"""

# the same event, written up independently by another outlet
OTHER_OUTLET = """\
Traffic is flowing again across Calloway's flood-damaged river crossing. The county council \
lifted the closure of the Old Mill Bridge on Tuesday morning, ending nearly three months of \
detours for drivers heading north out of town.

January's floods undermined the bridge's foundations on the eastern bank, and inspectors shut \
it within hours of the water receding. Contractors spent the following weeks installing \
replacement beams and a deeper base meant to protect it from future floods.

Local businesses say the closure hurt them badly. "Half my regular customers just stopped \
coming," said a café owner near the bridge, who has asked the council for help with her rent. \
Council leaders put the repair bill at over three million euros and hope the regional \
authorities will share the cost.

A reduced speed limit will apply while engineers watch how the new structure behaves, and the \
heaviest lorries are still banned from crossing.
"""

# the same topic and the same byline, a different story
SURVEY = """\
By Tessa Marlow

CALLOWAY, March 4 (Northwire) — Inspectors checking bridges along the Tamsin River after \
January's floods have found erosion beneath two footbridges near Calloway, the county said on \
Monday. Neither is at risk of collapse, according to the inspection report, but both will close \
for a few days in July so that divers can place rock armour around their piers. The survey \
covers forty-one crossings and is due to finish in May; so far the damage has been limited to \
structures whose foundations sit in the fastest part of the current.
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _edited(*, sentence: bool = False, typo: bool = False, byline: bool = False) -> str:
    text = BRIDGE
    if sentence:
        flat = _flat(text)
        assert OLD_SENTENCE in flat
        text = flat.replace(OLD_SENTENCE, NEW_SENTENCE)
    if typo:
        text = text.replace("patience", "patiense")
    if byline:
        text = BYLINE + text
    return text


def _jaccard(a: str, b: str) -> float:
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right)


def test_words_are_case_folded_without_punctuation() -> None:
    assert words('  The U.N.\'s   envoy — didn’t  say; "NO"!\n') == [
        "the",
        "u",
        "n",
        "s",
        "envoy",
        "didnt",
        "say",
        "no",
    ]
    assert words("well-known") == words("Well known") == ["well", "known"]
    assert words("Straße") == words("STRASSE")
    assert words("…!?") == []


def test_shingles_ignore_case_spacing_and_punctuation() -> None:
    assert shingles("The storm, which hit on Monday, closed ports.") == shingles(
        "the STORM which hit\n on monday closed ports"
    )
    assert len(shingles("one two three four five six seven")) == 3
    assert len(shingles("one two three four five six seven", size=2)) == 6
    with pytest.raises(ValueError):
        shingles("one two", size=0)


def test_short_texts_still_get_a_signature() -> None:
    short = signature("Storm closes port")
    assert len(shingles("Storm closes port")) == 1
    assert len(short) == PERMUTATIONS
    assert similarity(short, signature("storm closes PORT!")) == 1.0
    assert similarity(short, signature("Storm closes airport")) < 0.1
    empty = signature("")
    assert empty == signature(" ... ") and similarity(empty, short) == 0.0


def test_stable_values_are_pinned() -> None:
    # stored signatures stay valid only while these do not change
    assert shingles("one two three four five") == {16668804351399435582}
    assert signature("The Old Mill Bridge reopened on Tuesday.").values[:4] == (
        327542316,
        2060478710,
        1439739153,
        2071166859,
    )


def test_the_same_text_gives_the_same_signature_in_other_processes() -> None:
    expected = to_bytes(signature(BRIDGE)).hex()
    code = (
        "import sys; from tidings.corpus.dedup import signature, to_bytes; "
        "print(to_bytes(signature(sys.stdin.read())).hex())"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", code],
            input=BRIDGE,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        assert result.stdout.strip() == expected
    assert signature(BRIDGE) == signature(BRIDGE)


def test_signatures_round_trip_through_bytes_and_sqlite() -> None:
    original = signature(BRIDGE)
    blob = to_bytes(original)
    assert len(blob) == 4 * PERMUTATIONS
    assert from_bytes(blob) == original
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE signatures (article TEXT PRIMARY KEY, minhash BLOB)")
        db.execute("INSERT INTO signatures VALUES (?, ?)", ("a1", blob))
        (stored,) = db.execute("SELECT minhash FROM signatures").fetchone()
    assert from_bytes(stored) == original
    assert from_bytes(bytearray(blob)) == original
    for bad in (b"", b"\x00\x01\x02"):
        with pytest.raises(ValueError):
            from_bytes(bad)


@pytest.mark.parametrize(
    "edits",
    [
        {"sentence": True},
        {"typo": True},
        {"byline": True},
        {"sentence": True, "typo": True, "byline": True},
    ],
    ids=["changed-sentence", "typo", "dateline-and-byline", "all-three"],
)
def test_copies_with_small_edits_are_near_duplicates(edits: dict[str, bool]) -> None:
    copy = _edited(**edits)
    assert copy != BRIDGE
    score = similarity(signature(BRIDGE), signature(copy))
    assert score >= 0.8
    assert abs(score - _jaccard(BRIDGE, copy)) < 0.1
    index = _index({"original": BRIDGE, "other-outlet": OTHER_OUTLET, "survey": SURVEY})
    assert near_duplicates(index, "copy", signature(copy)) == [("original", score)]


def test_an_update_with_one_more_paragraph_is_still_found() -> None:
    updated = BRIDGE + UPDATE
    assert similarity(signature(BRIDGE), signature(updated)) >= 0.8
    index = _index({"first": BRIDGE, "other-outlet": OTHER_OUTLET, "survey": SURVEY})
    assert [key for key, _ in near_duplicates(index, "updated", signature(updated))] == ["first"]


def test_different_articles_on_the_same_topic_are_not_duplicates() -> None:
    index = _index({"bridge": BRIDGE, "other-outlet": OTHER_OUTLET, "survey": SURVEY})
    for key, text in (("bridge", BRIDGE), ("other-outlet", OTHER_OUTLET), ("survey", SURVEY)):
        assert near_duplicates(index, key, signature(text)) == []
        assert index.candidates(signature(text)) == {key}
    for a, b in ((BRIDGE, OTHER_OUTLET), (BRIDGE, SURVEY), (OTHER_OUTLET, SURVEY)):
        assert similarity(signature(a), signature(b)) < 0.5
    # the same byline and dateline do not make two stories alike
    assert similarity(signature(_edited(byline=True)), signature(SURVEY)) < 0.1


def test_an_index_of_generated_documents_finds_the_planted_duplicates_only() -> None:
    rng = random.Random(20240304)
    vocabulary = _vocabulary(rng, 3000)
    documents = {f"doc{n}": " ".join(rng.choices(vocabulary, k=200)) for n in range(300)}
    planted = {}
    for n, original in enumerate(rng.sample(sorted(documents), 20)):
        text = documents[original].split()
        for _ in range(2):
            text[rng.randrange(len(text))] = rng.choice(vocabulary)
        text.insert(rng.randrange(len(text)), rng.choice(vocabulary))
        key = f"copy{n}"
        documents[key] = " ".join(text)
        planted[key] = original

    index = LshIndex()
    found: set[frozenset[str]] = set()
    candidates = 0
    for key, text in documents.items():
        sig = signature(text)
        candidates += len(index.candidates(sig))
        found.update(frozenset((key, other)) for other, _ in near_duplicates(index, key, sig))
        index.add(key, sig)
    assert found == {frozenset(pair) for pair in planted.items()}
    assert len(index) == len(documents)
    assert candidates < 2 * len(planted)  # no comparing of all pairs


def test_index_keys_are_added_once_and_can_be_removed() -> None:
    index = LshIndex(BANDS, ROWS)
    sig = signature(BRIDGE)
    index.add("a", sig)
    index.add("b", signature(_edited(typo=True)))
    with pytest.raises(ValueError):
        index.add("a", sig)
    assert "a" in index and index.signature("a") == sig
    assert index.candidates(sig) == {"a", "b"}
    index.remove("a")
    assert "a" not in index and index.candidates(sig) == {"b"}
    with pytest.raises(KeyError):
        index.remove("a")
    index.remove("b")
    assert len(index) == 0 and index.candidates(sig) == set()


def test_signatures_must_fit_the_index() -> None:
    with pytest.raises(ValueError):
        LshIndex(bands=0)
    index = LshIndex(bands=8, rows=8)
    with pytest.raises(ValueError):
        index.add("a", signature(BRIDGE))  # 128 permutations, 64 expected
    small = signature(BRIDGE, permutations=64)
    index.add("a", small)
    assert index.candidates(small) == {"a"}
    with pytest.raises(ValueError):
        similarity(small, signature(BRIDGE))
    assert signature(BRIDGE, seed=1) != signature(BRIDGE)


@given(st.text(max_size=300), st.text(max_size=300))
def test_similarity_is_reflexive_symmetric_and_bounded(a: str, b: str) -> None:
    left, right = signature(a), signature(b)
    assert similarity(left, left) == 1.0
    assert similarity(left, right) == similarity(right, left)
    assert 0.0 <= similarity(left, right) <= 1.0
    shouted = a.upper()  # not a.lower(): "ı".upper().lower() is "i", another letter
    assert signature(shouted.replace(" ", "\n  ")) == signature(shouted.lower())


def _index(texts: dict[str, str]) -> LshIndex:
    index = LshIndex()
    for key, text in texts.items():
        index.add(key, signature(text))
    return index


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = "ka lo mi ne ru sa to vi de pa zo fe gu hi ja".split()
    found: set[str] = set()
    while len(found) < size:
        found.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(found)
