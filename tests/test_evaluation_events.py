"""Event evaluation: WikiEvents and RAMS reading, the type and role mapping, and scoring.

The sample records are written here, with our own sentences, in each set's format; the real
development sets are read only by the quality gate, from ../shared/eval (never copied in).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import InputError
from tidings.evaluation.events.gold import detokenise, read_dataset
from tidings.evaluation.events.mapping import mapping_for
from tidings.evaluation.events.run import evaluate_events
from tidings.evaluation.events.scores import PredictedEvent, score_document
from tidings.settings import Settings

# --- writing sample records -----------------------------------------------------------------


def wikievents_record(
    sentences: list[str], events: list[dict[str, Any]], entities: list[tuple[str, int, int, int]]
) -> dict[str, Any]:
    """A WikiEvents record: ``entities`` are (id, sentence, first token, end token) with
    document-wide token indexes; offsets run sentences together without spaces, as the real
    files do."""
    tokens: list[str] = []
    sentence_rows = []
    at = 0
    for sentence in sentences:
        row = []
        cursor = 0
        for word in sentence.split(" "):
            local = sentence.index(word, cursor)
            row.append([word, at + local, at + local + len(word)])
            cursor = local + len(word)
            tokens.append(word)
        sentence_rows.append([row, sentence])
        at += len(sentence)
    return {
        "doc_id": "sample_1",
        "tokens": tokens,
        "text": "".join(sentences),
        "sentences": sentence_rows,
        "entity_mentions": [
            {"id": i, "sent_idx": s, "start": a, "end": b, "entity_type": "PER", "text": ""}
            for i, s, a, b in entities
        ],
        "relation_mentions": [],
        "event_mentions": events,
    }


ARREST_SENTENCES = [
    "Police arrested three men in Lagos on Monday .",
    "They were later charged .",
]
ARREST = wikievents_record(
    ARREST_SENTENCES,
    events=[
        {
            "id": "E1",
            "event_type": "Justice.ArrestJailDetain.Unspecified",
            "trigger": {"start": 1, "end": 2, "text": "arrested", "sent_idx": 0},
            "arguments": [
                {"entity_id": "T1", "role": "Jailer", "text": "Police"},
                {"entity_id": "T2", "role": "Detainee", "text": "men"},
                {"entity_id": "T3", "role": "Place", "text": "Lagos"},
            ],
        },
        {
            "id": "E2",
            "event_type": "Justice.ChargeIndict.Unspecified",
            "trigger": {"start": 12, "end": 13, "text": "charged", "sent_idx": 1},
            "arguments": [{"entity_id": "T4", "role": "Defendant", "text": "They"}],
        },
    ],
    entities=[("T1", 0, 0, 1), ("T2", 0, 3, 4), ("T3", 0, 5, 6), ("T4", 1, 9, 10)],
)


@pytest.fixture
def wikievents_file(tmp_path: Path) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(ARREST) + "\n", encoding="utf-8")
    coref = {"doc_key": "sample_1", "clusters": [["T2", "T4"]]}
    (tmp_path / "dev.coref.jsonlines").write_text(json.dumps(coref) + "\n", encoding="utf-8")
    return path


RAMS = {
    "doc_key": "nw_sample",
    "sentences": [
        ["Rebels", "shelled", "the", "town", "of", "Kidal", "overnight", "."],
        ['"', "Kidal", "is", "burning", ",", '"', "a", "resident", "said", "."],
    ],
    "evt_triggers": [[1, 1, [["conflict.attack.airstrikemissilestrike", 1.0]]]],
    "gold_evt_links": [
        [[1, 1], [0, 0], "evt004arg01attacker"],
        [[1, 1], [5, 5], "evt004arg04place"],
        [[1, 1], [2, 3], "evt004arg02target"],
    ],
    "ent_spans": [],
}


# --- reading --------------------------------------------------------------------------------


def test_wikievents_text_is_rebuilt_with_exact_spans(wikievents_file: Path) -> None:
    dataset = read_dataset(wikievents_file.parent)  # a folder reads as its dev split
    assert dataset.name == "WikiEvents"
    (document,) = dataset.documents
    assert document.text == "\n".join(ARREST_SENTENCES)
    arrest, charge = document.events
    assert document.text[slice(*arrest.trigger)] == "arrested"
    assert arrest.accepted == ("COERCE",)
    roles = {a.role: (a.field, document.text[slice(*a.span)]) for a in arrest.arguments}
    assert roles == {
        "Jailer": ("actor", "Police"),
        "Detainee": ("target", "men"),
        "Place": ("place", "Lagos"),
    }
    (defendant,) = charge.arguments
    # the coreference cluster: "They" is the men arrested
    assert {document.text[slice(*m)] for m in defendant.mentions} == {"They", "men"}


def test_rams_text_is_detokenised_and_every_occurrence_counts(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonlines"
    path.write_text(json.dumps(RAMS) + "\n", encoding="utf-8")
    (document,) = read_dataset(path).documents
    assert (
        document.text
        == 'Rebels shelled the town of Kidal overnight. "Kidal is burning," a resident said.'
    )
    (event,) = document.events
    assert event.accepted == ("ASSAULT",)
    place = next(a for a in event.arguments if a.field == "place")
    assert [document.text[slice(*m)] for m in place.mentions] == ["Kidal", "Kidal"]
    assert place.mentions[1][0] > document.text.index('"')


def test_detokenise_joins_as_a_writer_would() -> None:
    tokens = ["The", "al", "-", "Shabaab", "group", "'s", "men", "said", '"', "no", '"', ",",
              "(", "again", ")", "."]  # fmt: skip
    text, spans = detokenise(tokens)
    assert text == 'The al-Shabaab group\'s men said "no", (again).'
    assert [text[start:end] for start, end in spans] == tokens


def test_a_file_of_neither_set_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text('{"text": "hello"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.jsonl.*neither WikiEvents"):
        read_dataset(path)
    with pytest.raises(InputError, match=r"holds neither dev\.jsonl"):
        read_dataset(tmp_path)


# --- mapping --------------------------------------------------------------------------------


def test_the_longest_pattern_wins_and_unmapped_types_accept_nothing() -> None:
    rams = mapping_for("rams")
    assert rams.accepted("conflict.attack.firearmattack") == ("ASSAULT",)
    assert rams.accepted("conflict.attack.stealrobhijack")[0] == "CRIME"
    assert rams.accepted("movement.transportperson.preventexit") == ("COERCE",)
    assert rams.accepted("contact.mediastatement.broadcast") == ()
    wikievents = mapping_for("wikievents")
    assert wikievents.accepted("Contact.Contact.Broadcast") == ()
    assert wikievents.accepted("Life.Die.Unspecified")[0] == "ASSAULT"


def test_some_roles_are_a_field_only_for_some_types() -> None:
    rams = mapping_for("rams")
    assert rams.field_of("employee", "personnel.endposition.quitretire") == "actor"
    assert rams.field_of("employee", "personnel.endposition.firinglayoff") == "target"
    assert rams.field_of("destination", "movement.transportperson.selfmotion") == "place"
    assert rams.field_of("destination", "conflict.attack.bombing") is None
    assert rams.field_of("instrument", "conflict.attack.bombing") is None


# --- scoring --------------------------------------------------------------------------------


def test_participants_are_assigned_as_they_score_best(tmp_path: Path) -> None:
    record = wikievents_record(
        ["Ministers from Chad met rebels in Doha ."],
        events=[
            {
                "id": "E1",
                "event_type": "Contact.Contact.Meet",
                "trigger": {"start": 3, "end": 4, "text": "met", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "T1", "role": "Participant", "text": "rebels"},
                    {"entity_id": "T2", "role": "Participant", "text": "Ministers"},
                ],
            }
        ],
        entities=[("T1", 0, 4, 5), ("T2", 0, 0, 1)],
    )
    path = tmp_path / "meet.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (document,) = read_dataset(path).documents
    text = document.text
    predicted = PredictedEvent(
        type="CONSULT",
        trigger=(text.index("met"), text.index("met") + 3),
        actor=((0, len("Ministers from Chad")),),
        target=((text.index("rebels"), text.index("rebels") + 6),),
        place=((text.index("Doha"), text.index("Doha") + 4),),  # no gold place: a wrong fill
    )
    scores = score_document(document, [predicted])
    assert (scores.found_mapped, scores.type_right) == (1, 1)
    assert (scores.fields["actor"].right, scores.fields["target"].hit) == (1, 1)
    assert (scores.fields["place"].filled, scores.fields["place"].right) == (1, 0)
    assert scores.pooled.precision == pytest.approx(2 / 3)
    wrong_type = PredictedEvent(type="ASSAULT", trigger=predicted.trigger)
    missed = score_document(document, [wrong_type])
    assert (missed.found, missed.type_right, missed.pooled.filled) == (1, 0, 0)
    assert {(m.field, m.kind, m.where) for m in missed.misses} == {
        ("actor", "empty", "same sentence"),
        ("target", "empty", "same sentence"),
    }
    assert score_document(document, []).misses[0].kind == "trigger"


def test_tidings_is_scored_end_to_end_on_a_wikievents_file(wikievents_file: Path) -> None:
    result = evaluate_events(wikievents_file, Settings())
    scores = result.scores
    assert (scores.gold, scores.gold_mapped) == (2, 2)
    assert scores.found >= 1 and scores.type_accuracy == 1.0
    actor, target, place = (scores.fields[f] for f in ("actor", "target", "place"))
    assert actor.right == 1  # Police
    assert target.hit >= 1  # three men
    assert place.right == 1  # Lagos


def test_the_command_prints_scores_and_writes_the_misses(
    wikievents_file: Path, tmp_path: Path
) -> None:
    misses = tmp_path / "misses.jsonl"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["eval", "events", "--dataset", str(wikievents_file), "--format", "json",
         "--misses", str(misses)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["schema"] == "tidings/eval-events@1"
    assert scores["gold_events"] == 2
    assert scores["fields"]["actor"]["right"] == 1
    for line in misses.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["document"] == "sample_1"
    bad = runner.invoke(main, ["eval", "events", "--dataset", str(tmp_path / "missing.jsonl")])
    assert bad.exit_code == 2
    assert "missing.jsonl: no such file" in bad.output
