"""The spaCy component: the article's signals (claimledger.signals) on `doc._.signals`."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extensions import register_extensions
from claimledger.signals import COMPUTED, article_signals

log = logging.getLogger(__name__)

FACTORY = "claimledger_signals"


class SignalStage:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        # signals put there before (the analyse step's not_analyzed, a ledger's near_duplicate)
        # stay; those this stage computes are replaced, so running it twice adds nothing
        kept = [s for s in doc._.signals or [] if s.kind not in COMPUTED]
        try:
            doc._.signals = kept + article_signals(doc)
        except Exception:  # one bad document does not stop the batch; it keeps what it had
            log.exception("signal stage failed on a document")
            doc._.signals = kept
        return doc


@Language.factory(
    FACTORY,
    assigns=["doc._.signals"],
    requires=["doc._.places", "doc._.sources", "doc._.claims"],
)
def make_signal_stage(nlp: Language, name: str) -> SignalStage:
    return SignalStage()
