"""The reviewed tables of data/places/, read once into `Tables`.

Cue words, place nouns, exclusions, metonymy cues and alias phrases are data, not code, so that a
reviewer can change them; this module checks their shape and turns each phrase into the tuple of
lower-case words a look-up matches. It also defines the levels of evidence a cue gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

# data/ at the top of the repository, linked into the package (src/claimledger/data)
DATA = Path(__file__).resolve().parent.parent.parent / "data" / "places"

# Levels of evidence that a context gives for a name being a place.
NONE, FAINT, WEAK, MEDIUM, STRONG, PLACE = 0, 1, 2, 3, 4, 5
_STRENGTHS = {"none": NONE, "faint": FAINT, "weak": WEAK, "medium": MEDIUM, "strong": STRONG}
_HINTS = frozenset({"admin1", "admin2", "settlement", "front", "country"})


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
