"""Whether a statement denies a claim: "the claims are baseless", "reports ... are fake"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimledger.sources.cues import denial_targets, denial_terms
from claimledger.sources.types import CharRange


def is_denial(doc: Doc, content: Sequence[CharRange]) -> bool:
    """Content that calls a claim, report or allegation false, baseless, fake ...

    Both words must be there: "baseless" alone may judge anything, and a statement about a
    report need not deny it.
    """
    lemmas: set[str] = set()
    for start, end in content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            lemmas.update(t.lemma_.lower() for t in span)
            lemmas.update(t.lower_ for t in span)
    return bool(lemmas & denial_terms()) and bool(lemmas & denial_targets())
