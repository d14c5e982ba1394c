"""Metonymy: whether a place name stands for its government ("Kyiv said", "the Kyiv regime").

Decided from the words before the name (metonymy_cues.txt, "according to") and the name's role
in the parse: the subject of a speaking verb, a modifier of an institution noun, or the owner of
a stance ("Washington's position"). Such a mention keeps the flag ``metonymic``.
"""

from __future__ import annotations

from claimledger.places.recognize.reader import _Reader


def _metonymic(r: _Reader, start: int, end: int) -> bool:
    """ "Kyiv said", "the Kyiv regime", "Washington's position", "according to Moscow"."""
    if r.ending_at(r.t.metonymy_before_table, start, "meto"):
        return True
    root = r.doc[start:end].root
    head_of = root
    while head_of.dep_ == "conj" and head_of.head.i != head_of.i:
        head_of = head_of.head  # "Kyiv and Washington said": the first conjunct's role
    dep, head = head_of.dep_, head_of.head
    if dep == "nsubj" and head.lemma_.lower() in r.t.metonymy_verbs:
        return True
    head_low = head.lower_
    if dep in ("compound", "amod", "nmod") and head.i >= end and head_low in r.t.metonymy_nouns:
        return True
    return dep == "poss" and (head_low in r.t.metonymy_nouns or head_low in r.t.stance_nouns)
