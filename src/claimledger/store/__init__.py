"""The ledger database: schema, migrations, writing batches and reading them back."""

from claimledger.store.claims_query import ClaimFilter, ClaimRow, iter_claims
from claimledger.store.db import connect, resolve_url
from claimledger.store.query import count_articles, is_stored, iter_records, list_articles
from claimledger.store.write import BatchResult, store_batch

__all__ = [
    "BatchResult",
    "ClaimFilter",
    "ClaimRow",
    "connect",
    "count_articles",
    "is_stored",
    "iter_claims",
    "iter_records",
    "list_articles",
    "resolve_url",
    "store_batch",
]
