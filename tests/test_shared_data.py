"""Real public input from ../shared: the seed articles and 200 saved propaganda-site pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from conftest import ROOT, articles_and_problems, run_cli, shared


def test_seed_articles_analyse_into_three_valid_records() -> None:
    seeds = shared("examples/seeds")
    result = run_cli("analyze", seeds, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    validator = jsonschema.Draft202012Validator(
        json.loads((ROOT / "docs" / "schema" / "article.schema.json").read_text("utf-8"))
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        validator.validate(record)
        assert record["article"]["language"] == "en"


def test_every_saved_page_is_read_with_title_and_an_honest_date() -> None:
    folder = shared("data/ppn-en")
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 200
    arts, problems = articles_and_problems(pages)
    assert problems == []
    assert len(arts) == 200
    dated = 0
    for article in arts:
        html = Path(article.source_path or "").read_text("utf-8")
        assert article.title, article.source_path
        assert article.language == "en"
        assert len(article.text) > 100
        if "rrn.media" in html:
            # the page's own JSON-LD publication date (news-please's sidecar gets two wrong)
            first = re.search(r'"datePublished":\s*"(\d{4}-\d{2}-\d{2})', html)
            assert first is not None
            assert article.published == first.group(1), article.source_path
        if article.published:
            dated += 1
            year, month, day = article.published.split("-")
            # shown on the page itself (ISO or day-first), never guessed from a form placeholder
            assert article.published in html or f"{day}.{month}.{year}" in html, article.source_path
    # 29 tribunalukraine.info dossier pages show no publication date at all
    assert dated >= 170
