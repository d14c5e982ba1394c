"""Place-mention recognition: which stretches of an English article name places.

A mention comes from one of five sources, trusted in this order when two overlap (the longer
span wins first):

- ``ner``: the model's GPE and LOC entities, and FAC entities that name a locatable facility
  (an airport, a bridge, a power plant; not "the Kremlin", which stands for an institution);
- ``context``: a capitalised name in a place context the small model misses ("near Chasiv
  Yar", "the village of X", "the Pokrovsk direction", "captured X", "X Oblast");
- ``gazetteer``: a capitalised name the gazetteer knows well, with no cue at all;
- ``cyrillic``: a capitalised Cyrillic name inside English text;
- ``alias``: a name found only because the text says it is another name of a place
  ("Pokrovsk, formerly Krasnoarmiisk").

Each mention carries a hint of what its context says the place is (``admin1``, ``admin2``,
``settlement``, ``front``, ``country``) and flags (``metonymic`` for "Kyiv said"). Demonyms and
organisations ("Ukrainian forces", "the Azov regiment") are not places.

Cue words, place nouns, exclusions and alias phrases are reviewed tables in ``data/places/``.
The work is a few scans over the tokens and dictionary look-ups of short word tuples: it adds
little to the spaCy parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

__all__ = ["Mention", "Tables", "find_aliases", "find_mentions", "load_tables"]

# data/ at the top of the repository, linked into the package (src/claimledger/data)
DATA = Path(__file__).resolve().parent.parent / "data" / "places"

Known = Callable[[str], float]

# A name with no cue at all must be at least this well-known (a country, a large city).
KNOWN_ALONE = 0.6
# The small model calls a well-known city a PERSON or ORG now and then ("the Kyiv regime");
# a name with no cue overrules such a label only when it is this well-known.
KNOWN_OVER_LABEL = 0.85
# A run of more capitalised words than this is a title or an organisation, not one place name.
MAX_NAME_WORDS = 4

# Levels of evidence that a context gives for a name being a place.
NONE, FAINT, WEAK, MEDIUM, STRONG, PLACE = 0, 1, 2, 3, 4, 5
_STRENGTHS = {"none": NONE, "faint": FAINT, "weak": WEAK, "medium": MEDIUM, "strong": STRONG}
_SOURCE_RANK = {"ner": 0, "context": 1, "gazetteer": 2, "cyrillic": 3, "alias": 4}
_HINTS = frozenset({"admin1", "admin2", "settlement", "front", "country"})

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
# Tokens between two names of one list: "A, B and C", "A or B".
_LIST_GAPS = frozenset({(",",), ("and",), ("or",), (",", "and"), (",", "or")})
_OPENERS = frozenset({"(", "[", ":", ";", "—", "–", "\n"})
# What follows a dateline's place: "KYIV, Ukraine (AP) —", "DONETSK, Dec 3 (Reuters) -".
_DATELINE_DASHES = frozenset({"—", "–", "-", "--"})


@dataclass(frozen=True)
class Mention:
    """A stretch of ``doc.text`` that names a place."""

    start: int  # character offsets into doc.text
    end: int
    text: str
    source: str  # "ner" | "context" | "gazetteer" | "cyrillic" | "alias"
    hint: str | None  # "admin1" | "admin2" | "settlement" | "front" | "country" | None
    flags: tuple[str, ...] = ()  # ("metonymic",)


# --- reference tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceNoun:
    hint: str | None
    of: bool  # "the village of X"
    before: bool  # "the settlement X"
    after: bool  # "X village", "the X direction"
    plural: bool  # covers every name of a list


@dataclass(frozen=True)
class AliasTemplate:
    """``{A} middle... {B} after...``; each item is the set of words allowed there."""

    middle: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    strength: str  # "strong" | "weak" | "loose", see alias_cues.txt


Phrase = tuple[str, ...]
V = TypeVar("V")


@dataclass(frozen=True)
class Tables:
    """The reviewed tables of data/places/, as the recogniser uses them."""

    before_cues: dict[Phrase, int]
    after_cues: dict[Phrase, int]
    pair_cues: dict[Phrase, tuple[Phrase, int]]
    nouns: dict[Phrase, PlaceNoun]
    abbreviations: dict[str, str | None]
    not_names: frozenset[str]
    breakers: frozenset[str]
    org_words: frozenset[str]  # in any case
    org_titles: frozenset[str]  # only capitalised
    metonymy_verbs: frozenset[str]
    metonymy_nouns: frozenset[str]
    stance_nouns: frozenset[str]
    metonymy_before: frozenset[Phrase]
    aliases: tuple[AliasTemplate, ...]
    place_endings: tuple[str, ...]
    demonym_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    facility_heads: frozenset[Phrase]
    whole_names: frozenset[str]

    @cached_property
    def longest(self) -> dict[str, int]:
        """The most words of a phrase in each phrase table: how far a look-up reaches."""
        tables: dict[str, Iterable[Phrase]] = {
            "before": self.before_cues,
            "after": self.after_cues,
            "nouns": self.nouns,
            "pair": self.pair_cues,
            "meto": self.metonymy_before,
        }
        return {kind: max(map(len, phrases), default=0) for kind, phrases in tables.items()}

    @cached_property
    def metonymy_before_table(self) -> dict[Phrase, bool]:
        return dict.fromkeys(self.metonymy_before, True)

    @cached_property
    def alias_openers(self) -> frozenset[str]:
        """The words right after {A} in the alias templates ("," "("): a quick first test."""
        return frozenset(w for a in self.aliases if a.middle for w in a.middle[0])


def _rows(directory: Path, name: str) -> list[list[str]]:
    """Non-empty lines of a table, cells split at "|"; "#" starts a comment."""
    rows = []
    for line in (directory / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _words(phrase: str) -> Phrase:
    """A table phrase as lower-case words; the tables write one word per spaCy token."""
    return tuple(_norm(phrase).split())


def _norm(text: str) -> str:
    # curly and straight apostrophes are one character to every table
    return text.lower().replace("’", "'")


def _cue_tables(
    rows: list[list[str]],
) -> tuple[dict[Phrase, int], dict[Phrase, int], dict[Phrase, tuple[Phrase, int]]]:
    before: dict[Phrase, int] = {}
    after: dict[Phrase, int] = {}
    pair: dict[Phrase, tuple[Phrase, int]] = {}
    for phrase, side, strength in rows:
        level = _STRENGTHS[strength]
        if side == "before":
            before[_words(phrase)] = level
        elif side == "after":
            after[_words(phrase)] = level
        elif side == "pair":
            left, middle = phrase.split("...")
            pair[_words(left)] = (_words(middle), level)
        else:
            raise ValueError(f"context_cues.txt: unknown side {side!r} in {phrase!r}")
    return before, after, pair


def _noun_table(rows: list[list[str]]) -> dict[Phrase, PlaceNoun]:
    nouns = {}
    for row in rows:
        noun, hint, positions = row[0], row[1], {p.strip() for p in row[2].split(",")}
        if hint != "-" and hint not in _HINTS:
            raise ValueError(f"place_nouns.txt: unknown hint {hint!r} for {noun!r}")
        nouns[_words(noun)] = PlaceNoun(
            hint=None if hint == "-" else hint,
            of="of" in positions,
            before="before" in positions,
            after="after" in positions,
            plural=len(row) > 3 and row[3] == "plural",
        )
    return nouns


def _alias_template(template: str, strength: str) -> AliasTemplate:
    words = template.replace("{A}", " {A} ").replace("{B}", " {B} ").split()
    if not words or words[0] != "{A}" or words.count("{B}") != 1:
        raise ValueError(f"alias_cues.txt: start with {{A}}, have one {{B}}: {template}")
    b = words.index("{B}")

    def items(part: list[str]) -> tuple[frozenset[str], ...]:
        return tuple(frozenset(_norm(w).split("/")) for w in part)

    if strength not in ("strong", "weak", "loose"):
        raise ValueError(f"alias_cues.txt: unknown strength {strength!r} in {template}")
    return AliasTemplate(items(words[1:b]), items(words[b + 1 :]), strength)


@lru_cache(maxsize=4)
def load_tables(directory: Path = DATA) -> Tables:
    """Read the tables of ``directory`` (data/places/ by default), once."""
    before, after, pair = _cue_tables(_rows(directory, "context_cues.txt"))
    kinds: dict[str, set[str]] = {"name": set(), "breaker": set(), "org": set(), "title": set()}
    for word, kind in _rows(directory, "not_places.txt"):
        kinds[kind].add(" ".join(_words(word)))
    meto: dict[str, set[str]] = {"verb": set(), "noun": set(), "stance": set(), "before": set()}
    for word, kind in _rows(directory, "metonymy_cues.txt"):
        meto[kind].add(" ".join(_words(word)))
    endings: dict[str, list[str]] = {"place": [], "demonym": [], "demonym?": []}
    for ending, kind in _rows(directory, "name_endings.txt"):
        endings[kind].append(ending.lower())
    abbreviations = {
        row[0]: (None if row[1] == "-" else row[1])
        for row in _rows(directory, "place_abbreviations.txt")
    }
    return Tables(
        before_cues=before,
        after_cues=after,
        pair_cues=pair,
        nouns=_noun_table(_rows(directory, "place_nouns.txt")),
        abbreviations=abbreviations,
        not_names=frozenset(kinds["name"]),
        breakers=frozenset(kinds["breaker"] | kinds["org"] | kinds["title"]),
        org_words=frozenset(kinds["org"]),
        org_titles=frozenset(kinds["title"]),
        metonymy_verbs=frozenset(meto["verb"]),
        metonymy_nouns=frozenset(meto["noun"]),
        stance_nouns=frozenset(meto["stance"]),
        metonymy_before=frozenset(_words(p) for p in meto["before"]),
        aliases=tuple(_alias_template(t, s) for t, s in _rows(directory, "alias_cues.txt")),
        place_endings=tuple(endings["place"]),
        demonym_endings=tuple(endings["demonym"]),
        adjective_endings=tuple(endings["demonym?"]),
        facility_heads=frozenset(_words(r[0]) for r in _rows(directory, "facility_heads.txt")),
        whole_names=frozenset(
            " ".join(_words(r[0])) for r in _rows(directory, "coordinated_names.txt")
        ),
    )


# --- one document -------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class _Candidate:
    start: int  # token indices
    end: int
    source: str


def _unknown(_name: str) -> float:
    return 0.0


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


# --- the sources --------------------------------------------------------------------------------


def _trim(r: _Reader, start: int, end: int, *, keep_lower: bool = False) -> tuple[int, int]:
    """Drop a leading "the", possessive "'s", punctuation and (unless FAC) lower-case edges."""
    doc = r.doc

    def loose(i: int) -> bool:
        tok = doc[i]
        if tok.is_punct or tok.is_space or tok.is_quote or r.low[i] in ("the", "'s", "'"):
            return True
        return not keep_lower and not tok.text[0].isupper()

    while start < end and loose(start):
        start += 1
    while end > start and loose(end - 1):
        end -= 1
    return start, end


def _ner(r: _Reader) -> Iterable[_Candidate]:
    for ent in r.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if ent.label_ == "FAC":
            start, end = _trim(r, ent.start, ent.end, keep_lower=True)
            heads = r.t.facility_heads
            last_two = tuple(r.low[max(start, end - 2) : end])
            if start < end and (last_two in heads or last_two[-1:] in heads):
                yield _Candidate(start, end, "ner")
            continue
        start, end = _trim(r, ent.start, ent.end)
        end = _cut_after_noun(r, start, end)
        for piece in _split_list(r, start, end):
            if _ner_piece_ok(r, *piece):
                yield _Candidate(*piece, "ner")


def _cut_after_noun(r: _Reader, start: int, end: int) -> int:
    """ "Pokrovsk Region Amid Escalating" (a title-case line) -> "Pokrovsk Region"."""
    for j in range(start + 1, end):
        hit = r.starting_at(r.t.nouns, j, "nouns")
        if hit is not None and hit[0].after and r.doc[j].text[0].isupper() and j + hit[1] < end:
            return j + hit[1]
    return end


def _split_list(r: _Reader, start: int, end: int) -> list[tuple[int, int]]:
    """ "Donetsk and Luhansk" merged by the model -> two names (not "Bosnia and Herzegovina")."""
    if start >= end:
        return []
    cuts = [i for i in range(start, end) if r.low[i] in (",", "and", "or", "&")]
    if not cuts:
        return [(start, end)]
    whole = " ".join(r.low[start:end])
    if "," not in r.low[start:end] and (whole in r.t.whole_names or r.known(r.text(start, end))):
        return [(start, end)]
    pieces = []
    a = start
    for c in [*cuts, end]:
        s, e = _trim(r, a, c)
        if s < e:
            pieces.append((s, e))
        a = c + 1
    return pieces


def _ner_piece_ok(r: _Reader, start: int, end: int) -> bool:
    if end - start == 1 and r.demonym(start):
        return False  # "Ukrainian" tagged GPE in "known in Ukrainian as"
    if r.org_after(end):
        return False
    return not (r.not_name(start, end) and r.left_level(start, end) < PLACE)


def _abbreviations(r: _Reader) -> Iterable[_Candidate]:
    # a lookup in a name table, like the gazetteer's
    for i, text in enumerate(r.texts):
        if text in r.t.abbreviations:
            yield _Candidate(i, i + 1, "gazetteer")


def _accepts(r: _Reader, start: int, end: int, level: int, known: float) -> bool:
    """Whether a name with this much context evidence is a place (see context_cues.txt)."""
    if r.org_after(end) or (r.not_name(start, end) and level < PLACE):
        return False
    if level >= STRONG:
        return True
    support = known > 0 or r.toponymic(start, end)
    if level == MEDIUM:
        return support or not r.conflict(start, end)
    if level == WEAK:
        return support
    if level == FAINT:
        # "a letter to Putin", "a call from Shoigu": a person's name may be a village somewhere
        return support and (
            r.toponymic(start, end) or known >= KNOWN_ALONE or not r.person(start, end)
        )
    return False


def _name_extent(r: _Reader, seg: _Segment, from_left: bool, level: int) -> tuple[int, int] | None:
    """The name inside a segment that a cue on one side points at."""
    if r.words(seg.start, seg.end) <= 3:
        return seg.start, seg.end
    if level < STRONG:
        return None  # "at George Washington High School": not "George"
    # a long run (a title-case line): only a known part next to the cue
    ends = range(seg.end, seg.start, -1) if from_left else range(seg.start, seg.end)
    for k in ends:
        start, end = (seg.start, k) if from_left else (k, seg.end)
        if r.words(start, end) <= MAX_NAME_WORDS and r.known(r.text(start, end)) > 0:
            return start, end
    if not from_left and seg.noun is not None:
        return seg.end - 1, seg.end
    return None


def _context(
    r: _Reader, segments: list[_Segment], accepted: set[tuple[int, int]]
) -> list[_Candidate]:
    """Names that a cue, a place noun or a list with a recognised place says are places.

    `accepted` holds the token spans already taken by the model; the context candidates found
    are added to it.
    """
    left = [NONE if s.institution else r.left_level(s.start, s.span_end) for s in segments]
    right = [NONE if s.institution else r.right_level(s) for s in segments]
    _pairs(r, segments, left)
    out: dict[int, _Candidate] = {}

    def consider(k: int, level: int) -> None:
        seg = segments[k]
        from_left = left[k] >= right[k]
        extent = _name_extent(r, seg, from_left, level)
        if extent is None:
            return
        start, end = extent
        if end == seg.end:
            end = seg.span_end
        name_end = seg.end if end == seg.span_end else end
        if _accepts(r, start, end, level, r.known(r.text(start, name_end))):
            out[k] = _Candidate(start, end, "context")
            accepted.add((start, end))

    for k in range(len(segments)):
        level = max(left[k], right[k])
        if level > NONE:
            consider(k, level)
    # a list shares its cues: "the villages of A, B and C", "A and B regions", "in A, B and C"
    for chain in _chains(r, [(s.start, s.span_end) for s in segments]):
        first, last = chain[0], chain[-1]
        # a plural noun or a predicate after the last name is about every name of the list
        tail = segments[last]
        shared = max(
            left[first],
            right[last] if _plural_after(r, tail) else NONE,
            r.right_cue(tail.span_end),
        )
        # a recognised place in the list lends support, not proof: "Arlington and Citizen"
        if any(
            k in out or _overlaps_any((segments[k].start, segments[k].span_end), accepted)
            for k in chain
        ):
            shared = max(shared, WEAK)
        for k in chain:
            if k not in out and shared > max(left[k], right[k]):
                consider(k, shared)
    return list(out.values())


def _plural_after(r: _Reader, seg: _Segment) -> bool:
    noun = seg.noun or r.right_noun(seg.span_end)
    return noun is not None and noun.plural


def _pairs(r: _Reader, segments: list[_Segment], left: list[int]) -> None:
    """ "from X to Y", "between X and Y": both names are places."""
    at = {s.start: k for k, s in enumerate(segments)}
    for k, seg in enumerate(segments):
        pair = r.ending_at(r.t.pair_cues, seg.start, "pair")
        if pair is None:
            continue
        middle, level = pair
        e = seg.span_end
        if tuple(r.low[e : e + len(middle)]) == middle and e + len(middle) in at:
            other = at[e + len(middle)]
            left[k] = max(left[k], level)
            left[other] = max(left[other], level)


def _chains(r: _Reader, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Lists of names ("A, B and C"): indices into `spans` (sorted), ending on "and"/"or"."""
    chains = []
    current: list[int] = []
    last_and = 0
    for k, span in enumerate(spans):
        if current:
            prev = spans[current[-1]]
            gap = tuple(r.low[prev[1] : span[0]])
            if gap in _LIST_GAPS:
                current.append(k)
                if gap[-1] in ("and", "or"):
                    last_and = len(current)
                continue
            if last_and >= 2:
                chains.append(current[:last_and])
        current, last_and = [k], 0
    if last_and >= 2:
        chains.append(current[:last_and])
    return chains


