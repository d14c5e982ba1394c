"""Capitalised Cyrillic names inside English text ("the ‘Железнодорожный’ area").

A Cyrillic sentence or long quote is not a list of names: its first capital belongs to the
sentence, and one-letter words are prepositions.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.places.recognize.mention import _Candidate
from claimledger.places.recognize.reader import _HYPHENS, _is_cyrillic, _Reader


def _cyrillic(r: _Reader) -> Iterable[_Candidate]:
    """Capitalised Cyrillic names (1-3 words) inside English text: 'the ‘Железнодорожный’ area'."""
    doc = r.doc

    def cyr(i: int) -> bool:
        text = r.texts[i]
        return _is_cyrillic(text[0]) and all(c.isalpha() or c in "'’-" for c in text)

    i = 0
    while i < r.n:
        if not cyr(i):
            i += 1
            continue
        j = i  # a stretch of Cyrillic words, hyphens inside
        while j < r.n and (cyr(j) or (doc[j].text in _HYPHENS and j + 1 < r.n and cyr(j + 1))):
            j += 1
        words = [k for k in range(i, j) if cyr(k)]
        # one-letter words are prepositions ("В", "У"), never a name
        capital = [k for k in words if doc[k].text[0].isupper() and len(doc[k].text) > 1]
        # a Cyrillic sentence ("В районе Покровска", a long quote): its first capital is the
        # sentence's, not a name's
        first = words[0]
        sentence = len(words) > 3 or (
            first + 1 < j and cyr(first + 1) and doc[first + 1].text[0].islower()
        )
        if sentence and capital and capital[0] == first:
            capital = capital[1:]
        run: list[int] = []
        for k in [*capital, -1]:
            if run and (k == -1 or any(cyr(m) and m not in capital for m in range(run[-1] + 1, k))):
                if len(run) <= 3 and not r.org_after(run[-1] + 1):
                    yield _Candidate(run[0], run[-1] + 1, "cyrillic")
                run = []
            if k != -1:
                run.append(k)
        i = j
