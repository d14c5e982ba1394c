"""The JSON API against a real ledger: the project's examples and the three seed articles,
ingested with the real pipeline, plus small reference maps drawn for this test around Pokrovsk.
Every endpoint, pagination walked to the end, filters, and the errors a client can meet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimledger.web import create_app
from conftest import run_cli, square_map
from web.conftest import copy_db

POKROVSK = (48.2826, 37.1763)  # lat, lon (GeoNames)


@pytest.fixture(scope="module")
def db(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's ledger with three daily maps: Pokrovsk outside on the first day,
    inside from the second."""
    folder = tmp_path_factory.mktemp("api")
    copy = copy_db(web_db, folder / "api.db")
    maps = folder / "maps"
    maps.mkdir()
    far = square_map(47.0, 35.0, 0.2)
    near = square_map(*POKROVSK, 0.2)
    for day, shape in (("20251101", far), ("20251110", near), ("20251120", near)):
        (maps / f"deepstatemap_data_{day}.geojson").write_text(json.dumps(shape), "utf-8")
    result = run_cli("reference", "add", "deepstate", maps, "--db", copy)
    assert result.returncode == 0, result.stderr
    return copy


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


def _get(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text)
    return response.json()


def _walk(client: TestClient, url: str) -> list[Any]:
    """Every item of a paginated list, following `next` to the end."""
    items: list[Any] = []
    next_url: str | None = url
    pages = 0
    while next_url:
        page = _get(client, next_url)
        assert set(page) == {"items", "next"}
        items.extend(page["items"])
        next_url = page["next"]
        pages += 1
        assert pages < 500
    return items


def _claim_key(item: dict[str, Any]) -> tuple[str, str]:
    return (item["article_id"], item.get("claim_id") or item["id"])


@pytest.mark.parametrize(
    ("path", "key", "small"),
    [
        ("/api/claims", _claim_key, 7),
        ("/api/map", _claim_key, 5),
        ("/api/ledger", lambda e: e["id"], 9),
        ("/api/articles", lambda a: a["id"], 4),
    ],
)
def test_walking_small_pages_gives_every_item_once_in_order(
    client: TestClient, path: str, key: Any, small: int
) -> None:
    whole = _get(client, f"{path}?limit=1000")
    assert whole["next"] is None and len(whole["items"]) > small * 2
    walked = _walk(client, f"{path}?limit={small}")
    keys = [key(i) for i in walked]
    assert len(keys) == len(set(keys)), "an item came twice"
    assert keys == [key(i) for i in whole["items"]]


def test_pagination_keeps_the_filters_in_next(client: TestClient) -> None:
    page = _get(client, "/api/claims?type=losses&limit=2")
    assert page["next"] and "type=losses" in page["next"] and "cursor=" in page["next"]
    walked = _walk(client, "/api/claims?type=losses&limit=2")
    assert walked and all(c["type"] == "losses" for c in walked)


def test_claim_filters(client: TestClient) -> None:
    every = _walk(client, "/api/claims?limit=1000")
    for name in ("type", "side", "status"):
        field = "side" if name == "side" else name
        value = every[0][field]
        found = _walk(client, f"/api/claims?{name}={value}&limit=1000")
        assert found and all(c[field] == value for c in found)
        assert len(found) == sum(c[field] == value for c in every)
    tass = _walk(client, "/api/claims?source=tass&limit=1000")
    assert tass and all(any("tass" in n.lower() for n in c["chain_names"]) for c in tass)
    pokrovsk = _walk(client, "/api/claims?place=Pokrovsk&limit=1000")
    assert pokrovsk and all("Pokrovsk" in c["place_names"] for c in pokrovsk)
    entry = every[0]["entry_id"]
    assert entry and entry.startswith("e")
    in_entry = _walk(client, f"/api/claims?entry={entry}")
    assert in_entry and all(c["entry_id"] == entry for c in in_entry)
    article = every[0]["article_id"]
    assert all(c["article_id"] == article for c in _walk(client, f"/api/claims?article={article}"))


