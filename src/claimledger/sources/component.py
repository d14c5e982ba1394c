"""The spaCy component: attributions on a Doc become `doc._.sources` and `doc._.claims`."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extensions import register_extensions
from claimledger.sources.assemble import assemble
from claimledger.sources.attribution import find_attributions

log = logging.getLogger(__name__)

FACTORY = "claimledger_sources"


class SourceStage:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.sources, doc._.claims = assemble(doc, find_attributions(doc), doc._.places or [])
        except Exception:  # one bad document does not stop the batch; it gets no claims
            log.exception("source stage failed on a document")
            doc._.sources, doc._.claims = [], []
        return doc


@Language.factory(
    FACTORY,
    assigns=["doc._.sources", "doc._.claims"],
    requires=["token.dep", "token.lemma"],
)
def make_source_stage(nlp: Language, name: str) -> SourceStage:
    return SourceStage()
