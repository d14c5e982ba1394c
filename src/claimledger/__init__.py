"""claimledger: a ledger of claims from war reporting."""

__version__ = "0.1.0"
