"""The web app: `create_app` wires the ledger, the pages, the API, static files and the safety
headers together. `claimledger serve` runs it with uvicorn."""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimledger import __version__
from claimledger.errors import ClaimledgerError
from claimledger.store import connect
from claimledger.web import api, pages
from claimledger.web.context import Context
from claimledger.web.errors import TooLarge, WebError
from claimledger.web.jobs import Jobs
from claimledger.web.map_index import MapIndex, Memo
from claimledger.web.reference import IndexCache
from claimledger.web.responses import SafeJSONResponse
from claimledger.web.security import WritePolicy, security_headers

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("claimledger.web")


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    """One line for the user: JSON under /api, an error page elsewhere."""
    message = (message.splitlines() or ["error"])[0][:300]
    if _wants_json(request):
        return SafeJSONResponse({"error": message}, status_code=status)
    return pages.error_page(status, message)


def _validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "bad request"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path"))
    return f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))


def _warm(ctx: Context) -> None:
    try:
        ctx.map_index.points(ctx.engine)
    except Exception:  # a request will try again, and report what is wrong
        log.exception("could not read the map's points")


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    loopback: bool = True,
    tiles: str | None = None,
    max_upload_bytes: int = 5_000_000,
) -> FastAPI:
    """The app on the ledger at `db` (a URL or SQLite path; default as the CLI's).

    Reads are public. Writes (ingest) need `token` when one is given; with `loopback=False`
    (listening beyond this machine) and no token, writes are refused.
    """
    engine = connect(db)
    app = FastAPI(
        title="claimledger",
        version=__version__,
        description="The ledger of claims: entries, claims, articles, places, map and timeline.",
        docs_url=None,  # Swagger UI loads from a CDN with inline script: not under this CSP
        redoc_url=None,
        default_response_class=SafeJSONResponse,
    )
    app.state.ctx = Context(
        engine=engine,
        jobs=Jobs(engine, max_bytes=max_upload_bytes),
        policy=WritePolicy(token=token or None, loopback=loopback),
        references=IndexCache(),
        map_index=MapIndex(),
        timelines=Memo(),
        tiles=tiles or None,
        max_upload_bytes=max_upload_bytes,
    )
    # read the map's points now, not when the first visitor opens the map (seconds on 100k)
    threading.Thread(target=_warm, args=(app.state.ctx,), name="map-warmup", daemon=True).start()
    headers = security_headers(tiles)
    # multipart overhead (boundaries, field names) on top of the content itself
    body_limit = max_upload_bytes + 64_000

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        """Safety headers on every response; oversized bodies refused before they are read;
        anything unexpected answered with one line, the server going on."""
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = 0
        if length > body_limit:
            response = error_response(
                request, 413, f"upload is over the limit of {max_upload_bytes:,} bytes"
            )
        else:
            try:
                response = await call_next(request)
            except Exception:
                log.exception("error serving %s", request.url.path)
                response = error_response(request, 500, "internal error (see the server log)")
        response.headers.update(headers)
        return response

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.message)

    @app.exception_handler(ClaimledgerError)
    async def ledger_error(request: Request, exc: ClaimledgerError) -> Response:
        return error_response(request, 400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        if status == 400 and "exceeded maximum size" in str(exc.detail):
            status = 413  # a form field over Starlette's part limit
        return error_response(request, status, str(exc.detail))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


__all__ = ["TooLarge", "create_app"]
