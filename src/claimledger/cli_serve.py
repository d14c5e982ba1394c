"""`claimledger serve`: the web app on the ledger, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from claimledger.console import stderr
from claimledger.web.security import LOOPBACK_HOSTS

TOKEN_ENV = "CLAIMLEDGER_TOKEN"
TILES_ENV = "CLAIMLEDGER_TILES"


def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL or SQLite path (default: $CLAIMLEDGER_DB, else ./claimledger.db).",
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. Beyond loopback, writes need --token.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help=f"Token that writes (ingest) must carry (default: ${TOKEN_ENV}). Reads stay "
            "public.",
        ),
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            metavar="URL",
            help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
            f"(default: ${TILES_ENV}; none: points and areas on a blank map, fully offline).",
        ),
    ] = None,
    max_upload_bytes: Annotated[
        int, typer.Option("--max-upload-bytes", min=1, help="Largest ingest request, in bytes.")
    ] = 5_000_000,
) -> None:
    """Serve the ledger as a web app: map, timeline, entries, annotated articles, ingest."""
    import uvicorn

    from claimledger.web import create_app

    token = token or os.environ.get(TOKEN_ENV) or None
    tiles = tiles or os.environ.get(TILES_ENV) or None
    loopback = host in LOOPBACK_HOSTS
    app = create_app(
        db, token=token, loopback=loopback, tiles=tiles, max_upload_bytes=max_upload_bytes
    )
    if not loopback and token is None:
        stderr.print(
            f"warning: listening on {host} without a token: reads are public, writes are off "
            f"(set --token or ${TOKEN_ENV} to allow ingest)",
            markup=False,
        )
    shown = f"[{host}]" if ":" in host else host
    print(f"claimledger is serving at http://{shown}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
