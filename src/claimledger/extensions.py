"""The Doc attributes claimledger's components write, so they work in any user's pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

# attribute -> what it holds (a list of the contract's models; None until a component runs)
DOC_EXTENSIONS = {
    "article": "Article (its metadata: publication date, outlet, ...)",
    "places": "list[PlaceMention]",
    "sources": "list[Source]",
    "claims": "list[Claim]",
    "signals": "list[Signal]",
}


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            # default None, not []: a shared mutable default would leak between Docs
            Doc.set_extension(name, default=None)
