"""Paragraph breaks and datelines are sentence breaks: a component that tells the parser so.

News text puts titles, datelines and bylines on lines of their own, without a full stop; the
parser would read a title and the first sentence as one sentence. And a dateline opens a
paragraph ("KYIV, Nov 20 (Reuters) - Ukraine's military said ..."): read as part of the
sentence, its date becomes the subject of "said". Marked before the parser, a line break and
the dash after a dateline start a sentence, and the parser keeps that boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

FACTORY = "claimledger_paragraphs"
DASHES = ("-", "–", "—", "--")
# how far into a paragraph a dateline's dash may stand, in tokens
DATELINE_REACH = 10


@Language.component(FACTORY)
def mark_paragraphs(doc: Doc) -> Doc:
    starts = [0] if len(doc) else []
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
    for start in starts:
        dash = _dateline_end(doc[start : start + DATELINE_REACH])
        if dash is not None and dash.i + 1 < len(doc):
            doc[dash.i + 1].is_sent_start = True
    return doc


def _dateline_end(opening: Span) -> Token | None:
    """The dash that closes a dateline: a place in capitals, then a date or an agency, then a
    dash ("KYIV, Nov 20 -", "MOSCOW (Reuters) —")."""
    tokens = list(opening)
    if not tokens or not (tokens[0].is_upper and tokens[0].is_alpha and len(tokens[0]) > 2):
        return None
    for tok in tokens[1:]:
        if tok.text in DASHES:
            return tok
        if tok.is_space and "\n" in tok.text:
            return None
    return None
