"""Direct quotations: the character ranges of double-quoted passages, marks included.

Curly quotes pair unambiguously; straight ones alternate; some papers write two apostrophes
('' ... '') or backticks (`` ... '') for a double quote. A quote may run over several
sentences and paragraphs. Two newspaper conventions are kept: a quote that spans paragraphs
repeats its opening mark at the start of each new paragraph without closing the previous one,
and a paragraph break may fall inside a quote whose text simply goes on. An opening mark that
finds no close within MAX_QUOTE characters is a stray mark, not a quote.
"""

from __future__ import annotations

import re

MAX_QUOTE = 3000
# opening-only, closing-only and either-way marks
MARKS = re.compile(r"``|'''|''|[“„«”»\"]")
OPENING = {"“", "„", "«", "``"}
CLOSING = {"”", "»"}


def _paragraph_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n"


def _opens_text(text: str, end: int) -> bool:
    """A mark followed by a letter or digit opens text rather than closing it."""
    return end < len(text) and not text[end].isspace()


def find_quotes(text: str) -> list[tuple[int, int]]:
    marks = [_mark(text, m.start(), m.end(), m.group()) for m in MARKS.finditer(text)]
    quotes: list[tuple[int, int]] = []
    start: int | None = None
    opener = ""
    k = 0
    while k < len(marks):
        at, end, mark = marks[k]
        if start is not None and at - start > MAX_QUOTE:
            # a stray opening mark: forget it and read on from the mark after it
            k = next((n for n, m in enumerate(marks) if m[0] > start), len(marks))
            start = None
            continue
        if start is None:
            if mark not in CLOSING and (mark != "''" or _opens_text(text, end)):
                start, opener = at, mark
        elif _closes(mark, opener):
            if _paragraph_start(text, at) and _opens_text(text, end) and mark not in CLOSING:
                pass  # a new paragraph of the same quote re-opens it
            else:
                quotes.append((start, end))
                start = None
        elif mark in OPENING and _paragraph_start(text, at):
            pass  # the multi-paragraph convention: the quote goes on
        elif mark in OPENING:
            start, opener = at, mark  # the earlier mark was stray
        k += 1
    return quotes


def _mark(text: str, at: int, end: int, mark: str) -> tuple[int, int, str]:
    """Three apostrophes are a double mark and a single one: before a word the first two
    open a quote ("'''Sir, ..."), after one the last two close it ("... by that?'''")."""
    if mark != "'''":
        return at, end, mark
    return (at, end - 1, "''") if _opens_text(text, end) else (at + 1, end, "''")


def _closes(mark: str, opener: str) -> bool:
    if mark in CLOSING:
        return True
    if mark == '"':
        return True  # scraped text mixes styles: “...," closes on a straight mark
    if mark == "''":
        return opener in ("''", "``")
    return False
