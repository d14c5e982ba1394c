"""What a figure counts: the noun phrase after it ("three armored vehicles", "52 of the 60
drones", "12 units of military equipment") and its category (data/claims/
quantity_categories.tsv)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.claims.numbers import number_at
from claimledger.claims.quantity_tables import (
    HYPHENS,
    CategoryRow,
    OutcomeRow,
    category_table,
    outcome_table,
)


@dataclass(frozen=True)
class CountedNoun:
    """The counted noun phrase after a figure."""

    end: int | None  # the token after it; None: no noun
    words: list[list[str]]  # each word with its spellings, the head last
    inner: int | None = None  # a figure inside a partitive: "52 of the 60 drones"


def counted_noun(doc: Doc, j: int) -> CountedNoun:
    """The counted noun phrase that starts at token j: "three armored vehicles" ->
    [["armored"], ["vehicles", "vehicle"]]. "dozens of fighters", "52 of the 60 drones", "nine
    out of ten drones" and "12 units of military equipment" look past "of"."""
    n = len(doc)
    if j + 1 < n and doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        j += 1
    if j < n and doc[j].lower_ == "of":
        k = _skip_determiners(doc, j + 1)
        inner = number_at(doc, k) if k < n else None
        end, words = noun_phrase(doc, inner.end if inner is not None else k)
        if not words:
            return CountedNoun(None, [])
        return CountedNoun(end, words, inner.start if inner is not None else None)
    end, words = noun_phrase(doc, j)
    if not words:
        return CountedNoun(None, [])
    measure = any(_row_category(form) == "of" for form in words[-1])
    if measure and end < n and doc[end].lower_ == "of":
        end2, words2 = noun_phrase(doc, _skip_determiners(doc, end + 1))
        if words2:
            return CountedNoun(end2, words2)
    return CountedNoun(end, words)


def _row_category(phrase: str) -> str | None:
    row = category_table().get(phrase)
    return row.category if row is not None else None


def _skip_determiners(doc: Doc, k: int) -> int:
    while k < len(doc) and doc[k].pos_ in ("DET", "PRON") and doc[k].dep_ in ("det", "poss"):
        k += 1
    return k


def noun_phrase(doc: Doc, j: int) -> tuple[int, list[list[str]]]:
    """The noun phrase from token j, as (end, words): modifiers and compounds, the head last.
    Each word leans on a later one (the parse's head to its right); hyphens written without
    spaces join words ("self-propelled"); a figure after a name inside the phrase is part of it
    ("Leopard 2 tanks")."""
    k = j
    n = len(doc)
    pieces: list[list[Token]] = []
    while k < n:
        t = doc[k]
        if pieces and t.text in HYPHENS and not doc[k - 1].whitespace_ and not t.whitespace_:
            if k + 1 < n:
                pieces[-1].extend((t, doc[k + 1]))
                k += 2
                continue
            break
        if pieces and pieces[-1][-1].head.i < k:
            break  # the word before does not modify this one: the phrase has ended
        if not _np_token(doc, k, bool(pieces)) or (pieces and _verb_complement(t)):
            break
        pieces.append([t])
        k += 1
        if t.tag_ in ("NNS", "NNPS") and not (t.dep_ == "compound" and t.head.i == k):
            break  # a plural noun ends the phrase ("12 soldiers Tuesday")
    # the phrase ends at its last noun: "tanks destroyed" stops before the participle
    while pieces and pieces[-1][-1].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ"):
        pieces.pop()
    if not pieces:
        return j, []
    words = [[_joined(p).lower()] for p in pieces[:-1]]
    head = pieces[-1]
    spellings = [_joined(head).lower()]
    lemma = _joined(head[:-1]).lower() + head[-1].lemma_.lower()
    for form in (lemma, spellings[0].removesuffix("s"), spellings[0].removesuffix("es")):
        if form and form not in spellings:
            spellings.append(form)
    return head[-1].i + 1, [*words, spellings]


def _verb_complement(token: Token) -> bool:
    """The word completes its verb's outcome ("took seven servicemen prisoner"): not part of
    the counted noun, whatever the parse made of it."""
    verb = token.head
    return (
        verb.pos_ == "VERB" and f"{verb.lemma_.lower()} {token.lemma_.lower()}" in outcome_table()
    )


def _joined(tokens: list[Token]) -> str:
    return "".join(t.text for t in tokens)


def _np_token(doc: Doc, k: int, inside: bool) -> bool:
    t = doc[k]
    if t.pos_ in ("NOUN", "PROPN", "ADJ"):
        return not t.is_punct
    if t.pos_ == "NUM":
        if number_at(doc, k) is None:
            return True  # a designation: "T-72", "2S19"
        # "Leopard 2 tanks": a figure after a capitalised name, before the noun it names;
        # "three 152-mm howitzers", "12 seven-man crews": a figure inside a modifier
        glued = k + 1 < len(doc) and doc[k + 1].text in HYPHENS and not t.whitespace_
        return t.head.i > k and (
            (inside and doc[k - 1].text[:1].isupper()) or glued or calibre(doc, k)
        )
    # "armored vehicles", "infantry fighting vehicles", "heavily armored": modifiers only
    return (t.tag_ in ("VBN", "VBG") or t.pos_ == "ADV") and t.head.i > k


def calibre(doc: Doc, k: int) -> bool:
    """doc[k] is a figure with a unit of length right after it: "152 mm", "152-mm"."""
    j = k + 2 if k + 2 < len(doc) and doc[k + 1].text in HYPHENS else k + 1
    return j < len(doc) and doc[j].lower_ in ("mm", "millimetre", "millimeter", "cm")


def category_of(words: tuple[list[str], ...], outcome: OutcomeRow | None) -> str | None:
    """The category of the counted noun: the longest table phrase that ends at the head."""
    if not words:
        return None
    table = category_table()
    match: CategoryRow | None = None
    size = 0
    for size in range(min(table.longest, len(words)), 0, -1):
        modifiers = [w[0] for w in words[len(words) - size : -1]]
        for head in words[-1]:
            match = table.get(" ".join([*modifiers, head]))
            if match is not None:
                break
        if match is not None:
            break
    if match is None:
        return None
    if match.generic and size == 1:  # "BTR-82 vehicles", "Buk systems": the modifier decides
        for word in reversed(words[:-1]):
            row = table.get(word[0])
            if row is not None and row.category not in (None, "of") and not row.generic:
                match = row
                break
    if match.category == "of":
        return None
    if match.only_with and (outcome is None or outcome.outcome not in match.only_with):
        return None
    return match.category
