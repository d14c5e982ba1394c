"""Paragraph breaks are sentence breaks: a component that tells the parser so.

News text puts titles, datelines and bylines on lines of their own, without a full stop; the
parser would read a title and the first sentence as one sentence. Marked before the parser,
a line break starts a sentence, and the parser keeps that boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "claimledger_paragraphs"


@Language.component(FACTORY)
def mark_paragraphs(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc
