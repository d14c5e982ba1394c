"""Every kind of bad input gives one clear problem naming the file (and line); the rest goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.read import read_paths
from conftest import FIXTURES, articles_and_problems

BAD = FIXTURES / "bad"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("binary.bin", "binary file"),
        ("empty.txt", "file is empty"),
        ("whitespace.txt", "no article text"),
        ("malformed-feed.xml", "not a readable RSS/Atom feed"),
        ("no-text.csv", "no 'text' column"),
        ("no-articles", "folder holds no readable articles"),
        ("missing.txt", "no such file or folder"),
    ],
)
def test_bad_input_gives_one_clear_problem(name: str, expected: str) -> None:
    arts, problems = articles_and_problems([BAD / name])
    assert arts == []
    [problem] = problems
    assert problem.path == str(BAD / name)
    assert expected in problem.message
    assert "\n" not in str(problem)


def test_truncated_json_line_names_the_line_and_keeps_the_others() -> None:
    arts, problems = articles_and_problems([BAD / "truncated.jsonl"])
    assert [a.id for a in arts] == ["bad-0001", "bad-0003"]
    [problem] = problems
    assert problem.line == 2
    assert str(problem).startswith(f"{BAD / 'truncated.jsonl'}:2: not valid JSON")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "Shelling reported. " * 100, "utf-8")
    items = list(read_paths([path], max_bytes=100))
    [problem] = items
    assert "over the limit of 100" in str(problem) and "--max-bytes" in str(problem)


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nThe governor said drones hit a depot.", "utf-8")
    paths = [
        BAD / "binary.bin",
        good,
        BAD / "empty.txt",
        tmp_path / "nope",
        BAD / "truncated.jsonl",
    ]
    arts, problems = articles_and_problems(paths)
    assert len(arts) == 3
    assert len(problems) == 4


def test_rows_without_text_and_bad_dates_are_reported_per_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "1", "text": "Fine."}\n'
        '{"id": "2", "title": "no text"}\n'
        '["not", "an", "object"]\n'
        '{"id": "4", "text": "Dated.", "published": "next tuesday-ish"}\n',
        "utf-8",
    )
    arts, problems = articles_and_problems([path])
    assert [a.id for a in arts] == ["1"]
    assert [(p.line, p.message) for p in problems] == [
        (2, "no 'text' field"),
        (3, "expected a JSON object with a 'text' field; line skipped"),
        (4, "not a date: 'next tuesday-ish' (use YYYY-MM-DD)"),
    ]


def test_json_that_is_no_known_document(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"foo": 1}', "utf-8")
    (tmp_path / "y.json").write_text('{"foo": ', "utf-8")
    _, problems = articles_and_problems([tmp_path / "x.json", tmp_path / "y.json"])
    assert "neither a Telegram export" in problems[0].message
    assert problems[1].message.startswith("not valid JSON")


def test_html_without_article_text(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><head><title>x</title></head><body></body></html>")
    [problem] = articles_and_problems([tmp_path / "blank.html"])[1]
    assert "no article text could be extracted" in problem.message


def test_telegram_export_without_text_messages(tmp_path: Path) -> None:
    (tmp_path / "result.json").write_text(
        '{"name": "C", "id": 1, "messages": [{"id": 1, "type": "service"}]}', "utf-8"
    )
    [problem] = articles_and_problems([tmp_path / "result.json"])[1]
    assert problem.message == "no article text in it"
