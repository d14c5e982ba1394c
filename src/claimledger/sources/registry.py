"""The source registry: outlets, agencies, channels and institutions, found by name in a phrase.

"a dispatch by TASS quoting the Russian Ministry of Defense" names two registry entries, ru.tass and
ru.mod. The tables are reviewed text files under data/sources/ (registry.tsv, shared_names.tsv,
spokespeople.tsv, side_words.tsv, spellings.tsv, not_sources.txt); their header comments say how
each is matched. Matching runs on every source phrase of every article, so all names sit in one
index of word sequences, looked up from each word of the phrase (no per-name regex).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Generic, Literal, TypeVar, cast, get_args

from claimledger.model import Side
from claimledger.places.tables import demonyms

__all__ = [
    "DATA",
    "KINDS",
    "AmbiguousName",
    "PhraseIndex",
    "Registry",
    "RegistryEntry",
    "RegistryMatch",
    "SharedName",
    "SourceKind",
    "Spokesperson",
    "TableError",
    "Token",
    "read_rows",
    "registry",
    "tokenize",
]

# data/ at the top of the repository, linked into the package so that wheels carry it
DATA = Path(__file__).resolve().parent.parent / "data" / "sources"

SourceKind = Literal[
    "news_agency",
    "state_media",
    "media",
    "telegram_channel",
    "government",
    "military",
    "security_service",
    "think_tank",
    "international_organisation",
    "person",
    "group",
    "unknown",
]
KINDS: frozenset[str] = frozenset(get_args(SourceKind))
SIDES: frozenset[str] = frozenset(get_args(Side))
# kinds for sources the registry cannot hold: people, collectives, the unknown
_NOT_REGISTRY_KINDS = frozenset({"person", "group", "unknown"})
_BELLIGERENTS: frozenset[str] = frozenset({"RU", "UA"})

Via = Literal["alias", "shared", "spokesperson"]


class TableError(ValueError):
    """A row of a reference table under data/sources/ is malformed; the message says where."""


def read_rows(
    path: Path, *, sep: str = "\t", columns: tuple[int, int]
) -> list[tuple[int, list[str]]]:
    """(line number, cells) of each row of a commented table, with `columns` = (fewest, most).

    Blank lines and lines starting with "#" are skipped; cells are stripped; missing trailing
    cells (down to the fewest) are filled with "".
    """
    least, most = columns
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split(sep)]
        if not least <= len(cells) <= most:
            want = str(least) if least == most else f"{least} to {most}"
            raise TableError(f"{path.name}:{number}: expected {want} columns, found {len(cells)}")
        rows.append((number, cells + [""] * (most - len(cells))))
    return rows


# --- words -----------------------------------------------------------------------------------

# curly apostrophes and accents typed for apostrophes read as "'" (one character for one, so
# offsets stay those of the text)
_STRAIGHTEN = str.maketrans(dict.fromkeys("’‘ʼ`´′", "'"))
# the possessive 's is a word of its own; any other character that is not a letter or digit is
# a word of one character ("U.S." is U . S .)
_TOKEN = re.compile(r"(?<=\w)'s(?!\w)|\w+|[^\w\s]")
# quote marks around a word are skipped: "the 'Center' group" is "the Center group"
_QUOTES = frozenset("'\"“”„«»‹›")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a phrase: its character offsets, its text, and the key it is looked up by."""

    start: int
    end: int
    text: str
    key: str


def _plain(word: str, spellings: Mapping[str, str]) -> str:
    key = word.lower()
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return spellings.get(key, key)


def tokenize(text: str, spellings: Mapping[str, str] | None = None) -> list[Token]:
    """The words of `text` with their offsets; keys are lower-case, accent-free, one spelling."""
    table = spellings or {}
    tokens = []
    for found in _TOKEN.finditer(text.translate(_STRAIGHTEN)):
        word = found.group()
        if word in _QUOTES:
            continue
        tokens.append(Token(found.start(), found.end(), word, _plain(word, table)))
    return tokens


