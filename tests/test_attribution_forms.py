"""More attribution forms on sentences written for these tests: a point of view opened by a
preposition, a name before a colon, gerund objects, possessive holders, names that are no
claims, a verb the parse took for a participle, the speaker of a passive "quoted as saying"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.sources.attribution import find_attributions
from conftest import found


def with_cue(parser: Language, text: str, cue: str) -> tuple[str, str | None, list[str]]:
    results = [r for r in found(parser, text) if r[0] == cue]
    assert len(results) == 1, found(parser, text)
    return results[0]


def test_point_of_view_opened_by_to(parser: Language) -> None:
    text = "To the mayor, the evacuation of the villages came far too late."
    _, source, content = with_cue(parser, text, "To")
    assert source == "the mayor"
    assert content == ["the evacuation of the villages came far too late"]


def test_point_of_view_of_a_group_with_a_time_word(parser: Language) -> None:
    text = "For many residents today, the ceasefire exists only on paper."
    _, source, content = with_cue(parser, text, "For")
    assert source == "many residents"
    assert content == ["the ceasefire exists only on paper"]


@pytest.mark.parametrize(
    "text",
    [
        "For the third day in a row, artillery shelled the outskirts of the town.",
        "To the east, the front line has barely moved since spring.",
        "For Ukraine, the loss of the bridge would be a heavy blow.",
    ],
)
def test_time_direction_and_country_hold_no_view(parser: Language, text: str) -> None:
    assert not [r for r in found(parser, text) if r[0] in ("For", "To")]


def test_person_named_before_a_colon_speaks_the_quote(parser: Language) -> None:
    text = (
        'The retreat did not surprise the military analyst Olena Bondar: "The bridgehead '
        'could not be supplied for long."'
    )
    _, source, content = with_cue(parser, text, ":")
    assert source == "the military analyst Olena Bondar"
    assert content[0].startswith('"The bridgehead')


def test_speech_verb_before_the_colon_keeps_its_subject(parser: Language) -> None:
    text = 'The colonel told Olena Bondar: "We will not leave the village."'
    results = found(parser, text)
    assert [(c, s) for c, s, _ in results] == [("told", "The colonel")]


def test_headline_name_when_the_parse_ends_the_sentence_at_the_colon(parser: Language) -> None:
    text = "Syrskyi: We Still Hold The Northern Districts\n\nThe commander spoke on Friday."
    _, source, content = with_cue(parser, text, ":")
    assert source == "Syrskyi"
    assert content == ["We Still Hold The Northern Districts"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The ministry denied striking the hospital.", "denied", "striking the hospital"),
        ("The soldier admitted firing at the car.", "admitted", "firing at the car"),
        (
            "The governor reported hearing three explosions near the port.",
            "reported",
            "hearing three explosions near the port",
        ),
    ],
)
def test_gerund_is_the_content(parser: Language, text: str, cue: str, content: str) -> None:
    assert with_cue(parser, text, cue)[2] == [content]


def test_possessive_holds_a_stated_view(parser: Language) -> None:
    text = "Kyiv rejected his criticism of the prisoner exchange."
    _, source, content = with_cue(parser, text, "criticism")
    assert source == "his"
    assert content == ["the prisoner exchange"]


def test_repeating_ones_own_criticism_is_one_statement(parser: Language) -> None:
    text = "The envoy repeated his criticism of the prisoner exchange."
    _, source, content = with_cue(parser, text, "repeated his criticism")
    assert source == "The envoy"
    assert content == ["the prisoner exchange"]


@pytest.mark.parametrize(
    "text",
    [
        "Volunteers from a group called Free Skies delivered the drones.",
        "The offensive began in the sector known as the Southern Arc.",
        "The so-called corridor was opened on Monday.",
    ],
)
def test_a_name_given_is_no_claim(parser: Language, text: str) -> None:
    assert not [r for r in found(parser, text) if r[0] in ("called", "known", "so-called")]


def test_finite_call_the_parse_made_a_participle(parser: Language) -> None:
    text = 'One deputy called the exchange "a betrayal of the prisoners."'
    cue, source, content = found(parser, text)[0]
    assert (cue, source) == ("called", "One deputy")
    assert "the exchange" in content[0]


def test_quoted_by_an_agency_as_saying_is_the_quoted_persons_claim(parser: Language) -> None:
    text = "The general was quoted by Interfax as saying the operation was over."
    _, source, content = with_cue(parser, text, "saying")
    assert source == "The general"
    assert content == ["the operation was over"]


def test_a_figure_someone_puts_on_a_toll(parser: Language) -> None:
    cue, source, content = found(parser, "The mayor put the death toll at 12.")[0]
    assert source == "The mayor" and cue.startswith("put") and content == ["12"]


def test_hailed_takes_any_object(parser: Language) -> None:
    text = "The commander hailed the capture of the village."
    assert with_cue(parser, text, "hailed")[1:] == ("The commander", ["the capture of the village"])


def test_markup_left_in_a_text_is_no_cue(parser: Language) -> None:
    text = 'He wrote: <tweet author="someone">The bridge is down</tweet>. The post was removed.'
    assert not [r for r in found(parser, text) if r[0] == "tweet"]


def test_according_to_a_name_that_swallows_the_full_stop(parser: Language) -> None:
    # "U.N." takes the full stop; with a paragraph after it the parse finds no object of "to"
    text = (
        "The convoy was allowed through the checkpoint, according to the U.N.\n\nIt left at dawn."
    )
    _, source, content = with_cue(parser, text, "according to")
    assert source == "the U.N"
    assert content == ["The convoy was allowed through the checkpoint"]


def test_a_speakers_own_aside_is_part_of_the_statement(parser: Language) -> None:
    text = "The commander said he believed the bridge had been destroyed."
    assert [(c, s) for c, s, _ in found(parser, text)] == [("said", "The commander")]
    quoted = '"I think we held the line," the brigade spokesman said.'
    assert [c for c, _, _ in found(parser, quoted)] == ["said"]


def test_another_source_inside_a_statement_stays(parser: Language) -> None:
    text = "The governor said officials believed the dam had been hit."
    results = found(parser, text)
    assert ("believed", "officials") in [(c, s) for c, s, _ in results]


def test_no_answer_to_a_request_for_comment_is_found_negated(parser: Language) -> None:
    doc = parser("The ministry did not respond to a request for comment.")
    (attribution,) = find_attributions(doc)
    assert attribution.negated and doc.text[attribution.source[0] : attribution.source[1]] == (
        "The ministry"
    )


def test_the_outlet_of_a_dateline_is_not_the_speaker(parser: Language) -> None:
    text = "May 13 (Reuters) - The Defence Ministry said on Tuesday that its forces took a village."
    _, source, _ = with_cue(parser, text, "said")
    assert source == "The Defence Ministry"


def test_calling_for_someone_to_act_is_the_call_not_a_verb_in_a_name(parser: Language) -> None:
    text = "The governor is calling for the United States to send more air defence systems."
    results = found(parser, text)
    assert [(c, s) for c, s, _ in results] == [("is calling", "The governor")], results
    assert results[0][2] == ["the United States to send more air defence systems"]


def test_statements_made_after_another_verb_are_the_first_subjects(parser: Language) -> None:
    text = "The envoy met local reporters and made several statements backing the ceasefire."
    _, source, _ = with_cue(parser, text, "backing")
    assert source == "The envoy"
