"""The web app: map, timeline, ledger, entries, annotated articles, places and ingest."""

from claimledger.web.app import create_app

__all__ = ["create_app"]