def _shape(word: str) -> str:
    """How a word is capitalised: "upper" (TASS), "title" (Mash, U), "lower" (mash), "" (24, -)."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return ""
    if letters[0].islower():
        return "lower"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "title"


def _is_exact(phrase: str) -> bool:
    """One word with a capital is matched as written; several words, or lower case, in any case."""
    return not any(c.isspace() for c in phrase) and not phrase.islower()


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Pattern(Generic[T]):
    shapes: tuple[str, ...] | None  # None: any capitalisation
    target: T


class PhraseIndex(Generic[T]):
    """Phrases of whole words -> targets, found in a list of tokens, the longest first.

    A phrase starting with "=" is matched exactly as written; otherwise `_is_exact` decides.
    """

    def __init__(self, spellings: Mapping[str, str] | None = None) -> None:
        self._spellings: Mapping[str, str] = spellings or {}
        self._patterns: dict[tuple[str, ...], list[_Pattern[T]]] = {}
        self._lengths: dict[str, list[int]] = {}  # first key -> phrase lengths, longest first

    def add(self, phrase: str, target: T, *, if_absent: bool = False) -> T | None:
        """Index `phrase` for `target`; returns the target it already names, if another one.

        With `if_absent`, a phrase already indexed is left to its first target (no conflict).
        """
        exact = phrase.startswith("=") or _is_exact(phrase)
        tokens = tokenize(phrase.removeprefix("=").strip(), self._spellings)
        if not tokens:
            raise ValueError(f"empty phrase {phrase!r}")
        key = tuple(token.key for token in tokens)
        shapes = tuple(_shape(token.text) for token in tokens) if exact else None
        patterns = self._patterns.setdefault(key, [])
        for pattern in patterns:
            if not (pattern.shapes is None or shapes is None or pattern.shapes == shapes):
                continue  # written differently, both matched as written: "SHOT" and "Shot"
            if pattern.target == target:
                if pattern.shapes is None or pattern.shapes == shapes:
                    return None  # already indexed
                continue  # "REN TV" as written, then "Ren TV" in any case: keep both
            if if_absent:
                return None
            return pattern.target
        patterns.append(_Pattern(shapes, target))
        lengths = self._lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)
        return None

    def starting_at(self, tokens: Sequence[Token], i: int) -> Iterator[tuple[int, T]]:
        """(end index, target) of each indexed phrase that starts at token `i`, longest first."""
        for length in self._lengths.get(tokens[i].key, ()):
            j = i + length
            if j > len(tokens):
                continue
            patterns = self._patterns.get(tuple(token.key for token in tokens[i:j]))
            if not patterns:
                continue
            shapes = tuple(_shape(token.text) for token in tokens[i:j])
            for pattern in patterns:
                if pattern.shapes is None or pattern.shapes == shapes:
                    yield j, pattern.target
                    break

    def find_all(
        self,
        tokens: Sequence[Token],
        *,
        blocked: Collection[int] = (),
        accept: Callable[[int, int], bool] | None = None,
    ) -> list[tuple[int, int, T]]:
        """Non-overlapping phrases as (first token, end token, target), in text order.

        Of overlapping phrases the longest (in characters) wins, then the leftmost. Tokens in
        `blocked` are never part of a phrase; `accept(i, j)` may refuse a candidate.
        """
        found: list[tuple[int, int, T]] = []
        for i in range(len(tokens)):
            if i in blocked:
                continue
            for j, target in self.starting_at(tokens, i):
                if any(k in blocked for k in range(i, j)):
                    continue
                if accept is None or accept(i, j):
                    found.append((i, j, target))
                    break
        found.sort(key=lambda f: (tokens[f[0]].start - tokens[f[1] - 1].end, f[0]))
        taken: set[int] = set()
        chosen = []
        for i, j, target in found:
            if taken.isdisjoint(range(i, j)):
                chosen.append((i, j, target))
                taken.update(range(i, j))
        chosen.sort(key=lambda f: f[0])
        return chosen


# --- entries and matches ---------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryEntry:
    """One source of the registry (a row of data/sources/registry.tsv)."""

    id: str
    name: str
    kind: SourceKind
    side: Side
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SharedName:
    """A name both sides' institutions carry ("General Staff"), with the entry it means per side."""

    name: str
    by_side: tuple[tuple[Side, RegistryEntry], ...]

    @property
    def candidates(self) -> tuple[RegistryEntry, ...]:
        return tuple(entry for _, entry in self.by_side)

    def entry_for(self, side: Side) -> RegistryEntry | None:
        return next((entry for s, entry in self.by_side if s == side), None)


