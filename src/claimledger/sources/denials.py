"""Whether a statement denies a claim: "the claims are baseless", "reports ... are fake"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from claimledger.sources.cues import denial_targets, denial_terms
from claimledger.sources.types import CharRange

# verbs whose object and its label are the content: "calling it baseless"
LABELLING = frozenset({"call", "label", "brand", "describe", "dismiss", "term", "dub"})


def is_denial(doc: Doc, content: Sequence[CharRange], cue_lemma: str = "") -> bool:
    """Content that calls a claim, report or allegation false, baseless, fake ...

    Both words must be there ("baseless" alone may judge anything, and a statement about a
    report need not deny it), unless the cue labels what came before: "calling it baseless".
    """
    lemmas: set[str] = set()
    for start, end in content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            lemmas.update(t.lemma_.lower() for t in span)
            lemmas.update(t.lower_ for t in span)
    judged = bool(lemmas & denial_terms())
    return judged and (cue_lemma in LABELLING or bool(lemmas & denial_targets()))