def _overlaps_any(span: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _gazetteer(r: _Reader, segments: list[_Segment]) -> Iterable[_Candidate]:
    """Well-known names with no cue: the longest known part of each run, left to right."""
    for seg in segments:
        i = seg.start
        while i < seg.end:
            if not r._shaped(i):
                i += 1
                continue
            found = None
            for j in range(seg.end, i, -1):
                if not r._shaped(j - 1) or r.words(i, j) > MAX_NAME_WORDS:
                    continue
                if r.known(r.text(i, j)) >= KNOWN_ALONE:
                    found = j
                    break
            if found is None:
                i += 1
                continue
            end = seg.span_end if found == seg.end else found
            if _known_alone_ok(r, i, found, end):
                yield _Candidate(i, end, "gazetteer")
            i = found


def _known_alone_ok(r: _Reader, start: int, name_end: int, end: int) -> bool:
    """A well-known name with no cue, unless the model's labels or the words around deny it."""
    if r.org_after(end) or r.not_name(start, name_end):
        return False
    for k in {r.ent_of[i] for i in range(start, name_end)} - {-1}:
        ent = r.ents[k]
        if ent.label_ == "PERSON" and (ent.start < start or ent.end > name_end):
            return False  # "Paris" in "Paris Hilton"
        # the same words labelled PERSON/ORG: the label may be the small model's mistake
        if ent.label_ in _CONFLICT_LABELS and (ent.start, ent.end) == (start, name_end):
            return r.known(r.text(start, name_end)) >= KNOWN_OVER_LABEL or r.toponymic(
                start, name_end
            )
    # inside a longer ORG ("the Ohio Department of Health") the name still names its place
    return True


def _datelines(r: _Reader) -> Iterable[_Candidate]:
    """The place of a news dateline: "KYIV, Ukraine (AP) —", "DONETSK, Dec 3 (Reuters) -"."""
    i = 0
    while i < r.n:
        if not _capitals(r.texts[i]) or not r._initial(i):
            i += 1
            continue
        j = i + 1
        while j < r.n and j - i < 3 and _capitals(r.texts[j]):
            j += 1
        if j < r.n and _dateline_follows(r, j) and not _listed(r, i, j):
            yield _Candidate(i, j, "context")
        i = j


def _capitals(text: str) -> bool:
    return len(text) >= 3 and text.isalpha() and text.isupper()


def _listed(r: _Reader, start: int, end: int) -> bool:
    words = " ".join(r.low[start:end])
    return (
        r.text(start, end) in r.t.abbreviations or words in r.t.not_names or words in r.t.breakers
    )


def _dateline_follows(r: _Reader, j: int) -> bool:
    """A comma or bracket, then within a few tokens of the same line the dateline's dash."""
    if r.doc[j].text in _DATELINE_DASHES and r.doc[j].whitespace_:
        return True  # "BLOOMFIELD — ..."
    if r.doc[j].text not in (",", "("):
        return False
    for k in range(j, min(j + 8, r.n)):
        tok = r.doc[k]
        if tok.is_space or tok.text == ".":
            return False
        if tok.text in _DATELINE_DASHES and tok.whitespace_ and r.doc[k - 1].whitespace_:
            return True
    return False


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


def _select(candidates: Iterable[_Candidate], r: _Reader) -> list[_Candidate]:
    """Non-overlapping candidates: the longest first, then by source."""

    def key(c: _Candidate) -> tuple[int, int, int]:
        length = r.doc[c.end - 1].idx + len(r.doc[c.end - 1]) - r.doc[c.start].idx
        return (-length, _SOURCE_RANK[c.source], c.start)

    taken = [False] * r.n
    chosen = []
    for c in sorted(set(candidates), key=key):
        if c.start >= c.end or any(taken[c.start : c.end]):
            continue
        for i in range(c.start, c.end):
            taken[i] = True
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --- aliases -----------------------------------------------------------------------------------


def _skip_quotes(r: _Reader, i: int) -> int:
    while i < r.n and r.doc[i].is_quote:
        i += 1
    return i


def _match_alias(
    r: _Reader, template: AliasTemplate, a_end: int, spans_at: Mapping[int, tuple[int, int]]
) -> tuple[int, int] | None:
    """The second name of `template` after a first name ending at token `a_end`, if it matches."""
    i = _skip_quotes(r, a_end)
    for allowed in template.middle:
        if i >= r.n or r.low[i] not in allowed:
            return None
        i += 1
    b = spans_at.get(_skip_quotes(r, i))
    if b is None:
        return None
    j = _skip_quotes(r, b[1])
    for allowed in template.after:
        if j >= r.n or r.low[j] not in allowed:
            return None
        j += 1
    return b


def _aliases(r: _Reader, chosen: list[_Candidate], segments: list[_Segment]) -> list[_Candidate]:
    """Names that an alias phrase ties to a place ("Pokrovsk, formerly Krasnoarmiisk")."""
    found = {(c.start, c.end) for c in chosen}
    names = dict.fromkeys(found, True)
    for seg in segments:
        if r.words(seg.start, seg.end) <= 3:
            names.setdefault((seg.start, seg.span_end), False)
    starts = {s: (s, e) for (s, e) in sorted(names, key=lambda sp: sp[0] - sp[1])}
    out = []
    for (a_start, a_end), a_found in names.items():
        opener = _skip_quotes(r, a_end)
        if opener >= r.n or r.low[opener] not in r.t.alias_openers:
            continue
        for template in r.t.aliases:
            b = _match_alias(r, template, a_end, starts)
            if b is None:
                continue
            b_found = names.get(b, False)
            if not (template.strength == "strong" or a_found or b_found):
                continue
            for span, is_found in (((a_start, a_end), a_found), (b, b_found)):
                if is_found or r.org_after(span[1]) or r.not_name(*span):
                    continue
                if template.strength == "loose" and r.conflict(*span):
                    continue  # "Kyiv, now Zelensky says ..."
                out.append(_Candidate(*span, "alias"))
    return out


# --- hints and flags ----------------------------------------------------------------------------


def _own_hint(
    r: _Reader, start: int, end: int
) -> tuple[str | None, PlaceNoun | None, PlaceNoun | None]:
    """(hint, the left noun, the right noun) a mention's own context gives."""
    text = r.text(start, end)
    if text in r.t.abbreviations:
        return r.t.abbreviations[text], None, None
    right: PlaceNoun | None = None
    for size in range(min(r.t.longest["nouns"], end - start - 1), 0, -1):
        noun = r.t.nouns.get(tuple(r.low[end - size : end]))
        if noun is not None and noun.after:
            right = noun
            break
    right = right or r.right_noun(end)
    left = r.left_noun(start)
    for noun in (right, left, r.apposition(end)):
        if noun is not None and noun.hint is not None:
            return noun.hint, left, right
    return None, left, right


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


def _finish(r: _Reader, chosen: list[_Candidate]) -> list[Mention]:
    hints: list[str | None] = []
    lefts: list[PlaceNoun | None] = []
    rights: list[PlaceNoun | None] = []
    for c in chosen:
        hint, left, right = _own_hint(r, c.start, c.end)
        hints.append(hint)
        lefts.append(left)
        rights.append(right)
    # "the villages of A, B and C", "the Donetsk and Luhansk regions": one noun for the list
    for chain in _chains(r, [(c.start, c.end) for c in chosen]):
        shared: str | None = None
        left, right = lefts[chain[0]], rights[chain[-1]]
        if right is not None and right.plural and right.hint:
            shared = right.hint
        elif left is not None and left.hint:
            shared = left.hint
        for k in chain:
            hints[k] = hints[k] or shared
    doc = r.doc
    out = []
    for c, hint in zip(chosen, hints, strict=True):
        start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
        flags = ("metonymic",) if _metonymic(r, c.start, c.end) else ()
        out.append(Mention(start, end, r.doc_text[start:end], c.source, hint, flags))
    return out


# --- the API ------------------------------------------------------------------------------------


def find_mentions(
    doc: Doc, known: Known | None = None, *, tables: Tables | None = None
) -> list[Mention]:
    """The place mentions of a parsed Doc, sorted by start, not overlapping.

    `known(name)` says how well-known a name is in the gazetteer (0 unknown .. 1 a country);
    without it only the model's entities, cues and tables are used.
    """
    r = _Reader(doc, known or _unknown, tables or load_tables())
    segments = r.segments()
    ner = list(_ner(r))
    accepted = {(c.start, c.end) for c in ner}
    candidates = [
        *ner,
        *_abbreviations(r),
        *_context(r, segments, accepted),
        *_gazetteer(r, segments),
        *_datelines(r),
        *_cyrillic(r),
    ]
    chosen = _select(candidates, r)
    alias = _aliases(r, chosen, segments)
    if alias:
        chosen = _select([*chosen, *alias], r)
    return _finish(r, chosen)


def find_aliases(
    doc: Doc, mentions: list[Mention], *, tables: Tables | None = None
) -> list[tuple[int, int]]:
    """Pairs (i, j) of indices into `mentions` that the text says name one place.

    The phrases are those of alias_cues.txt ("X, known in Ukrainian as Y", "Y, formerly X"),
    matched between two mentions, whatever their source.
    """
    r = _Reader(doc, _unknown, tables or load_tables())
    index: dict[tuple[int, int], int] = {}
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            index[(span.start, span.end)] = k
    starts = {s: (s, e) for (s, e) in index}
    pairs = set()
    for (_, a_end), i in index.items():
        for template in r.t.aliases:
            b = _match_alias(r, template, a_end, starts)
            if b is not None and index[b] != i:
                pairs.add((i, index[b]))
    return sorted(pairs)
