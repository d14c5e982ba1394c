"""Attributions the parse hides or words a first reading misses, on sentences written for these
tests: "records show" read as a compound noun, a feeling that opens the sentence, a stance
received ("drew criticism from NATO"), a point of view opened by "To many,"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.sources.quotes import find_quotes
from conftest import found


def test_records_show_after_the_clause_they_show(parser: Language) -> None:
    text = "The brigade lost 40 tanks in a week, satellite images show."
    assert found(parser, text) == [
        ("show", "satellite images", ["The brigade lost 40 tanks in a week"])
    ]


def test_records_show_before_a_clause_of_its_own_only_their_own(parser: Language) -> None:
    text = (
        "The aircraft was insured at a value of $35 million in 2011, records show, "
        "and experts say it is worth less."
    )
    shown = [a for a in found(parser, text) if a[0] == "show"]
    assert shown == [
        ("show", "records", ["The aircraft was insured at a value of $35 million in 2011"])
    ]


def test_a_show_on_television_shows_nothing(parser: Language) -> None:
    assert found(parser, "The network cancelled two of its TV shows.") == []


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "Alarmed by the unrest in the port, the governor called for calm.",
            "Alarmed",
            "the governor",
            "the unrest in the port",
        ),
        ("Worried about the dam, residents left the town.", "Worried", "residents", "the dam"),
        (
            "Frustrated with the delays, the mayor wrote to the ministry.",
            "Frustrated",
            "the mayor",
            "the delays",
        ),
    ],
)
def test_a_feeling_opening_the_sentence_is_its_subjects(
    parser: Language, text: str, cue: str, source: str, content: str
) -> None:
    assert (cue, source, [content]) in found(parser, text)


def test_asked_opening_the_sentence_is_not_the_subjects_question(parser: Language) -> None:
    text = "Asked about the merger, the spokesman declined to comment."
    assert ("Asked", None, ["the merger"]) in found(parser, text)


def test_a_participle_opening_the_sentence_is_not_the_next_verbs_content(
    parser: Language,
) -> None:
    text = "Report\nConvinced that the town would fall, the commander ordered a retreat."
    assert ("ordered", "the commander", ["a retreat"]) in found(parser, text)


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "To many, the governor is a provocateur.",
            "many",
            "the governor is a provocateur",
        ),
        (
            "But to others, he is a citizen journalist.",
            "others",
            "he is a citizen journalist",
        ),
        (
            "To Sexton, who has made something of a study of rallies, the crowds are different.",
            "Sexton, who has made something of a study of rallies",
            "the crowds are different",
        ),
    ],
)
def test_a_point_of_view_held_by_people_unnamed_or_a_name(
    parser: Language, text: str, source: str, content: str
) -> None:
    assert [(source, content)] == [(s, c[0]) for _, s, c in found(parser, text)]


def test_for_a_body_tells_for_whom_not_its_view(parser: Language) -> None:
    assert found(parser, "For NATO, the drills were a success.") == []


def test_a_that_clause_after_a_participle_used_as_a_preposition(parser: Language) -> None:
    text = "The governor said following the strike that the bridge would be closed."
    assert found(parser, text) == [("said", "The governor", ["that the bridge would be closed"])]


def test_calling_someone_something_is_a_statement_not_a_name(parser: Language) -> None:
    text = "The campaign called the report a “rush to judgment.”"
    assert [(cue, source) for cue, source, _ in found(parser, text)] == [("called", "The campaign")]


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        ("The deal drew criticism from NATO.", "drew criticism", "NATO", "The deal"),
        (
            "The merger sparked criticism from Democrats and Republicans in Congress.",
            "sparked criticism",
            "Democrats and Republicans",
            "The merger",
        ),
        # criticism by people the text leaves unnamed
        (
            "The program attracted criticism for a number of reasons.",
            "attracted criticism",
            None,
            "The program",
        ),
    ],
)
def test_a_stance_received_is_about_the_subject(
    parser: Language, text: str, cue: str, source: str | None, content: str
) -> None:
    assert found(parser, text) == [(cue, source, [content])]


def test_having_support_says_how_much_not_whose(parser: Language) -> None:
    assert found(parser, "The brigade has support from artillery units.") == []


def test_a_pledge_to_do_something(parser: Language) -> None:
    text = "There were pledges to rebuild the bridge."
    assert found(parser, text) == [("pledges", None, ["to rebuild the bridge"])]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator scoffed at the idea of a ceasefire.", "scoffed", "the idea of a ceasefire"),
        ("“That is nonsense,” he scoffed.", "scoffed", "“That is nonsense,”"),
        (
            "Republicans quickly pounced on the administration’s announcement.",
            "pounced on",
            "the administration’s announcement",
        ),
        ("The senator ripped the plan as a giveaway.", "ripped", "the plan"),
        ("The minister swiped at the envoy over the talks.", "swiped", "the envoy"),
        ("Veterans in the district are strongly loyal to the mayor.", "loyal", "the mayor"),
        ("They are hungry for change.", "hungry", "change"),
    ],
)
def test_more_verbs_and_adjectives_of_stance(
    parser: Language, text: str, cue: str, content: str
) -> None:
    assert [(c, content_) for c, _, content_ in found(parser, text)] == [(cue, [content])]


def test_ripping_through_a_roof_is_no_stance(parser: Language) -> None:
    assert found(parser, "The shell ripped through the roof.") == []


def test_lower_case_headline_aimed_at_a_name_the_tagger_took_for_a_verb(
    parser: Language,
) -> None:
    text = "Clinton blasts Trump over deportation force idea.\nShe spoke in Ohio on Tuesday."
    assert found(parser, text)[0] == ("blasts", "Clinton", ["Trump over deportation force idea"])


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "Merkel heralded the deal with Turkey as a breakthrough.",
            "heralded",
            "Merkel",
            "the deal",
        ),
        (
            "On Monday, the general groused to reporters that the shells had not arrived.",
            "groused",
            "the general",
            "that the shells had not arrived",
        ),
        ("Analysts foresee a long siege.", "foresee", "Analysts", "a long siege"),
        (
            "The ministry has bristled at the envoy’s comments.",
            "has bristled",
            "The ministry",
            "the envoy’s comments",
        ),
        (
            "The president will poke fun at the press.",
            "will poke fun at",
            "The president",
            "the press",
        ),
        # a feeling the parse reads as a passive verb
        ("Officials were thrilled with the result.", "thrilled", "Officials", "the result"),
        ("Voters were dismayed by the cuts.", "dismayed", "Voters", "the cuts"),
    ],
)
def test_words_of_speech_and_feeling(
    parser: Language, text: str, cue: str, source: str, content: str
) -> None:
    assert found(parser, text)[0][:2] == (cue, source)
    assert found(parser, text)[0][2][0] == content


def test_a_passive_of_damage_is_no_feeling(parser: Language) -> None:
    assert found(parser, "The bridge was damaged by shelling.") == []


def test_make_it_clear_still_needs_its_verb(parser: Language) -> None:
    text = "The minister made it clear that the port would stay closed."
    assert found(parser, text) == [("clear", "The minister", ["that the port would stay closed"])]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "In March, Trump blasted Disney for its practices.",
            "blasted",
            "Trump",
        ),
        (
            "At the gala Thursday, Trump described families playing in the park.",
            "described",
            "Trump",
        ),
    ],
)
def test_a_verb_the_parse_took_for_a_modifier_after_a_name(
    parser: Language, text: str, cue: str, source: str
) -> None:
    assert [(c, s) for c, s, _ in found(parser, text)] == [(cue, source)]


def test_three_apostrophes_close_a_quote_inside_a_quote(parser: Language) -> None:
    text = "''They look at me and say, 'What did he mean by that?''' the mayor said, smiling."
    assert found(parser, text) == [
        ("said", "the mayor", ["''They look at me and say, 'What did he mean by that?'''"])
    ]


def test_three_apostrophes_open_a_quote_with_a_quote_inside() -> None:
    text = "He said, '''Sir, we have decided to stay,' they will tell you.'' Then he left."
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "'''Sir, we have decided to stay,' they will tell you.''"
    ]


def test_a_manner_after_the_speaker_is_not_a_statement(parser: Language) -> None:
    text = (
        "The crews work long shifts. ''I'm better with my hands than with my brain,'' "
        "said Robin Maynard, half joking. He holds two degrees."
    )
    assert [(cue, source) for cue, source, _ in found(parser, text)] == [("said", "Robin Maynard")]


def test_adding_after_the_speaker_is_a_statement(parser: Language) -> None:
    text = "“We will be back,” the commander said, adding that the town would be retaken."
    assert [cue for cue, _, _ in found(parser, text)] == ["said", "adding"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "He rattled off promises to lower fuel prices.",
            "rattled off",
            "promises to lower fuel prices",
        ),
        (
            "More officials are chiming in with criticism of the order.",
            "are chiming in with",
            "criticism of the order",
        ),
        (
            "Horrified at the prospect of a siege, residents fled.",
            "Horrified",
            "the prospect of a siege",
        ),
    ],
)
def test_set_phrases_and_a_feeling(parser: Language, text: str, cue: str, content: str) -> None:
    assert found(parser, text)[0][0] == cue
    assert found(parser, text)[0][2] == [content]


@pytest.mark.parametrize(
    ("headline", "cue", "source", "content"),
    [
        (
            "Ukrainian Troops Retake Village Near Kharkiv, Ministry Of Defence Says",
            "Says",
            "Ministry Of Defence",
            "Ukrainian Troops Retake Village Near Kharkiv",
        ),
        (
            "Russian Strike Kills Five In Kharkiv, Says Governor",
            "Says",
            "Governor",
            "Russian Strike Kills Five In Kharkiv",
        ),
    ],
)
def test_headline_speaker_named_with_of_or_after_the_verb(
    parser: Language, headline: str, cue: str, source: str, content: str
) -> None:
    text = headline + "\nThe statement came on Monday."
    assert found(parser, text)[0] == (cue, source, [content])
