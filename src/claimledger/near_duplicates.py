"""Articles that are rewrites of an earlier one: near-identical text, or whole sentences copied.

Two tests, either of which makes a match:
- the estimated Jaccard similarity of the texts' word 5-shingles (datasketch MinHash, candidates
  from MinHash LSH) is at least `JACCARD_MIN`: the same text with a new title, a sentence moved,
  a paragraph dropped or a few words changed;
- the texts share at least `MIN_SHARED_SENTENCES` whole sentences (exact, after normalisation):
  a rewrite that copies an agency's paragraphs and adds much of its own still shows its source.
  Only prose counts: sentences of `MIN_SENTENCE_WORDS` words or more ending in . ! ? or …,
  held by at most `MAX_SENTENCE_ARTICLES` earlier articles (more is a site's boilerplate).

Normalisation, before both: NFKC, lower case, apostrophes joined into their word, thousands
separators dropped ("1,200", "1 200" with a no-break or thin space, "1200"), "%" read as
"percent". Words are runs of letters, or numbers with their decimals ("3.5"); punctuation and
whitespace only separate them.

The index is incremental: `query` an article against those added before it, then `add` it.
`signature` and `sentence_hashes` are what a store keeps to rebuild the index without the text.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from hashlib import blake2b
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped, unused-ignore]
from datasketch.hashfunc import sha1_hash32  # type: ignore[import-untyped, unused-ignore]

# 5-word shingles: long enough that two independent reports of one event share few of them
# (stock phrases like "the ministry of defence said" are 5 words), short enough that a changed
# word spoils only 5 shingles.
SHINGLE_WORDS = 5
# 128 permutations: the Jaccard estimate's standard error is at most 0.045, for 512 bytes.
NUM_PERM = 128
SEED = 1
# A copy with a new headline or a paragraph dropped scores 0.65-0.8, an independent report of the
# same event 0.01 (tests/test_near_duplicates.py); heavier rewrites fall to the sentence test.
JACCARD_MIN = 0.5
NEAR_IDENTICAL = 0.9
# LSH bands tuned below JACCARD_MIN (datasketch picks 32 bands of 4 rows), so that a pair at
# 0.5 becomes a candidate 87% of the time and one at 0.6 99%; the exact check follows.
LSH_THRESHOLD = 0.4
# Under 8 distinct shingles (about 12 words) a text is too short to call a copy by its words.
MIN_SHINGLES = 8
# "Several" shared sentences; one or two are often the same quoted statement in two reports.
MIN_SHARED_SENTENCES = 3
# Shorter sentences ("Read more.", "He said.") are not evidence of copying; nor is a line that
# does not end as a sentence does (a heading, a menu item, a byline, a site's slogan).
MIN_SENTENCE_WORDS = 6
# A sentence already in this many articles is boilerplate (a footer, a stock line), not a copy;
# above the dozen rewrites a wire story gets. Capping also bounds each query's cost however
# large the index grows.
MAX_SENTENCE_ARTICLES = 20

_VERSION = 1
_HEADER = struct.Struct("<BHI")  # format version, permutations, distinct shingles
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ`´](?=\w)")
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_WORDS = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
# a sentence ends at . ! ? or … (closing quotes and brackets go with it) before a space, or at
# a line break; the same rule on both texts is what matters, not linguistic perfection
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+|\s*\n\s*")
_CLOSING = "\"'”’»)] \t"
_TERMINAL = (".", "!", "?", "…")

# the scheme and hash function are spelled out: a stored signature must not change meaning when
# datasketch changes its defaults
_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


@dataclass(frozen=True)
class Match:
    """An earlier article the queried one rewrites.

    `reason`: "near_identical" (jaccard >= NEAR_IDENTICAL), "similar_text" (>= JACCARD_MIN) or
    "shared_sentences" (texts less alike, but MIN_SHARED_SENTENCES or more sentences in common).
    """

    key: str
    jaccard: float
    shared_sentences: int
    reason: str


def normalised(text: str) -> str:
    """The text as compared: case, number formats and apostrophes made uniform, punctuation
    kept for the sentence ends."""
    # thousands first: NFKC turns the no-break spaces used as separators into plain ones
    text = unicodedata.normalize("NFKC", _THOUSANDS.sub("", text)).lower()
    return _APOSTROPHES.sub("", text).replace("%", " percent ")


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return _WORDS.findall(normalised(text))


def shingles(text: str) -> set[str]:
    """The distinct runs of SHINGLE_WORDS words (a shorter text is one shingle)."""
    w = words(text)
    if len(w) <= SHINGLE_WORDS:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i : i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1)}


def signature(text: str) -> bytes:
    """The text's MinHash: a header and NUM_PERM 32-bit values (519 bytes), to store."""
    found = shingles(text)
    minhash = MinHash(
        num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME, hashfunc=sha1_hash32
    )
    minhash.update_batch([s.encode("utf-8") for s in found])
    values = np.asarray(minhash.hashvalues, dtype="<u4")
    return _HEADER.pack(_VERSION, NUM_PERM, len(found)) + values.tobytes()


def sentence_hashes(text: str) -> list[int]:
    """The distinct normalised sentences of MIN_SENTENCE_WORDS words or more that end as
    sentences do, as signed 64-bit hashes (an SQLite INTEGER), in text order."""
    out: dict[int, None] = {}
    for piece in _SENTENCE_END.split(normalised(text)):
        if not piece.rstrip(_CLOSING).endswith(_TERMINAL):
            continue
        w = _WORDS.findall(piece)
        if len(w) >= MIN_SENTENCE_WORDS:
            digest = blake2b(" ".join(w).encode("utf-8"), digest_size=8).digest()
            out[int.from_bytes(digest, "little", signed=True)] = None
    return list(out)