@dataclass(frozen=True)
class Spokesperson:
    """A spokesperson whose words are their institution's (data/sources/spokespeople.tsv)."""

    name: str
    role: str
    entry: RegistryEntry


@dataclass(frozen=True)
class _NotASource:
    """A phrase that holds a registry name but names something else ("the Sea of Azov")."""


_NOT_A_SOURCE = _NotASource()
_Target = RegistryEntry | SharedName | Spokesperson | _NotASource


@dataclass(frozen=True)
class RegistryMatch:
    """A registry entry named in a text, at text[start:end].

    `via` says how: "alias" (the entry's name or an alias), "shared" (a name both sides use,
    resolved by a side word or the caller's side hint) or "spokesperson" (the name of the
    entry's spokesperson, who is then `spokesperson`).
    """

    entry: RegistryEntry
    start: int
    end: int
    text: str
    via: Via = "alias"
    spokesperson: Spokesperson | None = None


@dataclass(frozen=True)
class AmbiguousName:
    """A name both sides use, at text[start:end], that nothing in the text assigns to a side."""

    start: int
    end: int
    text: str
    candidates: tuple[RegistryEntry, ...]


def _glued(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is joined to another word by a hyphen ("Kremlin-backed")."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


_NEGATIONS = frozenset({"anti", "non"})
_SKIPPED_BEFORE = frozenset({"the", "'s"})


class Registry:
    """The registry tables, indexed for matching. Use `Registry.load()` for the packaged tables."""

    def __init__(
        self,
        entries: Sequence[RegistryEntry],
        names: PhraseIndex[_Target],
        sides: PhraseIndex[Side],
        shared: Sequence[SharedName],
        spokespeople: Sequence[Spokesperson],
        spellings: Mapping[str, str],
    ) -> None:
        self.entries: tuple[RegistryEntry, ...] = tuple(entries)
        self.shared_names: tuple[SharedName, ...] = tuple(shared)
        self.spokespeople: tuple[Spokesperson, ...] = tuple(spokespeople)
        self.spellings: Mapping[str, str] = spellings
        self._by_id = {entry.id: entry for entry in self.entries}
        self._names = names
        self._sides = sides

    # --- loading

    @classmethod
    def load(cls) -> Registry:
        """The registry of the packaged tables, read once per process."""
        return registry()

    @classmethod
    def read(cls, directory: Path = DATA) -> Registry:
        """Read the tables in `directory` (a copy of data/sources/ a user extends, say)."""
        spellings = {
            _plain(word, {}): _plain(spelling, {})
            for _, (word, spelling) in read_rows(directory / "spellings.tsv", columns=(2, 2))
        }
        names: PhraseIndex[_Target] = PhraseIndex(spellings)

        def index(phrase: str, target: _Target, where: str) -> None:
            other = names.add(phrase, target)
            if other is not None:
                raise TableError(f"{where}: '{phrase}' already names {_describe_target(other)}")

        entries: dict[str, RegistryEntry] = {}
        table = directory / "registry.tsv"
        for number, (id_, name, kind, side, aliases) in read_rows(table, columns=(4, 5)):
            where = f"{table.name}:{number}"
            if not re.fullmatch(r"[a-z]+\.[a-z0-9_]+", id_):
                raise TableError(f"{where}: id '{id_}' is not a slug like ru.tass")
            if id_ in entries:
                raise TableError(f"{where}: id '{id_}' is used twice")
            if kind not in KINDS - _NOT_REGISTRY_KINDS:
                raise TableError(f"{where}: kind '{kind}' is not one of {_listed(KINDS)}")
            if side not in SIDES - {"unknown"}:
                raise TableError(f"{where}: side '{side}' is not RU, UA, international or other")
            written = [a.strip() for a in aliases.split("|") if a.strip()]
            plain = tuple(a.removeprefix("=") for a in written)
            entry = RegistryEntry(id_, name, cast(SourceKind, kind), cast(Side, side), plain)
            entries[id_] = entry
            index("=" + name, entry, where)
            for alias in written:
                index(alias, entry, where)

        def lookup(id_: str, where: str) -> RegistryEntry:
            if id_ not in entries:
                raise TableError(f"{where}: no registry entry '{id_}'")
            return entries[id_]

        shared = []
        table = directory / "shared_names.tsv"
        for number, (name, ru, ua) in read_rows(table, columns=(3, 3)):
            where = f"{table.name}:{number}"
            by_side = tuple(
                (cast(Side, side), lookup(id_, where))
                for side, id_ in (("RU", ru), ("UA", ua))
                if id_ != "-"
            )
            if not by_side:
                raise TableError(f"{where}: '{name}' names no entry on either side")
            shared_name = SharedName(name, by_side)
            shared.append(shared_name)
            index(name, shared_name, where)

        spokespeople = []
        table = directory / "spokespeople.tsv"
        for number, (id_, role, people) in read_rows(table, columns=(3, 3)):
            where = f"{table.name}:{number}"
            spellings_of_name = [p.strip() for p in people.split("|") if p.strip()]
            if not spellings_of_name:
                raise TableError(f"{where}: no name given")
            person = Spokesperson(spellings_of_name[0], role, lookup(id_, where))
            spokespeople.append(person)
            for spelling in spellings_of_name:
                index("=" + spelling, person, where)

        table = directory / "not_sources.txt"
        for number, (phrase,) in read_rows(table, sep="|", columns=(1, 1)):
            index(phrase, _NOT_A_SOURCE, f"{table.name}:{number}")

        sides: PhraseIndex[Side] = PhraseIndex(spellings)
        table = directory / "side_words.tsv"
        for number, (phrase, side) in read_rows(table, columns=(2, 2)):
            where = f"{table.name}:{number}"
            if side not in SIDES - {"unknown"}:
                raise TableError(f"{where}: side '{side}' is not RU, UA, international or other")
            other_side = sides.add(phrase, cast(Side, side))
            if other_side is not None:
                raise TableError(f"{where}: '{phrase}' is already a side word for {other_side}")
        for demonym, country in demonyms().items():
            side = "RU" if country == "RU" else "UA" if country == "UA" else "international"
            # demonyms are written with a capital: "Russian", not "russian"
            sides.add(demonym.title(), cast(Side, side), if_absent=True)

        return cls(list(entries.values()), names, sides, shared, spokespeople, spellings)

    # --- lookups

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self.entries)

    def __contains__(self, id_: object) -> bool:
        return id_ in self._by_id

    def get(self, id_: str) -> RegistryEntry:
        """The entry with this id (KeyError if none)."""
        return self._by_id[id_]

    def tokenize(self, text: str) -> list[Token]:
        """The words of `text`, keyed with this registry's spellings."""
        return tokenize(text, self.spellings)

    def find_sides(
        self, tokens: Sequence[Token], *, blocked: Collection[int] = ()
    ) -> list[tuple[int, int, Side]]:
        """Side words in `tokens` as (first token, end token, side); "anti-Russian" is none."""
        return [
            (i, j, side)
            for i, j, side in self._sides.find_all(tokens, blocked=blocked)
            if not (
                i >= 2
                and tokens[i - 1].text == "-"
                and tokens[i - 2].key in _NEGATIONS
                and tokens[i - 2].end == tokens[i - 1].start
            )
        ]

    # --- matching

    def scan(
        self, text: str, *, side_hint: Side | None = None
    ) -> list[RegistryMatch | AmbiguousName]:
        """Every registry name in `text`, in order, including shared names left unresolved."""
        tokens = self.tokenize(text)
        found = self._names.find_all(
            tokens, accept=lambda i, j: not _glued(text, tokens[i].start, tokens[j - 1].end)
        )
        taken = {k for i, j, _ in found for k in range(i, j)}
        sides = self.find_sides(tokens, blocked=taken)
        results: list[RegistryMatch | AmbiguousName] = []
        for i, j, target in found:
            start, end = tokens[i].start, tokens[j - 1].end
            span = text[start:end]
            if isinstance(target, RegistryEntry):
                results.append(RegistryMatch(target, start, end, span))
            elif isinstance(target, Spokesperson):
                results.append(
                    RegistryMatch(target.entry, start, end, span, "spokesperson", target)
                )
            elif isinstance(target, SharedName):
                side = _side_of_shared(tokens, i, j, found, sides, side_hint)
                entry = target.entry_for(side) if side is not None else None
                if entry is not None:
                    results.append(RegistryMatch(entry, start, end, span, "shared"))
                else:
                    results.append(AmbiguousName(start, end, span, target.candidates))
        return results

    def match_all(self, text: str, *, side_hint: Side | None = None) -> list[RegistryMatch]:
        """The registry entries named in `text`, in order, without overlaps, with their offsets.

        "a dispatch by TASS quoting the Russian Ministry of Defense" -> ru.tass at 12..16, ru.mod at
        24..55. A name both sides use ("the Ministry of Defence") is resolved by a side word next
        to it, else by the phrase's side words, else by `side_hint` (the side of the article's
        context); failing all, it is left out.
        """
        return [m for m in self.scan(text, side_hint=side_hint) if isinstance(m, RegistryMatch)]

    def match(self, text: str, *, side_hint: Side | None = None) -> RegistryEntry | None:
        """The registry entry a source phrase names: of several, the longest name, then the first.

        "the pro-Kremlin tabloid Life" -> Life; "a spokeswoman for the Ukrainian
        Defence Ministry" -> ua.mod (the body the speaker speaks for); "the ministry's
        Telegram channel" -> None.
        """
        matches = self.match_all(text, side_hint=side_hint)
        if not matches:
            return None
        return max(matches, key=lambda m: m.end - m.start).entry


