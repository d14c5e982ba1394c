"""Direct quotations: the character ranges of double-quoted passages, marks included.

Curly quotes pair unambiguously; straight ones alternate. A quote may run over several
sentences and paragraphs. Two newspaper conventions are kept: a quote that spans paragraphs
repeats its opening mark at the start of each new paragraph without closing the previous one,
and a paragraph break may fall inside a quote whose text simply goes on. An opening mark that
finds no close within MAX_QUOTE characters is a stray mark, not a quote.
"""

from __future__ import annotations

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MAX_QUOTE = 3000


def _paragraph_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n"


def find_quotes(text: str) -> list[tuple[int, int]]:
    quotes: list[tuple[int, int]] = []
    start: int | None = None
    straight = False  # whether the open quote began with a straight mark
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if start is not None and i - start > MAX_QUOTE:
            # stray opening mark: forget it and rescan just after it
            i, start = start + 1, None
            continue
        if start is None:
            if ch in OPENING or ch == STRAIGHT:
                start, straight = i, ch == STRAIGHT
        elif ch in CLOSING or (ch == STRAIGHT and straight):
            if ch == STRAIGHT and _paragraph_start(text, i) and _paragraph_start_is_open(text, i):
                pass  # a new paragraph of the same quote re-opens it
            else:
                quotes.append((start, i + 1))
                start = None
        elif ch in OPENING and _paragraph_start(text, i):
            pass  # the multi-paragraph convention: the quote goes on
        elif ch in OPENING or (ch == STRAIGHT and not straight):
            start, straight = i, ch == STRAIGHT  # the earlier mark was stray
        i += 1
    return quotes


def _paragraph_start_is_open(text: str, i: int) -> bool:
    """A straight mark at a paragraph start opens text (a letter follows), not closes it."""
    return i + 1 < len(text) and not text[i + 1].isspace()
