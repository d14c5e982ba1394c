"""JSON Lines, CSV, JSON documents, Telegram exports, feeds and HTML pages."""

from __future__ import annotations

import json
from pathlib import Path

from claimledger.read.feed import fragment_to_text
from claimledger.read.telegram import flatten_text
from conftest import FIXTURES, articles_and_problems

TAB = FIXTURES / "tabular"


def test_jsonl_reads_every_field_and_falls_back_to_the_hash() -> None:
    arts, problems = articles_and_problems([TAB / "articles.jsonl"])
    assert problems == []
    assert [a.id for a in arts[:2]] == ["tab-0001", "tab-0002"]
    first = arts[0]
    assert (first.outlet, first.published, first.url) == (
        "TASS",
        "2025-11-03",
        "https://example.org/tab/0001",
    )
    assert first.title == "Russia says it repelled attacks near Kupyansk"
    last = arts[2]
    assert last.id == last.content_hash
    assert (last.title, last.outlet, last.published) == (None, None, None)


def test_csv_columns_in_any_order_with_multiline_quoted_text() -> None:
    arts, problems = articles_and_problems([TAB / "articles.csv"])
    assert problems == []
    assert [a.id for a in arts[:2]] == ["tab-0101", "tab-0102"]
    assert "\n" in arts[0].text  # the quoted field spans lines
    assert arts[1].outlet == "Reuters" and arts[1].published == "2025-11-06"
    assert arts[2].id == arts[2].content_hash and arts[2].published is None


def test_csv_and_jsonl_only_need_text(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('text\n"Drones hit Sumy, officials said."\n', "utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Strike on Odesa port."}) + "\n")
    arts, problems = articles_and_problems([tmp_path])
    assert problems == []
    assert sorted(a.text for a in arts) == [
        "Drones hit Sumy, officials said.",
        "Strike on Odesa port.",
    ]


def test_tsv_is_read_with_tabs(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("id\ttext\nx1\tShelling in Kherson, officials said.\n", "utf-8")
    [article] = articles_and_problems([tmp_path / "a.tsv"])[0]
    assert (article.id, article.text) == ("x1", "Shelling in Kherson, officials said.")


def test_json_document_of_articles_and_scraper_field_names(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(
        json.dumps([{"id": "j1", "text": "First."}, {"id": "j2", "text": "Second."}]), "utf-8"
    )
    # news-please writes maintext / date_publish / source_domain
    (tmp_path / "page.html.json").write_text(
        json.dumps(
            {
                "title": "T",
                "maintext": "Body.",
                "date_publish": "2023-06-01 16:18:00",
                "source_domain": "example.org",
                "url": "https://example.org/x",
            }
        ),
        "utf-8",
    )
    arts, problems = articles_and_problems([tmp_path])
    assert problems == []
    by_text = {a.text: a for a in arts}
    assert by_text["Second."].id == "j2"
    page = by_text["Body."]
    assert (page.outlet, page.published, page.published_at) == (
        "example.org",
        "2023-06-01",
        "2023-06-01T16:18:00",
    )


def test_telegram_export_one_article_per_text_message() -> None:
    arts, problems = articles_and_problems([FIXTURES / "telegram" / "result.json"])
    assert problems == []
    assert [a.id for a in arts] == ["telegram:1555000111/2", "telegram:1555000111/3"]
    assert {a.outlet for a in arts} == {"Southern Front Watch"}
    assert arts[0].published == "2025-11-11" and arts[0].published_at == "2025-11-11T18:20:00"
    # entity arrays are flattened into plain text, link texts included
    raw = json.loads((FIXTURES / "telegram" / "result.json").read_text("utf-8"))
    message = next(m for m in raw["messages"] if m["id"] == 3)
    pieces = [p if isinstance(p, str) else p["text"] for p in message["text"]]
    assert arts[1].text.startswith(pieces[0].strip()[:20])
    for piece in pieces:
        assert " ".join(piece.split()) in arts[1].text


def test_flatten_text_handles_every_shape() -> None:
    assert flatten_text("plain") == "plain"
    assert flatten_text(["a ", {"type": "bold", "text": "b"}, {"type": "link"}]) == "a b"
    assert flatten_text(None) == ""


def test_atom_feed_entries() -> None:
    arts, problems = articles_and_problems([FIXTURES / "feeds" / "atom.xml"])
    assert problems == []
    assert len(arts) == 2
    assert {a.outlet for a in arts} == {"Eastern Front Wire"}
    assert arts[0].published == "2025-10-14"
    assert arts[0].published_at == "2025-10-14T06:00:00+00:00"
    assert arts[0].title == "Russia claims village near Lyman; Ukraine says fighting continues"
    assert "<p>" not in arts[0].text and "\n\n" in arts[0].text


def test_rss_items_name_their_own_outlet() -> None:
    from conftest import EXAMPLES

    arts, problems = articles_and_problems([EXAMPLES / "feed.xml"])
    assert problems == []
    assert [a.outlet for a in arts] == ["AFP", "Suspilne"]
    # 07:40 at +02:00 is 05:40 UTC, the same day
    assert arts[1].published == "2025-11-22"


def test_fragment_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = fragment_to_text("<p>One &amp; two.</p><script>alert(1)</script><p>Three.</p>")
    assert "alert" not in text
    assert [p.strip() for p in text.split("\n\n") if p.strip()] == ["One & two.", "Three."]


def test_html_page_main_text_without_boilerplate() -> None:
    arts, problems = articles_and_problems([FIXTURES / "html" / "page.html"])
    assert problems == []
    [page] = arts
    assert page.title == "Ukraine says it struck ammunition depot in Belgorod region"
    assert page.outlet == "Front Line Monitor"
    assert page.published == "2025-10-02"
    assert not page.text.startswith(page.title)
    lowered = page.text.lower()
    assert "cookie" not in lowered and "subscribe" not in lowered


def test_html_page_in_windows_1251() -> None:
    [page] = articles_and_problems([FIXTURES / "html" / "page-cp1251.html"])[0]
    assert page.title == "Минобороны сообщило об отражении атак под Кременной"
    assert page.language == "ru"
    assert page.outlet == "Вести фронта"
    assert page.published == "2025-10-03"
