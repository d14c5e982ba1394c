"""Server-rendered pages. Each renders the data dict its JSON twin under /api returns; scripts
only add to what the server has drawn, and get their settings from data-* attributes of #app."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from claimledger.web import queries, views
from claimledger.web.annotate import annotate, spans_of
from claimledger.web.context import context
from claimledger.web.errors import NotFound
from claimledger.web.filters import (
    CLAIM_STATUSES,
    CLAIM_TYPES,
    ENTRY_STATUSES,
    SIDES,
    ClaimFilters,
    EntryFilters,
    page_size,
)
from claimledger.web.ingest_form import SubmittedJob
from claimledger.web.pagination import decode_cursor, next_url
from claimledger.web.reference import reference_days

TEMPLATES = Path(__file__).parent / "templates"
router = APIRouter(include_in_schema=False)
Q = str | None
LEDGER_PAGE = 50

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=False,
)
env.filters["seg"] = lambda value: quote(str(value), safe=":@")

MAP_VENDOR_CSS = (
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
)
MAP_SCRIPTS = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet.markercluster/leaflet.markercluster.js",
    "js/common.js",
    "js/map.js",
)


def render(
    name: str,
    page: str,
    data: dict[str, Any],
    *,
    title: str,
    app: dict[str, str] | None = None,
    scripts: tuple[str, ...] = (),
    stylesheets: tuple[str, ...] = (),
    json_url: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    html = env.get_template(name).render(
        **data,
        page=page,
        title=title,
        app=app or {},
        scripts=scripts,
        stylesheets=stylesheets,
        json_url=json_url,
    )
    return HTMLResponse(html, status_code=status)


def error_page(status: int, message: str) -> HTMLResponse:
    return render(
        "error.html",
        "error",
        {"status": status, "message": message},
        title=f"{status}",
        status=status,
    )


def _choices() -> dict[str, Any]:
    return {
        "types": CLAIM_TYPES,
        "sides": SIDES,
        "statuses": CLAIM_STATUSES,
        "entry_statuses": ENTRY_STATUSES,
    }


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    data = views.overview_data(context(request).engine)
    return render("overview.html", "overview", data, title="Overview", json_url="/api/overview")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, q: ClaimFilters, color: Q = None) -> HTMLResponse:
    ctx = context(request)
    filters = {**q.__dict__, "color": color if color in ("side", "type") else "side"}
    app = {"api": "/api/map", "reference": "/api/reference/"}
    if ctx.tiles:
        app["tiles"] = ctx.tiles
    data = {"filters": filters, "reference_days": reference_days(ctx.engine), "tiles": ctx.tiles}
    return render(
        "map.html",
        "map",
        {**data, **_choices()},
        title="Map",
        app=app,
        scripts=MAP_SCRIPTS,
        stylesheets=MAP_VENDOR_CSS,
        json_url="/api/map",
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, q: ClaimFilters) -> HTMLResponse:
    return render(
        "timeline.html",
        "timeline",
        {"filters": q.__dict__, **_choices()},
        title="Timeline",
        app={"api": "/api/timeline", "claims": "/api/claims"},
        scripts=("vendor/chart.js/chart.umd.min.js", "js/common.js", "js/timeline.js"),
        json_url="/api/timeline",
    )


@router.get("/ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request, search: EntryFilters, limit: int | None = None, cursor: Q = None
) -> HTMLResponse:
    items, key = queries.page_entries(
        context(request).engine,
        search,
        limit=page_size(limit, default=LEDGER_PAGE),
        after=decode_cursor(cursor, (int, int)),
    )
    params = request.query_params
    api = "/api/ledger" + (f"?{request.url.query}" if request.url.query else "")
    return render(
        "ledger.html",
        "ledger",
        {"items": items, "next": next_url("/ledger", params, key), "search": search, **_choices()},
        title="Ledger",
        app={"api": "/api/ledger"},
        json_url=api,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, cursor: Q = None) -> HTMLResponse:
    after = decode_cursor(cursor, (int,))
    items, key = queries.page_articles(
        context(request).engine, limit=LEDGER_PAGE, after=after[0] if after else None
    )
    return render(
        "articles.html",
        "articles",
        {"items": items, "next": next_url("/articles", request.query_params, key)},
        title="Articles",
        json_url="/api/articles",
    )


@router.get("/entries/{entry_id}", response_class=HTMLResponse)
def entry_page(request: Request, entry_id: str) -> HTMLResponse:
    data = views.entry_data(context(request).engine, entry_id)
    labels = {n["id"]: n["label"] for n in data["graph"]["nodes"]}
    edges = [(labels[e["from"]], labels[e["to"]]) for e in data["graph"]["edges"]]
    return render(
        "entry.html",
        "entry",
        {"entry": data, "graph_edges": edges},
        title=f"Entry {data['id']}",
        app={"entry": data["id"], "api": f"/api/entries/{data['id']}"},
        scripts=("js/common.js", "js/entry.js"),
        json_url=f"/api/entries/{data['id']}",
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    data = views.article_data(context(request).engine, article_id)
    record = data.pop("record")
    article = data["article"]
    api = "/api/articles/" + quote(article["id"], safe=":@")
    return render(
        "article.html",
        "article",
        {**data, "annotated": annotate(record.article.text, spans_of(record))},
        title=article["title"] or article["id"],
        app={"article": article["id"], "api": api},
        scripts=("js/common.js", "js/article.js"),
        json_url=api,
    )


@router.get("/places/{place_id}", response_class=HTMLResponse)
def place_page(request: Request, place_id: str) -> HTMLResponse:
    ctx = context(request)
    data = views.place_data(ctx.engine, place_id, ctx.references)
    api = "/api/places/" + quote(place_id, safe=":@")
    return render(
        "place.html",
        "place",
        data,
        title=str(data["place"].get("name") or place_id),
        app={"place": place_id, "api": api},
        json_url=api,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    ctx = context(request)
    return render(
        "ingest.html",
        "ingest",
        {
            "token_required": ctx.policy.token_required,
            "writes_off": ctx.policy.token is None and not ctx.policy.loopback,
            "max_bytes": ctx.max_upload_bytes,
        },
        title="Ingest",
        app={"api": "/api/ingest", "max-bytes": str(ctx.max_upload_bytes)},
        scripts=("js/common.js", "js/ingest.js"),
    )


@router.post("/ingest")
async def ingest_form(job: SubmittedJob) -> RedirectResponse:
    """The form without JavaScript: queue the job, then show its page."""
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = context(request).jobs.get(job_id)
    if job is None:
        raise NotFound(f"no ingest job '{job_id[:40]}'")
    data = job.as_json()
    running = data["state"] in ("queued", "running")
    response = render(
        "job.html",
        "job",
        {"job": data, "refresh": 2 if running else None},
        title=f"Ingest job {job.id}",
        app={"job": job.id, "api": f"/api/ingest/{job.id}"},
        json_url=f"/api/ingest/{job.id}",
    )
    return response