def _side_of_shared(
    tokens: Sequence[Token],
    i: int,
    j: int,
    found: Sequence[tuple[int, int, _Target]],
    sides: Sequence[tuple[int, int, Side]],
    side_hint: Side | None,
) -> Side | None:
    """Which side's body the shared name at tokens[i:j] is, or None when the text does not say.

    The order is documented in data/sources/shared_names.tsv.
    """

    def belligerent(side: Side) -> Side | None:
        return side if side in _BELLIGERENTS else None  # a third country's body: not ours

    side_ending = {b - 1: side for a, b, side in sides}
    side_starting = {a: side for a, b, side in sides}
    entry_ending = {b - 1: t.side for a, b, t in found if isinstance(t, RegistryEntry)}
    entry_starting = {a: t.side for a, b, t in found if isinstance(t, RegistryEntry)}

    # 1. right before it: "the Russian ...", "Kyiv's ...", "DPR ..."
    k = i - 1
    while k >= 0 and tokens[k].key in _SKIPPED_BEFORE:
        k -= 1
    if k >= 0:
        if k in side_ending:
            return belligerent(side_ending[k])
        if k in entry_ending:
            return belligerent(entry_ending[k])
        if k + 1 < i and tokens[k + 1].key == "'s" and tokens[k].text[:1].isupper():
            return None  # "France's Defence Ministry": someone else's
    # ... or right after "of": "the General Staff of Ukraine"
    if j < len(tokens) and tokens[j].key == "of":
        m = j + 1
        if m < len(tokens) and tokens[m].key == "the":
            m += 1
        if m < len(tokens):
            if m in side_starting:
                return belligerent(side_starting[m])
            if m in entry_starting:
                return belligerent(entry_starting[m])
            if tokens[m].text[:1].isupper():
                return None  # "the Ministry of Defence of Poland"
    # 2. the phrase's side words, when they agree
    said = {side for _, _, side in sides}
    if len(said) == 1:
        return belligerent(said.pop())
    # 3. the caller's context
    if side_hint in _BELLIGERENTS:
        return side_hint
    return None


def _describe_target(target: object) -> str:
    if isinstance(target, RegistryEntry):
        return target.id
    if isinstance(target, SharedName):
        return f"the shared name '{target.name}'"
    if isinstance(target, Spokesperson):
        return f"the spokesperson {target.name} ({target.entry.id})"
    if isinstance(target, _NotASource):
        return "a phrase of not_sources.txt"
    return repr(target)


def _listed(words: Collection[str]) -> str:
    return ", ".join(sorted(words))


@cache
def registry() -> Registry:
    """The registry of the packaged tables (data/sources/), read once per process."""
    return Registry.read(DATA)
