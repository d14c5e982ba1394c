"""The spaCy component: `doc._.claims` from the attribution stage filled in (type, figures,
dates, actors, places, status, ACLED), and the events the article states itself added."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.claims.build import build_claims
from claimledger.extensions import register_extensions

log = logging.getLogger(__name__)

FACTORY = "claimledger_claims"


class ClaimStage:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.claims = build_claims(doc)
        except Exception:  # one bad document does not stop the batch; it keeps its sourced claims
            log.exception("claim stage failed on a document")
        return doc


@Language.factory(
    FACTORY,
    assigns=["doc._.claims"],
    requires=["doc._.claims", "doc._.sources", "token.dep", "token.lemma"],
)
def make_claim_stage(nlp: Language, name: str) -> ClaimStage:
    return ClaimStage()
