"""The PolNeAR benchmark's span metrics and brat reader (benchmarks/attribution.py), on
hand-made spans and a tiny .ann file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from claimledger.sources.types import Attribution

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load_benchmark() -> ModuleType:
    # benchmarks/ is not a package: load the file itself, with its folder on the path for `common`
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(
            "attribution_benchmark", BENCHMARKS / "attribution.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


bench = _load_benchmark()

#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234567
TEXT = "Officials said, the bridge fell. Trump: we won. He added it."


def test_trim_strips_whitespace_and_punctuation_at_both_ends() -> None:
    assert bench.trim(TEXT, 9, 16) == (10, 14)  # " said, " -> "said"
    assert bench.trim(TEXT, 16, 32) == (16, 31)  # trailing full stop
    assert bench.trim(TEXT, 14, 16) == (14, 15)  # ", ": punctuation alone is kept (colon cues)
    assert bench.trim(TEXT, 38, 39) == (38, 39)  # the colon of "Trump: we won."
    assert bench.trim(TEXT, 32, 33) is None  # whitespace alone


def test_normalise_sorts_merges_and_drops_empty_ranges() -> None:
    assert bench.normalise(TEXT, [(16, 26), (0, 9)]) == ((0, 9), (16, 26))
    assert bench.normalise(TEXT, [(0, 5), (5, 9)]) == ((0, 9),)  # touching: one range
    assert bench.normalise(TEXT, [(0, 9), (5, 12)]) == ((0, 12),)  # overlapping: one range
    assert bench.normalise(TEXT, [(0, 9), (9, 16)]) == ((0, 9), (10, 14))  # apart once trimmed
    assert bench.normalise(TEXT, [(0, 9), (32, 33)]) == ((0, 9),)
    assert bench.normalise(TEXT, [(32, 33)]) is None


def test_exact_match_after_trimming() -> None:
    c = bench.compare(TEXT, [[(10, 14)]], [[(9, 16)]])  # "said" vs " said, "
    assert c.exact == {((10, 14),)}
    assert c.pairs == [(0, 0)]


def test_discontinuous_span_is_one_span() -> None:
    gold = [[(16, 26), (40, 46)]]  # "the bridge" + "we won"
    assert bench.compare(TEXT, gold, [[(40, 46), (16, 26)]]).exact == {((16, 26), (40, 46))}
    partial = bench.compare(TEXT, gold, [[(16, 26)]])
    assert partial.exact == set()
    assert partial.pairs == [(0, 0)]  # one character shared is an overlap
    t = bench.Tally()
    t.add(partial)
    assert (t.gold, t.pred, t.exact, t.overlap) == (1, 1, 0, 1)


def test_overlap_needs_a_shared_character() -> None:
    assert bench.compare(TEXT, [[(0, 5)]], [[(5, 9)]]).pairs == []  # touching is not sharing
    assert bench.compare(TEXT, [[(0, 9)]], [[(8, 14)]]).pairs == [(0, 0)]


def test_overlap_is_one_to_one_and_greedy_by_largest_overlap() -> None:
    gold = [[(16, 31)], [(40, 46)]]  # "the bridge fell", "we won"
    pred = [[(16, 20)], [(16, 31)], [(20, 26)]]  # "the ", "the bridge fell", "bridge"
    c = bench.compare(TEXT, gold, pred)
    assert c.pairs == [(0, 1)]  # the largest overlap wins; the other two find no partner
    t = bench.Tally()
    t.add(c)
    assert t.overlap_prf() == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert t.exact_prf() == pytest.approx((1 / 3, 1 / 2, 0.4))


def test_duplicate_spans_count_once() -> None:
    c = bench.compare(TEXT, [[(0, 9)]], [[(0, 9)], [(0, 10)]])  # the same after trimming
    assert (len(c.pred), len(c.exact)) == (1, 1)


def test_prf_with_nothing_predicted() -> None:
    assert bench.prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert bench.prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_top_level_drops_attributions_nested_in_another_content() -> None:
    outer = Attribution(cue=(10, 14), cue_lemma="say", source=(0, 9), content=((16, 60),))
    inner = Attribution(cue=(51, 56), cue_lemma="add", source=(48, 50), content=((57, 59),))
    alone = Attribution(cue=(38, 39), cue_lemma=":", source=(33, 38), content=((40, 46),))
    assert bench.top_level([outer, inner]) == [outer]
    assert bench.top_level([alone, inner]) == [alone, inner]
    spans = bench.predicted_spans([outer, inner])
    assert spans == {"Source": [((0, 9),)], "Cue": [((10, 14),)], "Content": [((16, 60),)]}


ANN = (
    "T1\tSource 0 9\tOfficials\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 16 26;27 31\tthe bridge fell\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 33 38\tTrump\n"
    "T6\tCue 38 39\t:\n"
    "T7\tContent 40 46\twe won\n"
    "T8\tContent 60 64\toops\n"  # out of the text: a mismatch, not a crash
    "T9\tAttribution-no-source 38 39\t:\n"
    "E2\tAttribution:T9 Content:T7 Content2:T8 Cue:T6 Source:T5\n"
    "T10\tDiscuss 48 60\tHe added it.\n"
    "#1\tAnnotatorNotes T10\ta note\n"
    "T11\tContent 48 50\tHe\n"
    "a line that continues T11's text\n"
)


def test_brat_reader(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "site_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "attributions" / "site_2016-01-01_story_4e07.ann"
    ann.write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "site_2016-01-01_story_5fec.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "no-text_d473.ann").write_text(ANN, encoding="utf-8")

    docs, skipped = bench.load(tmp_path)
    assert skipped == ["no-text_d473.ann"]
    assert [d.name for d in docs] == ["site_2016-01-01_story_4e07", "site_2016-01-01_story_5fec"]
    doc = docs[0]
    assert doc.text == TEXT
    assert doc.gold["Source"] == [((0, 9),), ((33, 38),)]
    assert doc.gold["Cue"] == [((10, 14),), ((38, 39),)]
    # Content + Content2 of one attribution: one span; Discuss and Attribution lines not scored
    assert doc.gold["Content"] == [((16, 26), (27, 31)), ((40, 46), (60, 64)), ((48, 50),)]
    assert doc.merged == 1
    assert len(doc.mismatches) == 2  # T8 beyond the text; T11, whose text runs on a second line
    assert docs[1].gold == {"Source": [], "Cue": [], "Content": []}


def test_brat_reader_keeps_newlines_of_multiline_spans() -> None:
    text = "He said: one.\n\nTwo."
    ann = "T1\tContent 9 19\tone.\n\nTwo.\nT2\tCue 3 7\tsaid\n"
    doc = bench.parse_ann("x_4e07", ann, text)
    assert doc.mismatches == []
    assert doc.gold["Content"] == [((9, 19),)]
    assert doc.gold["Cue"] == [((3, 7),)]


def test_malformed_lines_are_counted() -> None:
    doc = bench.parse_ann("x_4e07", "stray text\nT1\tCue x y\tsaid\n", "He said.")
    assert doc.malformed == 2
    assert doc.gold["Cue"] == []
