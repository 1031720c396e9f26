"""Events and actors: who did what to whom, where and when, and whether it happened.

The story below is written for these tests (the reference article is copyrighted and only
read from ../shared at run time, in the tests at the end).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import ConfigError
from tidings.model import Actor, Event, Facts
from tidings.output.json import to_dict, validate
from tidings.pipeline import analyze_text
from tidings.rules import load_lexicon
from tidings.settings import Settings

STORY = """Guard defects under fire

A young North Korean soldier defected to the South on Monday, officials said. His fellow \
soldiers opened fire on him as he ran across the border at Panmunjom. South Korean troops \
rescued him, and he was taken to hospital in a helicopter of the United Nations Command. \
"There was no exchange of fire with our side," a defence ministry official said. Guards on \
the northern side are ordered to shoot anyone who tries to flee. Analysts fear another \
missile launch. The last such crossing was in June.
"""


@pytest.fixture(scope="module")
def story() -> Facts:
    return analyze_text(STORY, published="2017-11-14")


def _event(facts: Facts, trigger: str) -> Event:
    found = [event for event in facts.events if event.trigger.text == trigger]
    assert found, [event.trigger.text for event in facts.events]
    return found[0]


def _actor(facts: Facts, key: str | None) -> Actor:
    assert key is not None
    return next(actor for actor in facts.actors if actor.id == key)


def test_defection_is_dated_and_coded(story: Facts) -> None:
    defection = _event(story, "defected")
    assert defection.type == "DEFECT"
    assert (defection.date, defection.date_precision, defection.date_source) == (
        "2017-11-13",
        "day",
        "clause",
    )
    assert defection.date_span is not None and defection.date_span.text == "Monday"
    soldier = _actor(story, defection.actor)
    assert (soldier.country, soldier.role, soldier.code) == ("PRK", "MIL", "PRKMIL")
    assert defection.modality == "reported"
    assert _actor(story, defection.reported_by).name == "officials"


def test_shooting_actor_target_and_place(story: Facts) -> None:
    shooting = _event(story, "opened fire")
    assert (shooting.type, shooting.mode, shooting.cameo) == ("ASSAULT", "firearms", "18")
    shooters = _actor(story, shooting.actor)
    assert shooters.code == "PRKMIL" and shooters.plural  # "his fellow soldiers": compatriots
    assert shooting.target == _event(story, "defected").actor  # "him" is the defector
    assert shooting.date == "2017-11-13" and shooting.date_source == "context"
    place = next(place for place in story.places if place.id == shooting.place)
    assert place.text == "Panmunjom" and shooting.place_source == "context"  # where "he" ran
    # ACLED: soldiers firing on one soldier is no battle of two armed sides (one man is no
    # side) nor violence against civilians: the rules leave it uncoded
    assert (shooting.acled, shooting.acled_sub_event) == (None, None)
    assert not shooting.negated and shooting.modality == "asserted"


def test_rescue_and_transfer(story: Facts) -> None:
    soldier = _event(story, "defected").actor
    rescue = _event(story, "rescued")
    assert rescue.type == "AID" and rescue.target == soldier
    assert _actor(story, rescue.actor).code == "KORMIL"
    transfer = _event(story, "taken to hospital")
    assert transfer.type == "AID" and transfer.target == soldier
    command = _actor(story, transfer.actor)  # whose helicopter
    assert (command.name, command.code) == ("United Nations Command", "IGO")


def test_what_did_not_happen_is_marked(story: Facts) -> None:
    exchange = _event(story, "exchange of fire")
    assert exchange.negated and exchange.type == "ASSAULT" and exchange.mode == "sideAB"
    assert _actor(story, exchange.reported_by).name == "defence ministry official"
    assert _event(story, "shoot").modality == "ordered"
    assert _event(story, "flee").modality == "intended"
    launch = _event(story, "missile launch")
    assert (launch.type, launch.mode, launch.modality) == ("MOBILIZE", "weapons", "hypothetical")


def test_an_earlier_crossing_keeps_its_month(story: Facts) -> None:
    crossing = _event(story, "crossing")
    assert (crossing.date, crossing.date_precision) == ("2017-06", "month")
    assert crossing.actor is None  # "such" crossing: not the soldier's


def test_under_fire_is_no_event(story: Facts) -> None:
    assert all(event.trigger.text != "fire" for event in story.events)


def test_story_follows_the_contract(story: Facts) -> None:
    document = to_dict(story)
    validate(document)
    assert [event["id"] for event in document["events"]][:2] == ["ev1", "ev2"]
    ids = {actor["id"] for actor in document["actors"]}
    for event in document["events"]:
        assert {event["actor"], event["target"], event["reported_by"]} - {None} <= ids
        assert (
            STORY[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
        )


def test_main_event_answers(story: Facts) -> None:
    main = story.main_event  # the headline's "defects" reads as a noun: the lead decides
    assert main is not None and main.event == _event(story, "defected").id
    answers = {q: getattr(main, q) and getattr(main, q).text for q in ("who", "what", "when")}
    assert answers == {
        "who": "A young North Korean soldier",
        "what": "defected to the South",
        "when": "Monday",
    }
    assert main.where is not None and main.where.text == "Panmunjom"


def test_main_event_from_a_headline_verb_outside_the_lexicon() -> None:
    facts = analyze_text(
        "Mayor opens new bridge over the Danube\n\nThe mayor of Vienna opened a bridge on Friday.",
        published="2019-03-02",
    )
    main = facts.main_event
    assert main is not None and main.event is None
    assert main.what is not None and main.what.text == "opens new bridge"
    assert main.when is not None and main.when.text == "Friday"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Police did not arrest the protesters.", "arrest", {"negated": True}),
        ("Officials said troops could attack the city.", "attack", {"modality": "hypothetical"}),
        ("The rebels plan to attack the town.", "attack", {"modality": "intended"}),
        ("The minister will visit Paris next week.", "visit", {"modality": "intended"}),
        ("Thousands of migrants cross the border every year.", "cross the border",
         {"modality": "generic"}),
        ("Crossing into Spain is dangerous.", "Crossing into", {"modality": "generic"}),
        ("Government troops clashed with rebels near Goma.", "clashed",
         {"acled": "Battles", "acled_sub_event": "Armed clash"}),
        ("Gunmen killed three villagers in Borno.", "killed",
         {"acled": "Violence against civilians", "acled_sub_event": "Attack"}),
        ("A drone strike killed two militants in Waziristan.", "drone strike",
         {"acled": "Explosions/Remote violence", "acled_sub_event": "Air/drone strike"}),
        ("A suicide bomber blew himself up at a market in Kabul.", "blew himself up",
         {"acled": "Explosions/Remote violence", "acled_sub_event": "Suicide bomb"}),
        ("Nine people were injured when a bomb exploded in a market.", "exploded",
         {"type": "ASSAULT", "acled_sub_event": "Remote explosive/landmine/IED"}),
        ("Soldiers seized weapons near Mosul.", "seized",
         {"acled": "Strategic developments", "acled_sub_event": "Disrupted weapons use"}),
        ("Police arrested 12 protesters in Lyon.", "arrested", {"acled_sub_event": "Arrests"}),
        ("Thousands protested in Rome against fuel prices.", "protested",
         {"acled": "Protests", "acled_sub_event": "Peaceful protest"}),
        ("The two sides agreed a ceasefire in Doha.", "agreed a ceasefire",
         {"acled_sub_event": "Agreement"}),
        ("Obama met Netanyahu in Jerusalem on Monday.", "met", {"type": "CONSULT", "acled": None}),
        ("Netanyahu apologized to Turkey on Friday.", "apologized", {"type": "SUPPORT"}),
        ("Police have raided the offices of the newspaper.", "raided", {"type": "ASSAULT"}),
        ("The navy imposed a naval blockade on the port.", "naval blockade", {"type": "COERCE"}),
        ("The rebels have the ability to seize control of the port.", "seize",
         {"modality": "hypothetical"}),
        ("A bus crashed into a river in Kenya, killing 24 passengers.", "crashed",
         {"type": "ACCIDENT", "killed": 24}),
        ("Gunmen killed 12 people and wounded 30 in an attack in Kano.", "killed",
         {"killed": 12, "injured": 30}),
        ("No-one was injured.", "injured", {"negated": True, "injured": None}),
        ("No one else was injured in the attack.", "attack",
         {"negated": False, "injured": None}),  # the attack happened; "no one" counts none
    ],
)  # fmt: skip
def test_sentences(text: str, trigger: str, expected: dict[str, object]) -> None:
    event = _event(analyze_text(text, published="2017-11-14"), trigger)
    assert {key: getattr(event, key) for key in expected} == expected


def test_words_that_are_not_events() -> None:
    facts = analyze_text(
        "The company released its annual report. She met the deadline. He had a heart "
        "attack. Visitors crowded the escape room. Climbers reached the summit of Everest. "
        "She is charged with shaping the strategy. Critics ask what Microsoft charges. "
        "The 2008 collapse of Lehman Brothers shook markets.",
        published="2017-11-14",
    )
    assert facts.events == ()


def test_an_event_told_twice_in_one_clause() -> None:
    facts = analyze_text(
        "United States military forces killed Qasem Soleimani in an airstrike at Baghdad "
        "airport on Friday.",
        published="2020-01-04",
    )
    (killing,) = facts.events  # one event, told by "killed" and by "airstrike"
    assert killing.trigger.text == "killed"
    assert [mention.trigger.text for mention in killing.mentions] == ["airstrike"]
    assert (killing.type, killing.mode) == ("ASSAULT", "heavy-weapons")
    forces = _actor(facts, killing.actor)
    assert forces.code == "USAMIL" and _actor(facts, killing.target).name == "Qasem Soleimani"
    place = next(place for place in facts.places if place.id == killing.place)
    assert (place.text, place.country) == ("Baghdad", "IQ")  # the airport's city, not the US
    assert killing.date == "2020-01-03"


def test_a_killing_in_a_fire_is_its_toll() -> None:
    facts = analyze_text("A fire killed five girls at a flat in Koszalin.", published="2019-01-05")
    assert [(e.type, e.killed) for e in facts.events] == [("ACCIDENT", 5)]


def test_the_defector_is_the_soldier_who_defected() -> None:
    facts = analyze_text(
        "A North Korean soldier defected on Monday. The defector was taken to hospital.",
        published="2017-11-14",
    )
    defection, transfer = facts.events
    assert transfer.target == defection.actor
    assert transfer.date == "2017-11-13" and transfer.date_source == "context"


def test_without_a_publication_date_nothing_is_dated() -> None:
    facts = analyze_text("A soldier defected on Monday.")
    assert _event(facts, "defected").date is None


def test_no_events_when_switched_off() -> None:
    facts = analyze_text(STORY, Settings(events=False))
    assert facts.events == () and facts.actors == () and facts.main_event is None


def test_a_users_lexicon_adds_words(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text('[[trigger]]\ntype = "PROTEST"\nmode = "demo"\nverbs = ["picket"]\n')
    facts = analyze_text(
        "Dock workers picketed the port of Santos.", Settings(event_lexicon=lexicon)
    )
    assert [(e.type, e.mode, e.trigger.text) for e in facts.events] == [
        ("PROTEST", "demo", "picketed")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[trigger]]\ntype = "PARTY"\nverbs = ["dance"]\n', "unknown event type 'PARTY'"),
        ('[[trigger]]\ntype = "ASSAULT"\nmode = "tickle"\n', "ASSAULT has no mode 'tickle'"),
        ("[[trigger]\n", "not a valid TOML lexicon"),
    ],
)
def test_a_broken_lexicon_is_refused_with_its_name(
    tmp_path: Path, content: str, message: str
) -> None:
    lexicon = tmp_path / "broken.toml"
    lexicon.write_text(content)
    with pytest.raises(ConfigError, match=message) as caught:
        load_lexicon(lexicon)
    assert str(lexicon) in str(caught.value)


def test_the_bundled_vocabulary_is_consistent() -> None:
    lexicon = load_lexicon()
    plover = {name for name, kind in lexicon.types.items() if not kind.extension}
    assert len(plover) == 16 and {"ASSAULT", "COERCE", "PROTEST", "AID"} <= plover
    assert all(kind.cameo for name, kind in lexicon.types.items() if name in plover)
    for triggers in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        for trigger in triggers:
            assert trigger.type in lexicon.types
            assert trigger.mode is None or trigger.mode in lexicon.types[trigger.type].modes
    assert lexicon.agents["defector"] == "DEFECT"


def _told(facts: Facts, trigger: str) -> Event:
    """The one event told by ``trigger``, as its own trigger or as one of its mentions."""
    found = [
        event
        for event in facts.events
        if trigger in (event.trigger.text, *(m.trigger.text for m in event.mentions))
    ]
    assert len(found) == 1, (trigger, [event.trigger.text for event in facts.events])
    return found[0]


def test_reference_article_events(reference_text: str) -> None:
    facts = analyze_text(reference_text, published="2017-11-14")
    defection = _told(facts, "defected")
    assert (defection.date, defection.date_precision) == ("2017-11-13", "day")
    assert "defection" in [m.trigger.text for m in defection.mentions]  # "The defection comes"
    soldier = defection.actor
    assert _actor(facts, soldier).code == "PRKMIL"
    shooting = _told(facts, "opened fire")  # the headline's SHOT, "shot", "wounded": one event
    assert shooting is _told(facts, "shot") is _told(facts, "wounded")
    assert shooting.target == soldier and _actor(facts, shooting.actor).code == "PRKMIL"
    assert _actor(facts, shooting.reported_by).name == "South Korea"
    rescue = _told(facts, "rescued")
    assert rescue.target == soldier and _actor(facts, rescue.actor).code == "KORMIL"
    transfer = _told(facts, "transferred to hospital")
    assert transfer.target == soldier
    assert _actor(facts, transfer.actor).name == "United Nations Command"
    assert _told(facts, "exchange of fire").negated
    assert _told(facts, "missile launch").modality == "hypothetical"
    assert _told(facts, "shoot").modality == "ordered"
    crossing = _event(facts, "crossing")
    assert (crossing.date, crossing.date_precision) == ("2017-06", "month")
    assert _actor(facts, _event(facts, "aiding").actor).code == "CHNGOV"


def test_an_apology_for_an_old_raid_dates_each_its_own_way() -> None:
    facts = analyze_text(
        "Netanyahu apologizes to Turkey\n\nIsraeli Prime Minister Benjamin Netanyahu apologized "
        "to Turkey on Friday for the deadly raid on a Gaza-bound flotilla. Nine people were "
        "killed in the raid in May 2010.",
        published="2013-03-23",
    )
    apology, raid = facts.events  # the headline's apology and the lead's are one
    assert (apology.type, apology.date, apology.date_source) == ("SUPPORT", "2013-03-22", "clause")
    assert [m.trigger.text for m in apology.mentions] == ["apologized"]
    assert _actor(facts, apology.target).name == "Turkey"  # "apologized to Turkey"
    # Turkey is to whom, not where: no clause or sentence place; the article's focus at most
    assert apology.place_source not in ("clause", "sentence", "context")
    # the raid of 2010 is not dated to the Friday of the apology; "killed" and "the raid" are it
    assert (raid.type, raid.date, raid.date_precision) == ("ASSAULT", "2010-05", "month")
    assert [m.trigger.text for m in raid.mentions] == ["killed", "raid"]
    assert raid.killed == 9 and _actor(facts, raid.target).name == "Nine people"


def test_a_current_lead_event_happened_on_the_publication_date() -> None:
    facts = analyze_text(
        "Police arrest five over arms cache\n\nPolice arrested five men after finding an arms "
        "cache in a flat in Bilbao. The men had bombed a bridge in 2008, prosecutors said.",
        published="2016-12-16",
    )
    arrest = _told(facts, "arrested")
    assert (arrest.date, arrest.date_source, arrest.date_precision) == (
        "2016-12-16", "published", "day",
    )  # fmt: skip
    bombing = _told(facts, "bombed")
    assert bombing.date == "2008" and bombing.date_source == "clause"


def test_words_that_only_tell_a_toll_are_mentions_of_the_event() -> None:
    facts = analyze_text(
        "A car bomb exploded outside a police station in Kirkuk on Sunday. Three officers "
        "died in the blast and 12 people suffered injuries.",
        published="2019-06-03",
    )
    (bombing,) = facts.events
    assert (bombing.type, bombing.mode) == ("ASSAULT", "explosives")
    assert bombing.acled_sub_event == "Remote explosive/landmine/IED"
    assert {m.trigger.text for m in bombing.mentions} >= {"died", "blast", "injuries"}
    assert bombing.site is not None and bombing.site.text.startswith("a police station")
    assert _actor(facts, bombing.target).name == "Three officers"  # the victims its toll names


def test_a_flight_told_in_the_headline_is_the_defection() -> None:
    facts = analyze_text(
        "North Korean soldier flees across border\n\nA North Korean soldier defected to the "
        "South on Monday, officials said.",
        published="2017-11-14",
    )
    (defection,) = facts.events  # DEFECT includes FLEE (types.toml): one event, the wider type
    assert (defection.type, defection.mode, defection.trigger.text) == ("DEFECT", None, "defected")
    assert [m.trigger.text for m in defection.mentions] == ["flees"]
    assert defection.date == "2017-11-13"


def test_a_finer_place_of_a_later_mention_is_where_it_happened() -> None:
    facts = analyze_text(
        "Tornado kills five in the United States\n\nA tornado killed five people in the "
        "United States on Sunday, officials said. The tornado struck homes in Texas.",
        published="2019-05-20",
    )
    (tornado,) = facts.events
    place = next(place for place in facts.places if place.id == tornado.place)
    assert (place.name, place.precision, tornado.place_source) == ("Texas", "admin1", "clause")


def test_he_in_what_someone_said_is_often_the_speaker() -> None:
    facts = analyze_text(
        "Obama told Putin to stop hacking\n\nPresident Barack Obama has said that he ordered "
        "Russia's Vladimir Putin to stop the hacking.",
        published="2016-12-16",
    )
    order = _told(facts, "ordered")
    assert _actor(facts, order.actor).name == "Barack Obama"  # not a "President" of its own
    assert _actor(facts, order.target).name == "Vladimir Putin"


def test_the_shooter_is_not_merged_with_the_one_shot() -> None:
    facts = analyze_text(
        "Gunman shot dead after killing ambassador\n\nA gunman shot the ambassador at a "
        "gallery in Ankara on Monday. He fired at least eight shots. The gunman was later "
        "shot dead by police.",
        published="2016-12-20",
    )
    killing = _told(facts, "killing")  # "after killing": an event of its own, no toll
    death = _told(facts, "shot dead")
    assert killing is not death
    assert _actor(facts, killing.actor).name == _actor(facts, death.target).name
    assert _actor(facts, death.actor).name == "police"
    assert all(event.actor != event.target for event in facts.events)
    assert "fired at" not in [event.trigger.text for event in facts.events]  # "at least"


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        ("Gunmen fired at police near the station.", "fired at", "police"),
        ("Two men were stabbed at a Walmart in Lyon.", "stabbed", "Two men"),
        ("Two people died in a knife attack at a Walmart in Lyon.", "attack", "Two people"),
    ],
)
def test_at_names_a_target_after_an_active_verb_only(
    text: str, trigger: str, target: str | None
) -> None:
    facts = analyze_text(text, published="2017-11-14")
    event = _told(facts, trigger)
    names = {actor.id: actor.name for actor in facts.actors}
    assert names.get(event.target or "") == target


def test_the_police_who_report_an_arrest_made_it() -> None:
    facts = analyze_text(
        "A 30-year-old man has been arrested over the attack, police said.",
        published="2017-07-17",
    )
    arrest = _told(facts, "arrested")
    assert _actor(facts, arrest.actor).code == "COP"  # reporters_act of COERCE (types.toml)
    assert arrest.reported_by == arrest.actor
    told = analyze_text("The man was arrested, his neighbour said.", published="2017-07-17")
    assert _told(told, "arrested").actor is None  # a neighbour who tells of it did not


def test_a_place_in_an_apposition_says_who_someone_is() -> None:
    facts = analyze_text(
        "Rafael Gomez, a native of Mexico, was arrested by police on Monday.",
        published="2017-07-17",
    )
    arrest = _told(facts, "arrested")
    places = {place.id: place.name for place in facts.places}
    assert "Mexico" in places.values()
    assert arrest.place_source not in ("clause", "sentence")  # Mexico is where he is from