def test_date_range_on_claims_and_map(client: TestClient) -> None:
    points = _walk(client, "/api/map?limit=5000")
    days = sorted(p["date"] for p in points if p["date"] and len(p["date"]) == 10)
    since, until = days[len(days) // 4], days[3 * len(days) // 4]
    ranged = _walk(client, f"/api/map?since={since}&until={until}&limit=5000")
    assert ranged and all(since <= p["date"] <= until for p in ranged)
    expected = {_claim_key(p) for p in points if p["date"] and since <= p["date"] <= until}
    assert {_claim_key(p) for p in ranged} == expected
    claims = _walk(client, f"/api/claims?since={since}&limit=1000")
    assert claims and all((c["date"]["start"] or c["published"]) >= since for c in claims)


def test_map_has_the_seed_towns_and_is_in_date_order(client: TestClient) -> None:
    points = _walk(client, "/api/map?limit=5000")
    assert {"Pokrovsk", "Myrnohrad"} <= {p["place"] for p in points}
    for p in points:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        assert p["entry_id"] and p["side"] and p["type"]
    keys = [(p["date"] or "", p["claim_id"]) for p in points]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    one = next(p for p in points if p["place"] == "Pokrovsk")
    claim = _walk(client, f"/api/claims?entry={one['entry_id']}&limit=1000")
    assert any(c["id"] == one["claim_id"] and c["article_id"] == one["article_id"] for c in claim)


def test_map_filters_and_bbox(client: TestClient) -> None:
    points = _walk(client, "/api/map?limit=5000")
    side = points[0]["side"]
    sided = _walk(client, f"/api/map?side={side}&limit=5000")
    assert sided and all(p["side"] == side for p in sided)
    assert len(sided) == sum(p["side"] == side for p in points)
    lat, lon = POKROVSK
    box = f"{lon - 0.3},{lat - 0.3},{lon + 0.3},{lat + 0.3}"
    near = _walk(client, f"/api/map?bbox={box}&limit=5000")
    assert near and any(p["place"] == "Pokrovsk" for p in near)
    assert all(
        lat - 0.3 <= p["lat"] <= lat + 0.3 and lon - 0.3 <= p["lon"] <= lon + 0.3 for p in near
    )


def test_timeline_counts_match_the_claims(client: TestClient) -> None:
    page = _get(client, "/api/timeline")
    assert page["next"] is None and page["items"]
    for row in page["items"]:
        assert set(row) == {"date", "type", "side", "count"} and row["count"] > 0
    every = _walk(client, "/api/claims?type=losses&limit=1000")
    full_days = [
        c
        for c in every
        if len(c["date"]["start"] or c["published"] or "") == 10
        and not (c["date"]["start"] or "").startswith("--")
    ]
    losses = _get(client, "/api/timeline?type=losses")["items"]
    assert sum(r["count"] for r in losses) == len(full_days)
    assert all(r["type"] == "losses" for r in losses)


def test_ledger_search_and_filters(client: TestClient) -> None:
    every = _walk(client, "/api/ledger?limit=1000")
    assert every and all("claims" not in e and e["text"] for e in every)
    first = every[0]
    assert set(first["counts"]) >= {"claims", "articles", "origins", "sides", "contradictions"}
    word = max(first["text"].split(), key=len)
    found = _walk(client, f"/api/ledger?q={word}&limit=1000")
    assert first["id"] in {e["id"] for e in found}
    assert all(word.lower() in e["text"].lower() for e in found)
    contested = _walk(client, "/api/ledger?status=contested&limit=1000")
    assert contested and all(e["status"] == "contested" for e in contested)
    pokrovsk = _walk(client, "/api/ledger?place=Pokrovsk&limit=1000")
    assert pokrovsk and len(pokrovsk) < len(every)
    counts = [e["counts"]["claims"] for e in every]
    assert counts == sorted(counts, reverse=True)


def test_entry_has_its_claims_and_a_chain_graph(client: TestClient) -> None:
    entries = _walk(client, "/api/ledger?limit=1000")
    chained = None
    for e in entries[:60]:
        data = _get(client, f"/api/entries/{e['id']}")
        assert data["id"] == e["id"] and data["claims"]
        graph = data["graph"]
        ids = {n["id"] for n in graph["nodes"]}
        assert len(ids) == len(graph["nodes"]), "a node twice"
        assert all(edge["from"] in ids and edge["to"] in ids for edge in graph["edges"])
        kinds = {n["kind"] for n in graph["nodes"]}
        assert "article" in kinds
        # origin -> outlet -> article: a retelling through at least one outlet
        outlets = {n["id"] for n in graph["nodes"] if n["kind"] == "outlet"}
        if any(edge["from"] in outlets for edge in graph["edges"]) and "origin" in kinds:
            chained = data
    assert chained is not None, "no entry with an origin retold by an outlet"
    assert any(" → " in c["retelling_text"] for c in chained["claims"])


def test_article_has_what_the_hover_panel_needs(client: TestClient) -> None:
    articles = _walk(client, "/api/articles?limit=1000")
    seed = max(articles, key=lambda a: a["counts"]["places"])
    data = _get(client, f"/api/articles/{seed['id']}")
    text = data["text"]
    assert data["article"]["id"] == seed["id"]
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
        assert isinstance(m["candidates"], list) and isinstance(m["flagged"], list)
    for c in data["claims"]:
        assert 0 <= c["content_span"]["start"] <= c["content_span"]["end"] <= len(text)
        assert "retelling" in c and "quantities" in c and "date" in c
    assert all({"kind", "detail"} <= set(s) for s in data["signals"])
    assert all(s["mentions"] for s in data["sources"])


def test_seed_article_has_a_flagged_garbled_name(client: TestClient) -> None:
    flagged = []
    for a in _walk(client, "/api/articles?limit=1000"):
        data = _get(client, f"/api/articles/{a['id']}")
        flagged += [m for m in data["mentions"] if m["flagged"]]
    names = {m["text"] for m in flagged}
    assert {"Krasnogorsk", "Krasnoarmysk"} & names, names


def test_place_has_spellings_claims_and_map_history(client: TestClient) -> None:
    point = next(p for p in _walk(client, "/api/map?limit=5000") if p["place"] == "Pokrovsk")
    data = _get(client, f"/api/places/{point['place_id']}")
    assert data["place"]["name"] == "Pokrovsk"
    spellings = {s["text"]: s["count"] for s in data["spellings"]}
    assert "Pokrovsk" in spellings and len(spellings) >= 2, spellings
    assert data["claims"] and data["claims_total"] >= len(data["claims"])
    assert all("Pokrovsk" in c["place_names"] for c in data["claims"])
    assert data["maps_loaded"] is True
    history = [(h["date"], h["inside"]) for h in data["map_history"]]
    assert history == [("2025-11-01", False), ("2025-11-10", True)]


def test_reference_days_and_areas(client: TestClient) -> None:
    days = _get(client, "/api/reference/days")
    assert days == {"items": ["2025-11-01", "2025-11-10", "2025-11-20"], "next": None}
    area = _get(client, "/api/reference/2025-11-15")
    assert area["type"] == "FeatureCollection"
    feature = area["features"][0]
    assert feature["properties"]["map_date"] == "2025-11-10"
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    before = client.get("/api/reference/2025-10-01")
    assert before.status_code == 404 and before.json()["error"].startswith("no reference map")
    assert client.get("/api/reference/yesterday").status_code == 400


def test_overview_counts(client: TestClient) -> None:
    data = _get(client, "/api/overview")
    counts = data["counts"]
    assert counts["articles"] == len(_walk(client, "/api/articles?limit=1000"))
    assert counts["entries"] == len(_walk(client, "/api/ledger?limit=1000"))
    assert counts["reference_maps"] == 3 and data["latest"]


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/api/entries/e999999", 404, "no entry"),
        ("/api/entries/nonsense", 404, "no entry"),
        ("/api/articles/no-such-article", 404, "no article"),
        ("/api/places/geonames:0", 404, "no place"),
        ("/api/ingest/nojob", 404, "no ingest job"),
        ("/api/claims?since=2025-13-45", 400, "since: not a date"),
        ("/api/map?until=soon", 400, "until: not a date"),
        ("/api/claims?cursor=not-a-cursor", 400, "bad cursor"),
        ("/api/map?cursor=WzFd", 400, "bad cursor"),  # a valid cursor of another list
        ("/api/claims?limit=0", 400, "limit"),
        ("/api/claims?limit=abc", 400, "limit"),
        ("/api/ledger?limit=100000", 400, "limit"),
        ("/api/claims?type=rumour", 400, "type"),
        ("/api/ledger?status=maybe", 400, "status"),
        ("/api/map?bbox=1,2,3", 400, "bbox"),
        ("/api/nothing-here", 404, ""),
    ],
)
def test_errors_are_one_line_of_json(client: TestClient, url: str, status: int, says: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and "\n" not in body["error"]
    assert says in body["error"] and "Traceback" not in response.text


def test_every_endpoint_is_in_the_openapi_schema(client: TestClient) -> None:
    paths = set(_get(client, "/openapi.json")["paths"])
    assert {
        "/api/claims",
        "/api/ledger",
        "/api/entries/{entry_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/places/{place_id}",
        "/api/map",
        "/api/timeline",
        "/api/reference/days",
        "/api/reference/{day}",
        "/api/ingest",
        "/api/ingest/{job_id}",
    } <= paths
