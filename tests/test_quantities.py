"""Quantities in claims: figures in digits and words, qualifiers, ranges, categories, outcomes,
periods, and the numbers that are not counts. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.claims.numbers import number_value
from claimledger.claims.quantities import find_quantities
from claimledger.claims.quantity_tables import (
    category_table,
    outcome_table,
    period_table,
    qualifier_table,
)
from claimledger.model import Quantity
from claimledger.nlp import load

# sentence -> the figures expected in it: (text, value, qualifier)
FIGURES = {
    "The unit lost 210 soldiers.": [("210 soldiers", 210, "exactly")],
    "Rescuers found 1,500 residents in the shelters.": [("1,500 residents", 1500, "exactly")],
    "Ukraine lost 1.5 thousand soldiers in the battle.": [
        ("1.5 thousand soldiers", 1500, "exactly")
    ],
    "On average 2.5 drones were downed per hour.": [("2.5 drones", 2.5, "exactly")],
    "The battalion destroyed seven tanks.": [("seven tanks", 7, "exactly")],
    "Twenty-two soldiers were captured near the river.": [("Twenty-two soldiers", 22, "exactly")],
    "Two hundred and ten servicemen were killed.": [
        ("Two hundred and ten servicemen", 210, "exactly")
    ],
    "The drones hit two dozen trucks on the road.": [("two dozen trucks", 24, "exactly")],
    "A dozen helicopters took part in the raid.": [("A dozen helicopters", 12, "exactly")],
    "A hundred civilians were evacuated by bus.": [("A hundred civilians", 100, "exactly")],
    "Half a dozen mortars were captured.": [("Half a dozen mortars", 6, "exactly")],
    "Dozens of fighters were killed in the assault.": [("Dozens of fighters", 24, "at_least")],
    "Hundreds of residents fled the town.": [("Hundreds of residents", 200, "at_least")],
    "Tens of thousands of people were evacuated.": [
        ("Tens of thousands of people", 20000, "at_least")
    ],
    "Several hundred soldiers surrendered.": [("Several hundred soldiers", 300, "at_least")],
    "One tank was hit by a mine.": [("One tank", 1, "exactly")],
    "Only one soldier survived the strike, and one was wounded.": [
        ("one soldier", 1, "exactly"),
        ("one", 1, "exactly"),
    ],
    "Half a battalion withdrew from the village.": [],
    "Several tanks and many soldiers were seen.": [],
}

QUALIFIERS = {
    "The army lost more than 210 personnel.": ("more than 210 personnel", 210, "more_than"),
    "Over 40 civilians were wounded.": ("Over 40 civilians", 40, "more_than"),
    "At least 12 soldiers were killed.": ("At least 12 soldiers", 12, "at_least"),
    "About 1,500 troops were deployed.": ("About 1,500 troops", 1500, "about"),
    "Around 1,500 troops were deployed.": ("Around 1,500 troops", 1500, "about"),
    "Approximately 1,500 troops were deployed.": ("Approximately 1,500 troops", 1500, "about"),
    "Nearly 1,500 troops were deployed.": ("Nearly 1,500 troops", 1500, "about"),
    "Almost 1,500 troops were deployed.": ("Almost 1,500 troops", 1500, "about"),
    "Roughly 1,500 troops were deployed.": ("Roughly 1,500 troops", 1500, "about"),
    "The army deployed some 1,500 troops.": ("some 1,500 troops", 1500, "about"),
    "The enemy lost up to 40 drones.": ("up to 40 drones", 40, "up_to"),
    "As many as 40 drones were launched.": ("As many as 40 drones", 40, "up_to"),
    "Fewer than 10 tanks remained.": ("Fewer than 10 tanks", 10, "up_to"),
    "Less than 10 tanks remained.": ("Less than 10 tanks", 10, "up_to"),
    "The army lost more than a dozen tanks.": ("more than a dozen tanks", 12, "more_than"),
    "Troops seized 40 or more trucks.": ("40 or more trucks", 40, "at_least"),
    "Forty-odd trucks were destroyed.": ("Forty-odd trucks", 40, "about"),
    "The unit lost 40-odd trucks.": ("40-odd trucks", 40, "about"),
}

RANGES = {
    "Between 30 and 40 soldiers were killed.": ("Between 30 and 40 soldiers", 30, "at_least"),
    "The strikes destroyed 30 to 40 tanks.": ("30 to 40 tanks", 30, "at_least"),
    "The strikes destroyed 30-40 tanks.": ("30-40 tanks", 30, "at_least"),
    "Two or three boats were sunk.": ("Two or three boats", 2, "at_least"),
    "The enemy lost up to 30-40 tanks.": ("up to 30-40 tanks", 40, "up_to"),
}

CATEGORIES = {
    "The brigade lost 12 troops.": "personnel",
    "The brigade lost 12 servicemen.": "personnel",
    "The brigade killed 12 militants.": "personnel",
    "The brigade lost 12 Wagner fighters.": "personnel",
    "The brigade lost 12 seven-man crews.": None,
    "Seven Leopard tanks were destroyed.": "tanks",
    "Three T-72 tanks were destroyed.": "tanks",
    "Two Abrams were destroyed.": "tanks",
    "Three armored vehicles were destroyed.": "armored_vehicles",
    "Three armoured personnel carriers were destroyed.": "armored_vehicles",
    "Five BMP-2s were destroyed.": "armored_vehicles",
    "Two BTR-82 vehicles were destroyed.": "armored_vehicles",
    "Four APCs were destroyed.": "armored_vehicles",
    "Two Bradley infantry fighting vehicles were destroyed.": "armored_vehicles",
    "Two field artillery guns were destroyed.": "artillery",
    "Three self-propelled guns were destroyed.": "artillery",
    "Four howitzers were destroyed.": "artillery",
    "Three Grad launchers were destroyed.": "artillery",
    "Two HIMARS launchers were destroyed.": "artillery",
    "Russia lost three 152-mm howitzers.": "artillery",
    "Two Su-25 aircraft were shot down.": "aircraft",
    "Two fighter jets were shot down.": "aircraft",
    "Three Ka-52 helicopters were shot down.": "helicopters",
    "Two Mi-8s were shot down.": "helicopters",
    "Forty Shahed drones were shot down.": "drones",
    "Forty UAVs were shot down.": "drones",
    "Twelve quadcopters were shot down.": "drones",
    "Two Buk systems were destroyed.": "air_defense",
    "An S-300 battery and two air defense systems were destroyed.": "air_defense",
    "Two Patriot systems were destroyed.": "air_defense",
    "Nine trucks were destroyed.": "vehicles",
    "Nine pickup trucks were destroyed.": "vehicles",
    "Two boats were sunk.": "ships",
    "Two landing craft were sunk.": "ships",
    "Twelve civilians were wounded.": "civilians",
    "Twelve children were wounded.": "civilians",
    "Twelve people were killed.": "civilians",
    "Twelve people attended the briefing.": None,
    "Twenty HIMARS rockets were intercepted.": None,
    "Troops captured 12 units of military equipment.": None,
    "Troops captured five pieces of artillery.": "artillery",
    "Troops seized 30 guns from the cache.": None,
}

# sentence -> [(figure text, outcome)]
OUTCOMES = {
    "The strike killed 12 soldiers.": [("12 soldiers", "killed")],
    "Twelve soldiers were killed.": [("Twelve soldiers", "killed")],
    "Ten soldiers were wounded and four were injured.": [
        ("Ten soldiers", "wounded"),
        ("four", "wounded"),
    ],
    "The drone destroyed five trucks.": [("five trucks", "destroyed")],
    "Shelling damaged two boats.": [("two boats", "damaged")],
    "Troops captured nine soldiers.": [("nine soldiers", "captured")],
    "Seven servicemen were taken prisoner.": [("Seven servicemen", "captured")],
    "The army lost 12 tanks.": [("12 tanks", "lost")],
    "The enemy suffered losses of 210 personnel.": [("210 personnel", "lost")],
    "Three soldiers went missing.": [("Three soldiers", "missing")],
    "Officials evacuated 300 residents.": [("300 residents", "evacuated")],
    "Air defenses shot down 45 drones.": [("45 drones", "destroyed")],
    "The unit destroyed 50 militants.": [("50 militants", "killed")],
    "There were 12 destroyed tanks on the road.": [("12 destroyed tanks", "destroyed")],
    "Twelve tanks destroyed by drones lay on the road.": [("Twelve tanks", "destroyed")],
    "The death toll rose to 57.": [("57", "killed")],
    "The strike killed 12 and injured 20 more.": [("12", "killed"), ("20 more", "wounded")],
    "Air defenses shot down 45 drones, including 30 Shahed UAVs.": [
        ("45 drones", "destroyed"),
        ("30 Shahed UAVs", "destroyed"),
    ],
    "The brigade destroyed seven tanks, three armored vehicles and two field artillery guns.": [
        ("seven tanks", "destroyed"),
        ("three armored vehicles", "destroyed"),
        ("two field artillery guns", "destroyed"),
    ],
    "The enemy lost up to 210 personnel, seven tanks and two guns.": [
        ("up to 210 personnel", "lost"),
        ("seven tanks", "lost"),
        ("two guns", "lost"),
    ],
    "Twelve tanks were seen near the road.": [("Twelve tanks", None)],
    "Nearly 600 soldiers were killed or wounded.": [("Nearly 600 soldiers", "lost")],
    "The enemy lost 475 servicemen, a tank and four armored vehicles.": [
        ("475 servicemen", "lost"),
        ("a tank", "lost"),
        ("four armored vehicles", "lost"),
    ],
    "A tank was destroyed near the bridge.": [],
    "Eleven people were hospitalised.": [("Eleven people", "wounded")],
    "Troops had taken 23 servicemen captive.": [("23 servicemen", "captured")],
    "Troops took seven servicemen prisoner.": [("seven servicemen", "captured")],
    "The number of dead has risen to 14.": [("14", "killed")],
    "The staff put enemy losses at 1,210 troops.": [("1,210 troops", "lost")],
    "The army fired 120 shells at 3 villages.": [("120 shells", None), ("3 villages", None)],
    "Air defenses downed 52 of the 60 drones.": [
        ("52 of the 60 drones", "destroyed"),
        ("60 drones", None),
    ],
}

# sentence -> the period of each figure in it
PERIODS = {
    "Over the past 24 hours, the enemy lost 210 soldiers and seven tanks.": ["P1D", "P1D"],
    "In the last day, air defenses shot down 45 drones.": ["P1D"],
    "The army lost 300 soldiers in 24 hours.": ["P1D"],
    "Within 48 hours the army lost 300 soldiers.": ["P2D"],
    "Over the past week, the army lost 40 tanks.": ["P7D"],
    "The army lost 40 tanks in a week.": ["P7D"],
    "Over the past two weeks, the army lost 40 tanks.": ["P14D"],
    "During the past 12 hours, 30 drones were shot down.": ["PT12H"],
    "In the past month, the army lost 90 tanks.": ["P1M"],
    "The army loses up to 1,000 soldiers per day.": ["P1D"],
    "The army loses 1,000 soldiers a day.": ["P1D"],
    "Since the start of the month, the army lost 90 tanks.": [None],
    "Two days ago, the army lost 90 tanks.": [None],
    "Fighting went on for three days; 1,200 troops a day were lost.": ["P1D"],
}

NOT_COUNTS = [
    "The attack began on November 24 and ended on 3 December.",
    "The attack began on 24.11.2025 at 10:00.",
    "The war entered 2025 with no end in sight.",
    "The 3rd Assault Brigade and the 155th Marine Brigade held the line.",
    "Brigade 47 and military unit 3057 held the line.",
    "Prices rose 30% and the levy grew 5 percent.",
    "The deal was worth $5 million.",
    "The front moved 30 km in the spring.",
    "A 45-year-old man and a woman aged 62 gave interviews.",
    "The base lies at 48.4567, 37.1234.",
    "Call the hotline at +380 44 123 4567.",
    "One of the soldiers said no one had left.",
    "They helped one another, one official said.",
    "Germany delivered Leopard 2 tanks.",
    "The city was shelled three times on the 5th day.",
]


def _all_sentences() -> list[str]:
    return [
        *FIGURES,
        *QUALIFIERS,
        *RANGES,
        *CATEGORIES,
        *OUTCOMES,
        *PERIODS,
        *NOT_COUNTS,
        CLAIM_TEXT,
        SPAN_TEXT,
        PREPOSITION_TEXT,
    ]


CLAIM_TEXT = "The ministry said 40 drones were shot down. Kyiv said it lost 3 tanks."
SPAN_TEXT = "They said the enemy lost more than 210 personnel in the attack."
PREPOSITION_TEXT = "The fight over two villages lasted a week."


@pytest.fixture(scope="module")
def parsed() -> dict[str, Doc]:
    nlp: Language = load(stages=False)
    sentences = _all_sentences()
    return dict(zip(sentences, nlp.pipe(sentences), strict=True))


def _found(parsed: dict[str, Doc], sentence: str) -> list[Quantity]:
    return find_quantities(parsed[sentence], 0, len(sentence))


@pytest.mark.parametrize("sentence", list(FIGURES))
def test_figures_in_digits_and_words(parsed: dict[str, Doc], sentence: str) -> None:
    found = [(q.text, q.value, q.qualifier) for q in _found(parsed, sentence)]
    assert found == FIGURES[sentence]


@pytest.mark.parametrize("sentence", list(QUALIFIERS))
def test_qualifiers(parsed: dict[str, Doc], sentence: str) -> None:
    found = [(q.text, q.value, q.qualifier) for q in _found(parsed, sentence)]
    assert found == [QUALIFIERS[sentence]]


def test_a_preposition_is_no_qualifier(parsed: dict[str, Doc]) -> None:
    [village] = _found(parsed, PREPOSITION_TEXT)
    assert (village.text, village.qualifier) == ("two villages", "exactly")


@pytest.mark.parametrize("sentence", list(RANGES))
def test_ranges_take_the_lower_bound(parsed: dict[str, Doc], sentence: str) -> None:
    found = [(q.text, q.value, q.qualifier) for q in _found(parsed, sentence)]
    assert found == [RANGES[sentence]]


@pytest.mark.parametrize("sentence", list(CATEGORIES))
def test_categories(parsed: dict[str, Doc], sentence: str) -> None:
    found = _found(parsed, sentence)
    assert found, sentence
    assert found[-1].category == CATEGORIES[sentence]


@pytest.mark.parametrize("sentence", list(OUTCOMES))
def test_outcomes(parsed: dict[str, Doc], sentence: str) -> None:
    found = [(q.text, q.outcome) for q in _found(parsed, sentence)]
    assert found == OUTCOMES[sentence]


def test_a_list_keeps_each_category(parsed: dict[str, Doc]) -> None:
    sentence = "The enemy lost up to 210 personnel, seven tanks and two guns."
    found = [(q.value, q.qualifier, q.category) for q in _found(parsed, sentence)]
    assert found == [
        (210, "up_to", "personnel"),
        (7, "exactly", "tanks"),
        (2, "exactly", "artillery"),
    ]


@pytest.mark.parametrize("sentence", list(PERIODS))
def test_periods(parsed: dict[str, Doc], sentence: str) -> None:
    assert [q.period for q in _found(parsed, sentence)] == PERIODS[sentence]


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_not_counts(parsed: dict[str, Doc], sentence: str) -> None:
    assert _found(parsed, sentence) == []


def test_only_figures_inside_the_claim(parsed: dict[str, Doc]) -> None:
    doc = parsed[CLAIM_TEXT]
    second = CLAIM_TEXT.index("Kyiv")
    first_claim = find_quantities(doc, 0, second)
    second_claim = find_quantities(doc, second, len(CLAIM_TEXT))
    assert [(q.value, q.category) for q in first_claim] == [(40, "drones")]
    assert [(q.value, q.category) for q in second_claim] == [(3, "tanks")]


def test_span_and_text_cover_qualifier_and_noun(parsed: dict[str, Doc]) -> None:
    # a claim window that starts at the figure still gives the qualifier before it
    start = SPAN_TEXT.index("210")
    [q] = find_quantities(parsed[SPAN_TEXT], start, len(SPAN_TEXT))
    assert q.text == "more than 210 personnel"
    assert SPAN_TEXT[q.start : q.end] == q.text
    assert isinstance(q.value, int)


def test_value_is_float_only_when_not_whole() -> None:
    assert number_value("1.5") == 1.5
    assert isinstance(number_value("2.0"), int)
    assert number_value("twenty-two") == 22
    assert number_value("a") == 1
    assert number_value("Monday") is None


def test_tables_load_with_valid_rows() -> None:
    # a bad category or an unreadable row fails here, not deep in a pipeline run
    assert category_table().get("bmp-3m") is not None
    assert category_table().get("t-shirt") is None
    assert outcome_table()["shoot down"].outcome == "destroyed"
    assert qualifier_table().before[("up", "to")] == ("up_to", False)
    assert period_table().units["week"] == ("D", 7)
