"""Rules as data: the vocabularies of tidings/data, read and checked into one Rules object.

A bad file is refused with its name and line; a user's file extends the cue verbs as it
extends the triggers; the role nouns its two users derive are what they were in code; an
event type's flags in types.toml decide what the extractors do.
"""

from __future__ import annotations

import dataclasses
import re
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language

from tidings.errors import ConfigError
from tidings.extract.entities import find_entities
from tidings.extract.events import find_events
from tidings.extract.quotes import find_quotes
from tidings.model import Event
from tidings.pipeline import analyze_text
from tidings.rules import Rules, load_rules, read_rules
from tidings.settings import Settings

DATA_FILES = (
    "events/types.toml",
    "events/triggers.toml",
    "events/sites.toml",
    "events/acled.toml",
    "roles.toml",
    "quotes/cues.toml",
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the bundled rules files, to break or change."""
    bundled = resources.files("tidings") / "data"
    for name in DATA_FILES:
        target = tmp_path / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((bundled / name).read_text("utf-8"), encoding="utf-8")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in ``path``; the line (from 1) where ``new`` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _refused(data: Path, extra: Path | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        read_rules(data, extra)
    return str(caught.value)


def test_the_bundled_rules_read(data: Path) -> None:
    assert read_rules(data) == load_rules()


def test_a_toml_syntax_error_names_the_file_and_line(data: Path) -> None:
    types = data / "events" / "types.toml"
    line = _edit(types, "[DEFECT]\n", "[DEFECT\n")
    message = _refused(data)
    assert message.startswith(f"{types}, line {line}: not a valid TOML")


def test_an_unknown_role_in_the_acled_rules_names_the_file_and_line(data: Path) -> None:
    acled = data / "events" / "acled.toml"
    line = _edit(acled, 'armed = ["MIL", "REB"', 'armed = ["MIL", "ARMY"')
    message = _refused(data)
    assert message.startswith(f"{acled}, line {line}: unknown role 'ARMY'")


def test_a_type_includes_only_known_types(data: Path) -> None:
    types = data / "events" / "types.toml"
    line = _edit(types, 'includes = ["FLEE"]', 'includes = ["ESCAPE"]')
    message = _refused(data)
    assert message.startswith(f"{types}, line {line}: [DEFECT]: includes unknown event type")


def test_the_roles_whose_reporters_act_are_known_roles(data: Path) -> None:
    types = data / "events" / "types.toml"
    line = _edit(types, 'reporters_act = ["JUD"]', 'reporters_act = ["COURT"]')
    message = _refused(data)
    assert message.startswith(f"{types}, line {line}: SANCTION: unknown role 'COURT'")


def test_an_acled_rule_must_name_acled_types(data: Path) -> None:
    acled = data / "events" / "acled.toml"
    line = _edit(acled, 'sub_event = "Grenade"', 'sub_event = "Car bomb"')
    message = _refused(data)
    assert message.startswith(f"{acled}, line {line}: [[rule]] number")
    assert "'Car bomb' is not a sub-event type of Explosions/Remote violence" in message


def test_a_missing_field_names_its_table(data: Path) -> None:
    types = data / "events" / "types.toml"
    _edit(types, 'type = "ASSAULT"\nmode = "explosives"\n', 'mode = "explosives"\n')
    header = types.read_text(encoding="utf-8").splitlines().index("[ACCIDENT.attack_story]")
    message = _refused(data)
    assert message == f"{types}, line {header + 1}: [ACCIDENT.attack_story]: type is missing"


def test_a_misspelt_field_is_refused_not_ignored(data: Path) -> None:
    types = data / "events" / "types.toml"
    line = _edit(types, '"cross"]\nmoves = true\nself_moving', '"cross"]\nmoves = true\nself_movng')
    assert re.match(
        rf"{re.escape(str(types))}, line {line + 2}: \[FLEE\]: unknown field", _refused(data)
    )


def test_an_unknown_role_of_a_noun_names_the_noun_and_line(data: Path) -> None:
    roles = data / "roles.toml"
    line = _edit(roles, 'soldier = { role = "MIL",', 'soldier = { role = "MLI",')
    assert _refused(data) == f"{roles}, line {line}: [noun.soldier]: unknown role 'MLI'"


def test_a_users_bad_file_names_itself_and_the_line(data: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[trigger]]\ntype = "PROTEST"\n\n[[trigger]]\ntype = "PARTY"\n')
    assert _refused(data, mine).startswith(f"{mine}, line 5: unknown event type 'PARTY'")
    mine.write_text('[cues]\nreporting = ["murmur"\ndirect = []\n')
    assert _refused(data, mine).startswith(f"{mine}, line 3: not a valid TOML lexicon")
    mine.write_text('[cues]\nsaying = ["murmur"]\n')
    assert _refused(data, mine).startswith(f"{mine}, line 2: [cues]: unknown field 'saying'")


@pytest.fixture
def murmur(tmp_path: Path) -> Path:
    mine = tmp_path / "cues.toml"
    mine.write_text('[cues]\nreporting = ["murmur"]\ndirect = ["grumble"]\n')
    return mine


def test_a_users_cue_verb_finds_its_quotes(nlp: Language, murmur: Path) -> None:
    rules = load_rules(murmur)
    assert {"murmur", "grumble"} <= rules.cues.direct and "murmur" in rules.cues.reporting
    assert rules.cues.reporting > load_rules().cues.reporting  # the bundled verbs stay
    indirect = nlp("The minister murmured that the plan would fail.")
    assert find_quotes(indirect) == ()
    (quote,) = find_quotes(indirect, rules=rules)
    assert (quote.kind, quote.text) == ("indirect", "the plan would fail")
    assert quote.speaker is not None and quote.speaker.name == "The minister"
    assert quote.cue is not None and quote.cue.text == "murmured"
    direct = nlp("“We will win,” the coach grumbled.")
    (before,) = find_quotes(direct)
    assert before.speaker is None and before.cue is None
    (after,) = find_quotes(direct, rules=rules)
    assert after.speaker is not None and after.speaker.name == "the coach"
    assert after.cue is not None and after.cue.text == "grumbled"


def test_the_event_lexicon_setting_brings_the_users_cues(murmur: Path) -> None:
    text = "The coach grumbled that the referee had been unfair."
    assert analyze_text(text, Settings(places=False)).quotes == ()
    mine = murmur.with_name("grumble.toml")
    mine.write_text('[cues]\nreporting = ["grumble"]\n')
    facts = analyze_text(text, Settings(event_lexicon=mine, places=False))
    assert [(q.kind, q.cue.text if q.cue else None) for q in facts.quotes] == [
        ("indirect", "grumbled")
    ]


def test_the_role_nouns_give_each_user_its_sets() -> None:
    rules = load_rules()
    speakers, roles = rules.speakers, rules.roles
    assert {"minister", "official", "spokeswoman", "witness", "mother"} <= speakers.persons
    assert {"ministry", "police", "authority", "authorities", "team"} <= speakers.groups
    assert speakers.bodies == {"authority"}  # "the authorities" are one group
    assert not speakers.persons & speakers.groups
    assert (len(speakers.persons), len(speakers.groups)) == (96, 36)
    assert (roles.nouns["soldier"], roles.nouns["prime minister"], roles.nouns["un"]) == (
        "MIL",
        "GOV",
        "IGO",
    )
    assert len(roles.nouns) == 284 and len(roles.deferring) == 23
    assert {"official", "spokesman", "staff", "personnel"} <= roles.deferring
    assert {"army", "police", "command", "regulator"} <= roles.group_nouns
    assert "soldier" not in roles.group_nouns and len(roles.group_nouns) == 28
    assert roles.is_role_noun("Staff") and roles.is_role_noun("soldier")
    assert not roles.is_role_noun("witness")  # a speaker noun only
    assert not roles.is_role_noun("command")  # an actor group only by its name's role
    assert roles.state_roles == {"GOV", "COP", "JUD", "LEG"} and roles.country_role == "GOV"
    assert roles.labels["MIL"] == "military" and roles.name_role("Kentucky State Police") == "COP"


def _events(nlp: Language, text: str, rules: Rules) -> tuple[Event, ...]:
    doc = nlp(text)
    entities = find_entities(doc)
    _, events = find_events(doc, rules, entities=entities, places=(), dates=(), quotes=())
    return events


def test_the_casualties_flag_decides_who_carries_a_toll(nlp: Language, data: Path) -> None:
    text = "Gunmen killed 12 people and wounded 30 in an attack in Kano."
    (killing, *_) = _events(nlp, text, read_rules(data))
    assert (killing.type, killing.killed, killing.injured) == ("ASSAULT", 12, 30)
    _edit(data / "events" / "types.toml", "casualties = true\ntolls", "tolls")  # ASSAULT's
    (killing, *_) = _events(nlp, text, read_rules(data))
    assert (killing.type, killing.killed, killing.injured) == ("ASSAULT", None, None)


def test_caused_by_words_make_a_killing_a_disaster(nlp: Language, data: Path) -> None:
    text = "Extreme heat killed four climbers near Zermatt."
    assert [(e.type, e.killed) for e in _events(nlp, text, read_rules(data))] == [("DISASTER", 4)]
    _edit(data / "events" / "types.toml", '"heat", ', "")
    assert [(e.type, e.killed) for e in _events(nlp, text, read_rules(data))] == [("ASSAULT", 4)]


def test_a_rule_can_be_changed_on_the_rules_object(nlp: Language) -> None:
    """The Rules object is what the extractors read: a changed copy changes the result."""
    rules = load_rules()
    text = "Government troops attacked the rebels near Goma."
    (attack,) = _events(nlp, text, rules)
    # MIL against a group of REB: ACLED's battle
    assert (attack.acled, attack.acled_sub_event) == ("Battles", "Armed clash")
    assert rules.acled is not None
    unarmed = dataclasses.replace(rules.acled, armed=frozenset({"MIL"}))
    (attack,) = _events(nlp, text, dataclasses.replace(rules, acled=unarmed))
    assert attack.acled is None  # the rebels are no armed side now, nor civilians
