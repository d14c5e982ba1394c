"""The server-rendered pages on the session's real ledger: each renders with the ids its script
and the browser tests rely on, no inline script or style, its JSON twin linked; the ledger's
pages walk to the end; an article's marks nest; unknown ids are error pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from claimledger.web import create_app
from claimledger.web.annotate import Span, annotate


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(web_db))) as c:
        yield c


class Page(HTMLParser):
    """What the tests look for in a page: ids, #app's data-*, scripts, marks, and whether
    the elements nest."""

    VOID: ClassVar[set[str]] = {"meta", "link", "input", "br", "img", "hr", "source", "area"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.app: dict[str, str] = {}
        self.scripts: list[dict[str, str | None]] = []
        self.styled: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self.stack: list[str] = []
        self.misnested: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if found.get("id") == "app":
            self.app = {k: v or "" for k, v in found.items()}
        if "style" in found:
            self.styled.append(tag)
        if tag == "script":
            self.scripts.append(found)
        if tag == "mark":
            self.marks.append(found)
        if tag == "a":
            self.links.append(found)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.misnested.append(tag)
            return
        self.stack.pop()


def _page(client: TestClient, url: str, name: str, ids: set[str]) -> Page:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    assert page.app["data-page"] == name
    assert ids <= page.ids, ids - page.ids
    assert all(s.get("src", "").startswith("/static/") for s in page.scripts)  # type: ignore[union-attr]
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.text), "inline script"
    assert not page.styled, "style attributes"
    assert not page.misnested and not page.stack, (page.misnested, page.stack)
    hrefs = {link.get("href") for link in page.links}
    assert {"/", "/map", "/timeline", "/ledger", "/ingest"} <= hrefs
    return page


def _api(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_overview(client: TestClient) -> None:
    response = client.get("/")
    _page(client, "/", "overview", {"counts", "latest"})
    counts = _api(client, "/api/overview")["counts"]
    assert f'data-count="articles"><a href="/articles">{counts["articles"]}<' in response.text


def test_map_page_has_its_filters_slider_and_scripts(client: TestClient) -> None:
    page = _page(client, "/map", "map", {"map", "filters", "day", "day-label", "reference-note"})
    assert page.app["data-api"] == "/api/map"
    srcs = [s["src"] for s in page.scripts]
    assert any(s and "leaflet.js" in s for s in srcs) and "/static/js/map.js" in srcs
    html = client.get("/map").text
    for name in ("since", "until", "type", "side", "status", "source", "color"):
        assert f'name="{name}"' in html
    assert 'type="range" id="day"' in html
    assert "data-tiles" not in html  # none configured: offline


def test_map_page_passes_the_tile_url(web_db: Path) -> None:
    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(str(web_db), tiles=tiles)) as c:
        response = c.get("/map")
    assert Page(response.text).app["data-tiles"] == tiles
    assert (
        "img-src 'self' data: https://tile.example.org;"
        in (response.headers["content-security-policy"])
    )


def test_timeline_page(client: TestClient) -> None:
    page = _page(client, "/timeline", "timeline", {"filters", "chart", "claims"})
    assert "/static/js/timeline.js" in [s["src"] for s in page.scripts]


def test_ledger_pages_walk_every_entry_once(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/ledger?limit=25"
    while url:
        response = client.get(url)
        page = _page(client, url, "ledger", {"entries", "search"})
        seen += re.findall(r'<tr data-entry="(e\d+)"', response.text)
        following = [link for link in page.links if link.get("rel") == "next"]
        url = following[0]["href"] if following else None
    everything = [e["id"] for e in _api(client, "/api/ledger?limit=1000")["items"]]
    assert seen == everything


def test_ledger_search_form_filters(client: TestClient) -> None:
    response = client.get("/ledger?place=Pokrovsk&status=")
    rows = re.findall(r'<tr data-entry="(e\d+)"', response.text)
    expected = [e["id"] for e in _api(client, "/api/ledger?place=Pokrovsk")["items"]]
    assert rows == expected[:50] and rows
    assert 'value="Pokrovsk"' in response.text


def test_entry_page_shows_claims_chain_contradictions_and_map_check(client: TestClient) -> None:
    entries = _api(client, "/api/ledger?limit=1000")["items"]
    contested = next(e for e in entries if e["counts"]["contradictions"])
    page = _page(
        client,
        f"/entries/{contested['id']}",
        "entry",
        {"claims", "contradictions", "map-check", "graph"},
    )
    assert page.app["data-entry"] == contested["id"]
    html = client.get(f"/entries/{contested['id']}").text
    data = _api(client, f"/api/entries/{contested['id']}")
    assert html.count('<li data-claim="') >= len(data["claims"])
    assert " → " in html
    assert data["contradictions"][0]["kind"] in html


def test_article_page_marks_nest_and_flag_garbled_names(client: TestClient) -> None:
    articles = _api(client, "/api/articles?limit=1000")["items"]
    flagged_seen = False
    for a in articles:
        data = _api(client, f"/api/articles/{a['id']}")
        page = _page(
            client, f"/articles/{a['id']}", "article", {"text", "details", "signals", "claims"}
        )
        mentions = {m["id"]: m for m in data["mentions"]}
        places = [m for m in page.marks if "place" in (m.get("class") or "").split()]
        assert {m["data-mention"] for m in places} == set(mentions)
        for mark in places:
            mention = mentions[mark["data-mention"] or ""]
            classes = (mark.get("class") or "").split()
            assert ("flagged" in classes) == bool(mention["flagged"])
            if mention["flagged"]:
                assert mark.get("title") == ", ".join(mention["flagged"])
                flagged_seen = flagged_seen or mention["text"] in {"Krasnogorsk", "Krasnoarmysk"}
        claims = {m["data-claim"] for m in page.marks if m.get("class") == "claim"}
        assert claims == {c["id"] for c in data["claims"]}
    assert flagged_seen, "no garbled seed name flagged"


def test_place_page(client: TestClient) -> None:
    point = next(
        p for p in _api(client, "/api/map?limit=5000")["items"] if p["place"] == "Myrnohrad"
    )
    page = _page(
        client, f"/places/{point['place_id']}", "place", {"spellings", "claims", "map-history"}
    )
    assert page.app["data-place"] == point["place_id"]
    html = client.get(f"/places/{point['place_id']}").text
    for spelling in _api(client, f"/api/places/{point['place_id']}")["spellings"]:
        assert spelling["text"] in html


def test_ingest_and_articles_pages(client: TestClient) -> None:
    page = _page(client, "/ingest", "ingest", {"ingest-form", "progress", "result"})
    html = client.get("/ingest").text
    for name in ("text", "title", "published", "outlet", "files"):
        assert f'name="{name}"' in html
    assert 'enctype="multipart/form-data"' in html and page.app["data-api"] == "/api/ingest"
    _page(client, "/articles", "articles", {"articles"})


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/entries/e999999", 404),
        ("/articles/no-such-article", 404),
        ("/places/geonames:0", 404),
        ("/ingest/nojob", 404),
        ("/no-such-page", 404),
        ("/ledger?since=tomorrow", 400),
        ("/map?type=rumour", 400),
        ("/ledger?cursor=%%%", 400),
    ],
)
def test_errors_are_pages_with_one_line(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'id="error"' in response.text and "Traceback" not in response.text


def test_overlapping_spans_are_split_and_nested() -> None:
    text = "The <ministry> said Pokrovsk & Myrnohrad fell."
    spans = [
        Span(0, 14, "source", (("class", "source"),)),
        Span(10, 28, "claim", (("class", "claim"), ("data-claim", 'c"1'))),
        Span(20, 28, "place", (("class", "place"), ("data-mention", "p1"))),
    ]
    html = str(annotate(text, spans))
    assert "&lt;minis" in html and "&amp;" in html and "<ministry>" not in html
    assert 'data-claim="c&#34;1"' in html
    parsed = Page(f"<main id='app' data-page='x'>{html}</main>")
    assert not parsed.misnested and not parsed.stack
    # the claim starts inside the source: cut in two, the part outside the source reopened
    assert html.count('class="claim"') == 2
    assert (
        re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        == text
    )


def test_spans_outside_the_text_are_clipped() -> None:
    html = str(
        annotate("abc", [Span(-5, 2, "place", (("class", "place"),)), Span(2, 99, "cue", ())])
    )
    assert html == '<mark class="place">ab</mark><mark>c</mark>'
