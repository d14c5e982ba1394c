"""What every request handler needs: the ledger, the ingest jobs, the write policy, settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from starlette.requests import Request

from claimledger.web.jobs import Jobs
from claimledger.web.map_index import MapIndex, Memo
from claimledger.web.reference import IndexCache
from claimledger.web.security import WritePolicy


@dataclass
class Context:
    engine: Engine
    jobs: Jobs
    policy: WritePolicy
    references: IndexCache
    map_index: MapIndex
    timelines: Memo
    tiles: str | None
    max_upload_bytes: int


def context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx
