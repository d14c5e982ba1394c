"""The token-level facts about one Doc that every rule reads: `_Reader`.

Computed once per Doc: which tokens are name-shaped, the runs of capitalised words cut into
segments at a capitalised place noun, the longest table phrase before or after a token, and what
the context of a name says (a place noun, a cue's level, an organisation word, a PERSON/ORG label).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from claimledger.places.recognize.mention import Known
from claimledger.places.recognize.tables import (
    MEDIUM,
    NONE,
    PLACE,
    WEAK,
    Phrase,
    PlaceNoun,
    Tables,
    _norm,
)

# Entity labels whose words never start or continue a place name.
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
)
# Labels the small model wrongly gives to unfamiliar Ukrainian names often enough that a cue
# must be able to overrule them.
_CONFLICT_LABELS = frozenset({"PERSON", "ORG"})
# Lower-case words allowed inside a hyphenated name: Rostov-on-Don, Novyi-na-..., Châlons-en-...
_HYPHEN_CONNECTORS = frozenset({"on", "upon", "na", "nad", "pid", "sur", "en", "le", "la", "de"})
_HYPHENS = frozenset({"-", "‐", "‑"})
_OPENERS = frozenset({"(", "[", ":", ";", "—", "–", "\n"})

V = TypeVar("V")


@dataclass
class _Segment:
    """A run of capitalised words that may be one name, with a capitalised place noun after it."""

    start: int  # token index of the name's first word
    end: int  # past the name's last word
    span_end: int  # past the place noun when it is capitalised ("Donetsk Oblast"), else == end
    noun: PlaceNoun | None  # that noun
    # the words after a capitalised place noun in one run name an institution of the place
    # ("Rapides Parish Fire District", "Kharkiv Oblast Military Administration"): no cue applies
    institution: bool = False


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


class _Reader:
    """The token-level facts about one Doc that every rule reads."""

    def __init__(self, doc: Doc, known: Known, tables: Tables) -> None:
        self.doc = doc
        self.doc_text = doc.text  # spaCy rebuilds doc.text from the tokens on every access
        self.known = known
        self.t = tables
        self.n = len(doc)
        self.texts = [tok.text for tok in doc]
        self.low = [_norm(text) for text in self.texts]
        self.ents = list(doc.ents)
        self.ent_of = [-1] * self.n
        for k, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_of[i] = k
        self.is_name = [self._name_token(i) for i in range(self.n)]

    # -- words ----------------------------------------------------------------------------------

    def text(self, start: int, end: int) -> str:
        doc = self.doc
        return self.doc_text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]

    def _initial(self, i: int) -> bool:
        """Sentence-initial, or after an opening bracket, quote or colon: capitalised by rule."""
        if i == 0 or self.doc[i].is_sent_start:
            return True
        prev = self.doc[i - 1]
        return prev.is_quote or prev.text in _OPENERS or prev.is_space

    def _shaped(self, i: int) -> bool:
        """Capitalised Latin word: a first capital, some lower-case (not an acronym or shouting)."""
        text = self.texts[i]
        return (
            len(text) >= 2
            and text[0].isupper()
            and not _is_cyrillic(text[0])
            and any(c.islower() for c in text)
            and all(c.isalpha() or c in "'’." for c in text)
        )

    def demonym(self, i: int) -> bool:
        tok, low = self.doc[i], self.low[i]
        if low.endswith(self.t.demonym_endings):
            return True
        adjectival = tok.ent_type_ == "NORP" or tok.tag_ in ("JJ", "NNPS")
        return adjectival and low.endswith(self.t.adjective_endings)

    def _name_token(self, i: int) -> bool:
        if not self._shaped(i):
            return False
        tok, low = self.doc[i], self.low[i]
        if low in STOP_WORDS or low in self.t.breakers or (low,) in self.t.before_cues:
            return False
        if tok.ent_type_ in _NOT_PLACE_LABELS or self.demonym(i):
            return False
        if tok.tag_ == "NNPS" and low.endswith("s"):
            return False  # "Democrats", "Ukrainians": people; plural place names reach us as NER
        # a capital at the start of a sentence says nothing; the tagger's PROPN does
        return not (self._initial(i) and tok.pos_ != "PROPN")

    def words(self, start: int, end: int) -> int:
        """Words of a name, not counting hyphens and their connectors."""
        return sum(1 for i in range(start, end) if self.is_name[i] or self._shaped(i))

    # -- phrase look-ups ------------------------------------------------------------------------

    def ending_at(self, table: Mapping[Phrase, V], i: int, kind: str) -> V | None:
        """The longest table phrase whose words end right before token i."""
        for size in range(min(self.t.longest[kind], i), 0, -1):
            hit = table.get(tuple(self.low[i - size : i]))
            if hit is not None:
                return hit
        return None

    def starting_at(self, table: Mapping[Phrase, V], i: int, kind: str) -> tuple[V, int] | None:
        """The longest table phrase whose words start at token i, and its length."""
        for size in range(min(self.t.longest[kind], self.n - i), 0, -1):
            hit = table.get(tuple(self.low[i : i + size]))
            if hit is not None:
                return hit, size
        return None

    # -- runs of capitalised words --------------------------------------------------------------

    def _hyphen_join(self, j: int) -> int | None:
        """Past the next part of a hyphenated name whose last word ends before token j."""
        doc, n = self.doc, self.n
        if j + 1 >= n or doc[j].text not in _HYPHENS or doc[j - 1].whitespace_:
            return None
        if doc[j].whitespace_:
            return None
        if self._shaped(j + 1):
            return j + 2
        if (
            self.low[j + 1] in _HYPHEN_CONNECTORS
            and j + 3 < n
            and not doc[j + 1].whitespace_
            and doc[j + 2].text in _HYPHENS
            and not doc[j + 2].whitespace_
            and self._shaped(j + 3)
        ):
            return j + 4
        return None

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs of name-shaped tokens, hyphenated names joined."""
        out = []
        i = 0
        while i < self.n:
            if not self.is_name[i]:
                i += 1
                continue
            j = i + 1
            while True:
                if j < self.n and self.is_name[j]:
                    j += 1
                    continue
                joined = self._hyphen_join(j) if j < self.n else None
                if joined is None:
                    break
                j = joined
            out.append((i, j))
            i = j
        return out

    def segments(self) -> list[_Segment]:
        """Runs cut after a capitalised place noun: "Pokrovsk Region Amid" -> "Pokrovsk Region"."""
        out = []
        for start, end in self.runs():
            a = start
            j = a + 1
            while j < end:
                hit = self.starting_at(self.t.nouns, j, "nouns")
                if hit is not None and hit[0].after and self.doc[j].text[0].isupper():
                    noun, size = hit
                    out.append(_Segment(a, j, j + size, noun, institution=a > start))
                    a = j + size
                    j = a + 1
                else:
                    j += 1
            if a < end:
                seg = _Segment(a, end, end, None, institution=a > start)
                # a capitalised noun right after the run: "Donetsk People's Republic"
                hit = self.starting_at(self.t.nouns, end, "nouns")
                if hit is not None and hit[0].after and self.doc[end].text[0].isupper():
                    seg = _Segment(a, end, end + hit[1], hit[0], institution=a > start)
                out.append(seg)
        return out

    # -- what the context says ------------------------------------------------------------------

    def left_noun(self, i: int) -> PlaceNoun | None:
        """A place noun before token i: "the village of X", "the settlement X"."""
        while i > 0 and self.doc[i - 1].is_quote:
            i -= 1  # "the village of ‘Krasnoe’"
        if i >= 2 and self.low[i - 1] == "of":
            noun = self.ending_at(self.t.nouns, i - 1, "nouns")
            if noun is not None and noun.of:
                return noun
        noun = self.ending_at(self.t.nouns, i, "nouns")
        if noun is not None and noun.before and not self.doc[i - 1].text[0].isupper():
            return noun
        return None

    def right_noun(self, seg_end: int) -> PlaceNoun | None:
        """A lower-case place noun right after a name: "X village", "the X direction"."""
        while seg_end < self.n and self.doc[seg_end].is_quote:
            seg_end += 1  # "the ‘Petrovsky’ district"
        if seg_end >= self.n or self.doc[seg_end].text[0].isupper():
            return None
        hit = self.starting_at(self.t.nouns, seg_end, "nouns")
        return hit[0] if hit is not None and hit[0].after else None

    def apposition(self, end: int) -> PlaceNoun | None:
        """ "X, a village in ...", "X, a frontline town": a place noun within a short apposition."""
        if end + 2 >= self.n or self.low[end] != "," or self.low[end + 1] not in ("a", "an"):
            return None
        for k in range(end + 2, min(end + 6, self.n)):
            hit = self.starting_at(self.t.nouns, k, "nouns")
            after = k + hit[1] if hit is not None else k
            # the noun heads the apposition: nothing noun-like follows it ("a Greene County
            # resident" is about a person)
            if (
                hit is not None
                and hit[0].hint is not None
                and (after >= self.n or self.doc[after].pos_ not in ("NOUN", "PROPN"))
            ):
                return hit[0]
            if self.doc[k].text[0].isupper() or self.doc[k].pos_ not in ("ADJ", "NOUN", "ADV"):
                return None
        return None

    def left_level(self, start: int, end: int) -> int:
        if self.left_noun(start) is not None:
            return PLACE
        level = self.ending_at(self.t.before_cues, start, "before") or NONE
        if end < self.n and self.low[end] in ("'s", "'"):
            # "at George's house", "around Smith's farm": the cue points at what is owned
            return WEAK if level > WEAK else NONE
        return level

    def right_level(self, seg: _Segment) -> int:
        if seg.noun is not None and seg.span_end < self.n and self.is_name[seg.span_end]:
            # more capitalised words follow "X Oblast": an institution ("... Military
            # Administration", "Boulder City Council") named after a place, or a title
            return MEDIUM
        if seg.noun is not None or self.right_noun(seg.span_end) or self.apposition(seg.span_end):
            return PLACE
        return self.right_cue(seg.span_end)

    def right_cue(self, end: int) -> int:
        """The level of a predicate after the name: "X was liberated", "X and Y were shelled"."""
        hit = self.starting_at(self.t.after_cues, end, "after")
        return hit[0] if hit is not None else NONE

    def org_after(self, end: int) -> bool:
        """The name modifies an organisation word: "the Azov regiment", "Kyiv Post"."""
        k = end
        while k < self.n and self.doc[k].is_quote:
            k += 1
        if k >= self.n:
            return False
        low = self.low[k]
        return low in self.t.org_words or (low in self.t.org_titles and self.texts[k][0].isupper())

    def toponymic(self, start: int, end: int) -> bool:
        """A word of the name has a toponym ending ("Kup'iansk-Vuzlovyi", "Mala Tokmachka")."""
        return any(
            len(word) > len(e) + 2 and word.endswith(e)
            for word in self.low[start:end]
            for e in self.t.place_endings
        )

    def conflict(self, start: int, end: int) -> bool:
        """A PERSON/ORG label on the name, unless the entity is a merged list of names."""
        for k in {self.ent_of[i] for i in range(start, end)} - {-1}:
            ent = self.ents[k]
            if ent.label_ in _CONFLICT_LABELS and not any(
                self.low[i] in ("and", "or", ",") for i in range(ent.start, ent.end)
            ):
                return True
        return False

    def person(self, start: int, end: int) -> bool:
        return any(
            self.ent_of[i] >= 0 and self.doc[i].ent_type_ == "PERSON" for i in range(start, end)
        )

    def not_name(self, start: int, end: int) -> bool:
        return " ".join(self.low[start:end]) in self.t.not_names
