"""Cue words in another sense, and speakers the parse hides, on sentences written for these
tests: "admitted to hospital" and "granted tax breaks" say nothing; "it is too soon to say"
speaks for no one; "the convoy left at dawn, a spokesman said" has two subjects of "said"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from conftest import found


@pytest.mark.parametrize(
    "text",
    [
        # letting in, not owning up
        "Three soldiers were admitted to hospital with burns.",
        "The government ramped up efforts to admit refugees from the region.",
        # giving and consulting, not saying
        "Regional officials, who granted the plant tax breaks, are furious.",
        "In Kyiv, the firm is advising the ministry on the sale of the port.",
        # an infinitive after "it is ...": nobody's statement
        "It is too soon to say whether the counteroffensive will succeed.",
        "It's safe to say the bridge is gone.",
        "It is hard to believe that the bridge held.",
        # a unit holding out is no stance
        "The garrison defended itself for three days.",
    ],
)
def test_other_senses_make_no_attribution(parser: Language, text: str) -> None:
    assert found(parser, text) == []


def test_where_a_text_appeared_is_no_claim_of_its_own(parser: Language) -> None:
    text = "In a video posted on social media, a soldier appears to be arguing with an officer."
    assert "posted" not in [cue for cue, _, _ in found(parser, text)]


def test_owning_up_is_still_a_statement(parser: Language) -> None:
    text = "The ministry of defence admitted that two aircraft were lost."
    assert found(parser, text) == [
        ("admitted", "The ministry of defence", ["that two aircraft were lost"])
    ]


def test_advice_to_act_is_still_a_statement(parser: Language) -> None:
    text = "The commander advised civilians to leave the town."
    assert found(parser, text) == [("advised", "The commander", ["to leave the town"])]


def test_a_posted_statement_keeps_what_it_says(parser: Language) -> None:
    text = "A statement posted on the website said the convoy had turned back."
    assert found(parser, text) == [
        ("said", "A statement posted on the website", ["the convoy had turned back"])
    ]


def test_quick_to_say_is_said_by_the_subject(parser: Language) -> None:
    text = "The mayor was quick to say that the bridge held."
    assert found(parser, text) == [("to say", "The mayor", ["that the bridge held"])]


def test_speaker_after_the_comma_of_two_subjects(parser: Language) -> None:
    text = "The convoy left at dawn, a spokesman for the regional administration said on Monday."
    assert found(parser, text) == [
        ("said", "a spokesman for the regional administration", ["The convoy left at dawn"])
    ]


def test_defending_a_call_or_oneself_is_a_stance(parser: Language) -> None:
    call = "The senator defended his call to suspend the aid."
    assert found(parser, call)[0][:2] == ("defended", "The senator")
    assert found(parser, call)[0][2][0].startswith("his call")
    text = "Zelensky defended himself against the accusations on Saturday."
    assert [(cue, src) for cue, src, _ in found(parser, text)] == [("defended", "Zelensky")]


def test_a_number_before_a_headline_word_makes_it_a_noun(parser: Language) -> None:
    text = "Mayor Leads Rival By Ten Points In Latest Poll\nThe count went on all night."
    assert [cue for cue, _, _ in found(parser, text) if cue == "Points"] == []


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ('"Hold on!" the commander shouted.', "shouted", "the commander"),
        ('"Why now?" the governor asked.', "asked", "the governor"),
    ],
)
def test_a_short_exclamation_or_question_is_quoted_speech(
    parser: Language, text: str, cue: str, source: str
) -> None:
    assert found(parser, text)[0][:2] == (cue, source)


def test_a_short_title_in_quotes_is_no_speech(parser: Language) -> None:
    assert found(parser, 'The film "Why Now?" opened on Friday.') == []


def test_a_belief_reported_by_a_parenthetical_is_what_was_said(parser: Language) -> None:
    text = "The commander believes, he said, that the town will hold."
    assert found(parser, text) == [
        ("said", "he", ["The commander believes", "that the town will hold"])
    ]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Opposition to the deal has grown in parliament.", "Opposition", "the deal"),
        ("Growing opposition to the deal worried the government.", "opposition", "the deal"),
        ("Questions about the strike remain unanswered.", "Questions", "the strike"),
    ],
)
def test_a_stance_noun_needs_no_named_holder(
    parser: Language, text: str, cue: str, content: str
) -> None:
    assert found(parser, text) == [(cue, None, [content])]


@pytest.mark.parametrize(
    "text",
    [
        "Artillery support for the assault came too late.",
        "Military support for Ukraine will continue.",
        "The view of the river from the bridge was blocked by smoke.",
        "Reinforcements reached the defenders of the village at night.",
    ],
)
def test_help_in_war_and_views_of_rivers_are_no_stance(parser: Language, text: str) -> None:
    assert found(parser, text) == []


def test_a_defender_of_an_idea_holds_a_view(parser: Language) -> None:
    text = "The mayor, a defender of the ceasefire, spoke on Monday."
    assert found(parser, text) == [("defender", "The mayor", ["the ceasefire"])]


def test_putting_out_a_statement_is_one_attribution(parser: Language) -> None:
    text = "The ministry released a statement on Wednesday saying the bridge was hit."
    assert found(parser, text) == [
        ("released a statement on Wednesday saying", "The ministry", ["the bridge was hit"])
    ]
    text = "The ministry issued a warning that the dam could fail."
    assert found(parser, text) == [
        ("issued a warning", "The ministry", ["that the dam could fail"])
    ]


def test_a_denial_and_a_statement_after_it_stay_two(parser: Language) -> None:
    text = "The spokesman denied the report, saying the bridge was intact."
    assert [cue for cue, _, _ in found(parser, text)] == ["denied", "saying"]


def test_the_question_asked_is_not_part_of_the_answer(parser: Language) -> None:
    text = 'Asked whether the bridge still stood, the governor said, "Not yet."'
    said = [r for r in found(parser, text) if r[0] == "said"]
    assert said == [("said", "the governor", ['"Not yet."'])]


@pytest.mark.parametrize(
    "text",
    [
        "Front line\nCall it a retreat. The brigade pulled back to the river.",
        "Front line\nAsk yourself who gains from the strike on the dam.",
        # keeping a thing is no statement: "maintain" says something only with a clause
        "Front line\nRussian forces maintain control of the crossing.",
    ],
)
def test_orders_to_the_reader_and_keeping_control_report_nobody(
    parser: Language, text: str
) -> None:
    assert found(parser, text) == []


def test_maintaining_that_is_a_statement(parser: Language) -> None:
    text = "Front line\nThe ministry maintained that the strike hit only military targets."
    assert [cue for cue, _, _ in found(parser, text)] == ["maintained"]


@pytest.mark.parametrize(
    ("headline", "cue", "source", "content"),
    [
        (
            "Russian Strike Kills Five In Kharkiv, Governor Says",
            "Says",
            "Governor",
            "Russian Strike Kills Five In Kharkiv",
        ),
        ("Clinton blasts Trump over border idea.", "blasts", "Clinton", "Trump over border idea"),
        (
            "London mayor rebuffs Trump on travel ban",
            "rebuffs",
            "London mayor",
            "Trump on travel ban",
        ),
    ],
)
def test_headline_speaker_after_a_comma_or_aimed_at_someone(
    parser: Language, headline: str, cue: str, source: str, content: str
) -> None:
    text = headline + "\nThe report follows below."
    assert (cue, source, [content]) in found(parser, text)


@pytest.mark.parametrize(
    "headline",
    [
        "Russia Blasts Kharkiv With Missiles Overnight",
        "Paris Attacks Test Clinton's Foreign Policy Credentials",
        "France's Le Pen Backs Trump And Denounces Clinton",
        "Saturday night's calm, but not for debates.",
    ],
)
def test_headline_shelling_and_nouns_are_no_statement(parser: Language, headline: str) -> None:
    assert found(parser, headline + "\nThe report follows below.") == []


@pytest.mark.parametrize(
    "text",
    [
        'The governor said, "We will rebuild," when asked about the dam.',
        'The governor said, "Not yet," when asked about the dam.',
    ],
)
def test_when_asked_after_a_quote_is_not_its_cue(parser: Language, text: str) -> None:
    said = [r for r in found(parser, "Report\n" + text) if r[0] == "said"]
    assert len(said) == 1 and said[0][1] == "The governor"
    assert said[0][2][0].startswith('"') and "asked" not in said[0][2][0]


def test_how_a_thing_seems_by_a_noun_or_like(parser: Language) -> None:
    assert found(parser, "Report\nThe offensive seemed like a gamble.") == [
        ("seemed", None, ["The offensive", "a gamble"])
    ]
    assert found(parser, "Report\nShe looks like her mother.") == []


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            'The ministry was blunt: "No talks until the troops leave."',
            "was blunt:",
            "The ministry",
        ),
        ('Here is the governor in May: "We will rebuild every bridge."', ":", "the governor"),
    ],
)
def test_a_clause_before_a_colon_introduces_its_subjects_quote(
    parser: Language, text: str, cue: str, source: str
) -> None:
    assert [(c, s) for c, s, _ in found(parser, "Front line\n" + text)] == [(cue, source)]


def test_in_a_statement_is_how_the_speaker_said_it(parser: Language) -> None:
    text = "The regional governor says in a statement that the dam will hold."
    assert [(c, s) for c, s, _ in found(parser, "Front line\n" + text)] == [
        ("says", "The regional governor")
    ]


def test_saying_it_by_another_verb_is_one_statement(parser: Language) -> None:
    text = "He explained the delay by saying the bridge was out."
    assert found(parser, "Front line\n" + text) == [
        ("explained the delay by saying", "He", ["the bridge was out"])
    ]
    text = "The ministry repeated its claim that the strike hit a depot."
    assert found(parser, "Front line\n" + text) == [
        ("repeated its claim", "The ministry", ["that the strike hit a depot"])
    ]


def test_a_denied_claim_stays_the_denial(parser: Language) -> None:
    text = "The ministry denied the claim that the strike hit a school."
    assert found(parser, "Front line\n" + text)[0][:2] == ("denied", "The ministry")


def test_a_cited_report_says_what_it_says(parser: Language) -> None:
    text = "The ministry cited a report saying the dam was damaged."
    results = found(parser, "Front line\n" + text)
    assert ("saying", "a report", ["the dam was damaged"]) in results
    assert results[0][:2] == ("cited", "The ministry")


def test_a_critic_named_by_what_they_criticise(parser: Language) -> None:
    text = "Alexei Navalny, a Kremlin critic, was jailed."
    assert found(parser, "Front line\n" + text) == [("critic", "Alexei Navalny", ["Kremlin"])]
    assert found(parser, "Front line\nThe brigade, a Kharkiv defender, held the line.") == []