def _unpack(sig: bytes) -> tuple[int, npt.NDArray[np.uint32]]:
    """The shingle count and hash values of a signature; ValueError for a foreign one."""
    if len(sig) != _HEADER.size + 4 * NUM_PERM:
        raise ValueError(f"not a signature of this version ({len(sig)} bytes)")
    version, perms, count = _HEADER.unpack_from(sig)
    if (version, perms) != (_VERSION, NUM_PERM):
        raise ValueError(f"signature of version {version} with {perms} permutations; expected "
                         f"version {_VERSION} with {NUM_PERM}")  # fmt: skip
    return count, np.frombuffer(sig, dtype="<u4", offset=_HEADER.size).astype(np.uint32)


def _sketch(values: npt.NDArray[np.uint32]) -> Any:
    """A datasketch MinHash over stored hash values, as MinHashLSH takes it."""
    return MinHash(hashvalues=values, permutations=_PERMUTATIONS, scheme=_SCHEME)


@cache
def _bands() -> tuple[int, int]:
    """datasketch's (bands, rows) for LSH_THRESHOLD, worked out once (it integrates numerically)."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


class NearDuplicateIndex:
    """Articles added in time order; a query finds the earlier ones a text rewrites."""

    def __init__(self) -> None:
        self._lsh: Any = MinHashLSH(num_perm=NUM_PERM, params=_bands())
        self._keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._values = np.zeros((1024, NUM_PERM), dtype=np.uint32)  # grows by doubling
        self._usable = np.zeros(1024, dtype=np.bool_)  # long enough for the Jaccard test
        # sentence hash -> the article id, or the ids, holding it (most sentences are in one)
        self._sentences: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def add(
        self,
        key: str,
        text: str | None = None,
        *,
        sig: bytes | None = None,
        sentences: list[int] | None = None,
    ) -> None:
        """Index an article, from its text or from its stored `signature`/`sentence_hashes`."""
        if key in self._ids:
            raise ValueError(f"'{key}' is already in the index")
        count, values, hashes = self._prepare(text, sig, sentences)
        doc = len(self._keys)
        if doc == len(self._values):
            self._values = np.concatenate([self._values, np.zeros_like(self._values)])
            self._usable = np.concatenate([self._usable, np.zeros_like(self._usable)])
        self._values[doc] = values
        self._usable[doc] = count >= MIN_SHINGLES
        if self._usable[doc]:
            self._lsh.insert(doc, _sketch(values), check_duplication=False)
        for h in hashes:
            held = self._sentences.get(h)
            if held is None:
                self._sentences[h] = doc
            elif isinstance(held, int):
                self._sentences[h] = [held, doc]
            elif len(held) <= MAX_SENTENCE_ARTICLES:  # one past the cap marks boilerplate
                held.append(doc)
        self._ids[key] = doc
        self._keys.append(key)

    def query(
        self,
        text: str | None = None,
        *,
        sig: bytes | None = None,
        sentences: list[int] | None = None,
    ) -> list[Match]:
        """The indexed articles this text rewrites, best first (most alike, then most shared
        sentences, then earliest added)."""
        count, values, hashes = self._prepare(text, sig, sentences)
        usable = count >= MIN_SHINGLES
        candidates: set[int] = set(self._lsh.query(_sketch(values))) if usable else set()
        shared: Counter[int] = Counter()
        for h in hashes:
            held = self._sentences.get(h)
            if isinstance(held, int):
                shared[held] += 1
            elif held is not None and len(held) <= MAX_SENTENCE_ARTICLES:
                shared.update(held)
        candidates.update(d for d, n in shared.items() if n >= MIN_SHARED_SENTENCES)
        if not candidates:
            return []
        docs = np.fromiter(sorted(candidates), dtype=np.intp, count=len(candidates))
        if usable:
            estimates = (self._values[docs] == values).mean(axis=1)
            estimates[~self._usable[docs]] = 0.0
        else:
            estimates = np.zeros(len(docs))
        matches: list[tuple[float, int, int]] = []
        for doc, jaccard in zip(docs.tolist(), estimates.tolist(), strict=True):
            if jaccard >= JACCARD_MIN or shared[doc] >= MIN_SHARED_SENTENCES:
                matches.append((jaccard, shared[doc], doc))
        matches.sort(key=lambda m: (-m[0], -m[1], m[2]))
        return [Match(self._keys[d], round(j, 4), n, _reason(j)) for j, n, d in matches]

    @staticmethod
    def _prepare(
        text: str | None, sig: bytes | None, sentences: list[int] | None
    ) -> tuple[int, npt.NDArray[np.uint32], list[int]]:
        if sig is None and text is None:
            raise ValueError("give the text, or its signature")
        count, values = _unpack(sig if sig is not None else signature(text or ""))
        if sentences is None:
            sentences = sentence_hashes(text) if text is not None else []
        return count, values, list(dict.fromkeys(sentences))


def _reason(jaccard: float) -> str:
    if jaccard >= NEAR_IDENTICAL:
        return "near_identical"
    if jaccard >= JACCARD_MIN:
        return "similar_text"
    return "shared_sentences"
