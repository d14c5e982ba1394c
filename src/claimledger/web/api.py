"""The JSON API: the twin of every page, paginated as {"items": [...], "next": URL or null}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from claimledger.web import queries, views
from claimledger.web.context import context
from claimledger.web.errors import NotFound
from claimledger.web.filters import (
    ClaimFilters,
    EntryFilters,
    bbox,
    iso_day,
    page_size,
)
from claimledger.web.ingest_form import SubmittedJob
from claimledger.web.pagination import decode_cursor, next_url
from claimledger.web.reference import area_geojson, reference_days
from claimledger.web.responses import SafeJSONResponse

router = APIRouter(prefix="/api", tags=["api"])
Q = str | None
MAP_MOST = 5000


def _page(request: Request, items: list[Any], key: list[Any] | None) -> SafeJSONResponse:
    # a response, not a dict: FastAPI would validate and re-encode every item of the page
    next_page = next_url(request.url.path, request.query_params, key)
    return SafeJSONResponse({"items": items, "next": next_page})


@router.get("/claims", summary="Claims, filtered, in the order they were stored")
def claims(
    request: Request, q: ClaimFilters, limit: int | None = None, cursor: Q = None
) -> SafeJSONResponse:
    after = decode_cursor(cursor, (int,))
    items, key = queries.page_claims(
        context(request).engine, q, limit=page_size(limit), after=after[0] if after else None
    )
    return _page(request, items, key)


@router.get("/map", summary="One point per claim with a located place, by day")
def map_points(
    request: Request,
    q: ClaimFilters,
    bbox: Q = None,
    limit: int | None = None,
    cursor: Q = None,
) -> SafeJSONResponse:
    ctx = context(request)
    items, key = queries.map_points(
        ctx.engine,
        ctx.map_index,
        q,
        bbox=_bbox(bbox),
        limit=page_size(limit, most=MAP_MOST),
        after=decode_cursor(cursor, (str, int)),
    )
    return _page(request, items, key)


_bbox = bbox


@router.get("/timeline", summary="Claims per day, type and side")
def timeline(request: Request, q: ClaimFilters) -> SafeJSONResponse:
    ctx = context(request)
    items = ctx.timelines.get(ctx.engine, q, lambda: queries.timeline(ctx.engine, q))
    return SafeJSONResponse({"items": items, "next": None})


@router.get("/ledger", summary="Ledger entries, most claims first")
def ledger(
    request: Request, where: EntryFilters, limit: int | None = None, cursor: Q = None
) -> SafeJSONResponse:
    items, key = queries.page_entries(
        context(request).engine,
        where,
        limit=page_size(limit),
        after=decode_cursor(cursor, (int, int)),
    )
    return _page(request, items, key)


@router.get("/entries/{entry_id}", summary="One entry: its claims in time order and its graph")
def entry(request: Request, entry_id: str) -> SafeJSONResponse:
    return SafeJSONResponse(views.entry_data(context(request).engine, entry_id))


@router.get("/articles", summary="Stored articles, the latest stored first")
def articles(request: Request, limit: int | None = None, cursor: Q = None) -> SafeJSONResponse:
    after = decode_cursor(cursor, (int,))
    items, key = queries.page_articles(
        context(request).engine, limit=page_size(limit), after=after[0] if after else None
    )
    return _page(request, items, key)


@router.get("/articles/{article_id:path}", summary="One article: text, places, sources, claims")
def article(request: Request, article_id: str) -> SafeJSONResponse:
    data = views.article_data(context(request).engine, article_id)
    del data["record"]
    return SafeJSONResponse(data)


@router.get("/places/{place_id}", summary="One place: spellings, claims, map history")
def place(request: Request, place_id: str) -> SafeJSONResponse:
    ctx = context(request)
    return SafeJSONResponse(views.place_data(ctx.engine, place_id, ctx.references))


@router.get("/reference/days", summary="The days that have a reference map")
def reference_map_days(request: Request) -> SafeJSONResponse:
    return SafeJSONResponse({"items": reference_days(context(request).engine), "next": None})


@router.get("/reference/{day}", summary="The occupied area on a day (GeoJSON)")
def reference_map(request: Request, day: str) -> SafeJSONResponse:
    asked = iso_day("day", day) or ""
    found = area_geojson(context(request).engine, asked)
    if found is None:
        raise NotFound(f"no reference map on or before {asked}")
    return SafeJSONResponse(found)


@router.get("/overview", summary="Counts and the latest entries")
def overview(request: Request) -> SafeJSONResponse:
    return SafeJSONResponse(views.overview_data(context(request).engine))


@router.post(
    "/ingest",
    status_code=202,
    summary="Queue pasted text and uploaded files for analysis and storage",
)
async def ingest(job: SubmittedJob) -> SafeJSONResponse:
    return SafeJSONResponse(
        {"job": job.id, "status_url": f"/api/ingest/{job.id}", **job.as_json()}, status_code=202
    )


@router.get("/ingest/{job_id}", summary="An ingest job's progress")
def ingest_status(request: Request, job_id: str) -> SafeJSONResponse:
    job = context(request).jobs.get(job_id)
    if job is None:
        raise NotFound(f"no ingest job '{job_id[:40]}'")
    return SafeJSONResponse({**job.as_json(), "status_url": f"/api/ingest/{job.id}"})
