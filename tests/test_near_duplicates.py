"""Near-duplicate articles: copies and rewrites are matched to the earlier text, other reports
of the same event are not."""

from __future__ import annotations

import random

import pytest

from claimledger.near_duplicates import (
    JACCARD_MIN,
    MAX_SENTENCE_ARTICLES,
    MIN_SHARED_SENTENCES,
    NearDuplicateIndex,
    sentence_hashes,
    signature,
    words,
)

P1 = (
    "The regional governor said on Tuesday that a drone attack had damaged an electricity "
    "substation on the outskirts of the city overnight. Emergency crews restored power to most "
    "homes by the morning, according to the local energy company. No one was hurt in the "
    "attack, the governor wrote on his official channel."
)
P2 = (
    "The defence ministry in Moscow claimed that its air defence units had shot down 41 drones "
    "over four regions during the night. The figure could not be independently verified. "
    "Residents of two villages near the border reported hearing explosions for about an hour "
    "after midnight."
)
P3 = (
    "Officials in Kyiv did not comment on the reports. Analysts at a private research group "
    "said the strikes fitted a pattern of attacks on fuel and power sites that began in the "
    "spring. Similar damage was reported at a fuel depot in the same region last month, when a "
    "fire burned for two days."
)
ORIGINAL = "\n\n".join([P1, P2, P3])

# the same text under a new headline, the second and third sentences of P1 swapped
P1_SWAPPED = (
    "The regional governor said on Tuesday that a drone attack had damaged an electricity "
    "substation on the outskirts of the city overnight. No one was hurt in the attack, the "
    "governor wrote on his official channel. Emergency crews restored power to most homes by "
    "the morning, according to the local energy company."
)
RETITLED = "Drone strike hits substation, governor says\n\n" + "\n\n".join([P1_SWAPPED, P2, P3])
SHORTENED = "\n\n".join([P1, P3])

# a weekly round-up that lifts three sentences of the original into text of its own
ROUNDUP = (
    "A week of long-range strikes: what we know. Both sides stepped up attacks on logistics "
    "far behind the front line this week, and energy sites were again among the targets. "
    "The regional governor said on Tuesday that a drone attack had damaged an electricity "
    "substation on the outskirts of the city overnight. Emergency crews restored power to most "
    "homes by the morning, according to the local energy company. Further north, a railway "
    "bridge used to bring ammunition to the front was hit twice in three days, and repair teams "
    "were seen on satellite images working through the weekend. Officials in Kyiv did not "
    "comment on the reports. Military bloggers on both sides argued over whether new jamming "
    "equipment had made small drones less effective near the towns under attack, and several "
    "posted footage they said showed interceptor drones at work."
)

# the same night told independently, quoting one stock line that the original also has
OTHER_REPORT = (
    "Power was cut in parts of the city after a drone struck a substation before dawn, local "
    "authorities said. Repair teams worked through the night and most households had "
    "electricity again by breakfast time. The Russian military said it had destroyed 41 "
    "Ukrainian drones, most of them over border regions. The figure could not be independently "
    "verified. Ukraine has said it targets facilities that supply the Russian army, while Moscow "
    "calls the strikes attacks on civilian infrastructure. People living near the border told "
    "reporters they heard blasts for roughly an hour."
)


@pytest.fixture
def index() -> NearDuplicateIndex:
    idx = NearDuplicateIndex()
    idx.add("original", ORIGINAL)
    return idx


def test_an_exact_copy_is_near_identical(index: NearDuplicateIndex) -> None:
    [match] = index.query(ORIGINAL)
    assert match.key == "original"
    assert match.jaccard == 1.0
    assert match.shared_sentences == 9
    assert match.reason == "near_identical"


def test_a_new_title_and_a_moved_sentence_still_match(index: NearDuplicateIndex) -> None:
    [match] = index.query(RETITLED)
    assert match.key == "original"
    assert match.jaccard >= 0.7
    assert match.shared_sentences == 9
    assert match.reason in {"near_identical", "similar_text"}


def test_a_copy_with_a_paragraph_dropped_matches(index: NearDuplicateIndex) -> None:
    [match] = index.query(SHORTENED)
    assert match.key == "original"
    assert JACCARD_MIN <= match.jaccard < 0.9
    assert match.shared_sentences == 6
    assert match.reason == "similar_text"


def test_three_shared_sentences_make_a_rewrite_of_otherwise_new_text(
    index: NearDuplicateIndex,
) -> None:
    [match] = index.query(ROUNDUP)
    assert match.key == "original"
    assert match.shared_sentences == MIN_SHARED_SENTENCES == 3
    assert match.jaccard < JACCARD_MIN
    assert match.reason == "shared_sentences"


def test_two_sentences_in_common_are_not_enough(index: NearDuplicateIndex) -> None:
    two = ROUNDUP.replace("Officials in Kyiv did not comment on the reports.", "")
    assert index.query(two) == []


def test_another_report_of_the_same_event_does_not_match(index: NearDuplicateIndex) -> None:
    assert index.query(OTHER_REPORT) == []
    # it shares one sentence with the original, which alone proves nothing
    assert len(set(sentence_hashes(OTHER_REPORT)) & set(sentence_hashes(ORIGINAL))) == 1


def test_matches_come_best_first_and_only_from_earlier_articles() -> None:
    idx = NearDuplicateIndex()
    assert idx.query(ORIGINAL) == []
    idx.add("roundup", ROUNDUP)
    idx.add("shortened", SHORTENED)
    idx.add("original", ORIGINAL)
    assert [m.key for m in idx.query(RETITLED)] == ["original", "shortened", "roundup"]
    assert "original" in idx and len(idx) == 3


@pytest.mark.parametrize("text", ["", "   \n ", "Read more.", "Kyiv", "Drones attacked overnight."])
def test_empty_and_very_short_texts_never_match(text: str) -> None:
    idx = NearDuplicateIndex()
    idx.add("short", text)
    idx.add("original", ORIGINAL)
    assert idx.query(text) == []
    assert sentence_hashes(text) == []


def test_headings_and_menu_lines_are_not_sentences() -> None:
    page = (
        "WAR ON THE EASTERN FRONT LINE TODAY\n"
        "Subscribe to our channel to be the first to know the news\n"
        "The ministry said its forces had advanced near the village on Monday."
    )
    assert sentence_hashes(page) == sentence_hashes(
        "The ministry said its forces had advanced near the village on Monday."
    )
    assert len(sentence_hashes(page)) == 1


def test_a_short_text_can_still_be_found_inside_a_long_one() -> None:
    """A short excerpt is not matched by its words, but by its sentences it is."""
    idx = NearDuplicateIndex()
    idx.add("excerpt", P2)
    [match] = idx.query(ORIGINAL)
    assert (match.key, match.shared_sentences, match.reason) == ("excerpt", 3, "shared_sentences")


def test_stored_signature_and_sentences_give_the_same_answers() -> None:
    stored = NearDuplicateIndex()
    stored.add("original", sig=signature(ORIGINAL), sentences=sentence_hashes(ORIGINAL))
    from_text = NearDuplicateIndex()
    from_text.add("original", ORIGINAL)
    for text in (RETITLED, SHORTENED, ROUNDUP, OTHER_REPORT):
        assert stored.query(text) == from_text.query(text)
        assert stored.query(sig=signature(text), sentences=sentence_hashes(text)) == (
            from_text.query(text)
        )


def test_signature_is_compact_and_checked() -> None:
    sig = signature(ORIGINAL)
    assert len(sig) == 519
    assert sig == signature(ORIGINAL)  # deterministic across calls and runs
    idx = NearDuplicateIndex()
    with pytest.raises(ValueError, match="not a signature"):
        idx.add("bad", sig=sig[:-4])
    with pytest.raises(ValueError, match="signature of version 9"):
        idx.add("bad", sig=b"\x09" + sig[1:])
    with pytest.raises(ValueError, match="give the text"):
        idx.add("nothing")
    idx.add("original", ORIGINAL)
    with pytest.raises(ValueError, match="already in the index"):
        idx.add("original", ORIGINAL)


def test_number_formats_and_punctuation_are_normalised() -> None:
    assert words("“1,200 troops” — 3.5% of them; Russia’s MoD") == words(
        "1\u202f200 Troops... 3.5 percent of them: Russia's MOD"
    )
    assert words("1,200") == ["1200"]
    assert words("1.5 million") == ["1.5", "million"]


def test_sentences_in_many_articles_are_boilerplate_not_evidence() -> None:
    footer = (
        " Follow our channel for the latest updates from the front line. "
        "Our reporters work in the field every single day of the week. "
        "Support independent journalism with a monthly donation to the team."
    )
    rng = random.Random(7)
    vocabulary = [w for w in words(ORIGINAL + ROUNDUP + OTHER_REPORT) if len(w) > 3]
    idx = NearDuplicateIndex()
    for i in range(MAX_SENTENCE_ARTICLES + 1):
        body = ". ".join(" ".join(rng.choices(vocabulary, k=12)) for _ in range(5))
        idx.add(f"a{i}", body + "." + footer)
    body = ". ".join(" ".join(rng.choices(vocabulary, k=12)) for _ in range(5))
    assert idx.query(body + "." + footer) == []
