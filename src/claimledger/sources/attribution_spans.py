"""Attribution finding: character ranges of token runs, and the clause a phrase sits in."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from claimledger.sources.cues import cue_verbs
from claimledger.sources.types import Attribution, CharRange

EDGE_PUNCT = " \t\n,;:.-–—"


def cue_tokens(verb: Token) -> list[Token]:
    """The verb with its auxiliaries, negation and an adverb between them ("has also said")."""
    lo = verb.i
    doc = verb.doc
    while lo > 0:
        prev = doc[lo - 1]
        if (prev.head == verb and prev.dep_ in ("aux", "auxpass", "neg")) or (
            prev.head == verb
            and prev.dep_ == "advmod"
            and lo - 1 > 0
            and doc[lo - 2].head == verb
            and doc[lo - 2].dep_ in ("aux", "auxpass")
        ):
            lo -= 1
        else:
            break
    return list(doc[lo : verb.i + 1])


def rest_of_clause(tok: Token, removed: set[int]) -> list[CharRange]:
    """The clause a phrase is attached to, in the phrase's sentence, without the phrase."""
    clause = clause_of(tok)
    if clause is None:
        return []
    sent = tok.sent
    return char_ranges(
        t
        for t in clause.subtree
        if t.i not in removed and sent.start <= t.i < sent.end and not t.is_space
    )


def clause_of(tok: Token) -> Token | None:
    """The verb (or root) of the clause a phrase is attached to."""
    head = tok.head
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            return head
        head = head.head
    return None


def content_tokens(doc: Doc, ranges: Sequence[CharRange]) -> set[int]:
    out: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


def tokens_in(doc: Doc, ranges: Sequence[CharRange]) -> list[Token]:
    return [doc[i] for i in sorted(content_tokens(doc, ranges))]


def phrase_start(tok: Token) -> int:
    """Where the noun phrase ending at tok starts as written, though the parse may have cut
    it up ("campaign finance records", "the company's chief executive")."""
    start = tok.left_edge.i
    while start > tok.sent.start and tok.doc[start - 1].pos_ in NP_WORDS:
        start -= 1
    return start


NP_WORDS = ("DET", "NOUN", "PROPN", "ADJ", "PART")


def char_ranges(tokens: Iterable[Token]) -> list[CharRange]:
    """Contiguous runs of tokens as character ranges."""
    out: list[CharRange] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if tok.i == last + 1 and out:
            out[-1] = (out[-1][0], end)
        else:
            out.append((tok.idx, end))
        last = tok.i
    return out


def trim_range(text: str, start: int, end: int) -> CharRange | None:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return (start, end) if end > start else None


def token_at_or_after(doc: Doc, starts: list[int], char: int) -> int | None:
    i = bisect_left(starts, char)
    return i if i < len(doc) else None


def token_before(doc: Doc, starts: list[int], char: int) -> int | None:
    """The last token ending before `char`, skipping white space."""
    i = bisect_right(starts, char) - 1
    while i >= 0 and (doc[i].idx + len(doc[i].text) > char or doc[i].is_space):
        i -= 1
    return i if i >= 0 else None


def set_parents(found: list[Attribution]) -> None:
    """An attribution whose cue lies in another's content is nested in it."""
    for i, a in enumerate(found):
        best: int | None = None
        best_size = 0
        for j, b in enumerate(found):
            if i == j:
                continue
            for start, end in b.content:
                if (
                    start <= a.cue[0]
                    and a.cue[1] <= end
                    and (best is None or end - start < best_size)
                ):
                    best, best_size = j, end - start
        a.parent = best


# a source that stands for the speaker of the statement around it ("Lee said he believed ...")
SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})


def drop_own_asides(text: str, found: list[Attribution]) -> list[Attribution]:
    """A speaker's own statement inside what they say is part of that statement, not another
    attribution: "the ministry said it believed the town was lost", "'I think we held,' the
    commander said" is one claim by one source. Another source inside ("Life said the FSB
    reported ...") is a chain and stays. A denial inside makes the statement a denial."""
    found = [_turn_parenthetical(text, found, a) for a in found]
    found = [a for a in found if a.cue != DROPPED]
    set_parents(found)
    kept: list[Attribution] = []
    for a in found:
        parent = found[a.parent] if a.parent is not None else None
        if (
            parent is not None
            and parent.source is not None
            and a.source is not None
            # the speaker named again inside the statement ("he believed"), not a source the
            # finder carried over from outside it ("issued a statement saying ...")
            and any(start <= a.source[0] and a.source[1] <= end for start, end in parent.content)
        ):
            own = text[a.source[0] : a.source[1]].lower()
            if own in SPEAKER_PRONOUNS or own == text[parent.source[0] : parent.source[1]].lower():
                parent.denial = parent.denial or a.denial
                continue
        kept.append(a)
    set_parents(kept)
    return kept


# the cue of an attribution folded into another one
DROPPED: CharRange = (-1, -1)
# what a mind holds, as against what a mouth says: cue classes a parenthetical speech verb
# reports ("He hoped, he said, that ...")
HELD = frozenset({"cognition", "intention", "appearance"})


def _turn_parenthetical(text: str, found: list[Attribution], a: Attribution) -> Attribution:
    """ "The commander believes, he said, that the town will hold": the belief is what he
    said, so the parenthetical "he said" is the attribution and its content the sentence
    around it; the belief is his own aside, folded into it."""
    if a.parent is None or a.source is None or cue_verbs().get(a.cue_lemma) is None:
        return a
    parent = found[a.parent]
    said = cue_verbs()[a.cue_lemma]
    held = cue_verbs().get(parent.cue_lemma)
    if not said.speech or held is None or held.cls not in HELD or parent.source is None:
        return a
    start, end = min(a.source[0], a.cue[0]), max(a.source[1], a.cue[1])
    if text[:start].rstrip()[-1:] != "," or text[end:].lstrip()[:1] != ",":
        return a  # not set off by commas: "he hoped he said the right thing"
    own = text[a.source[0] : a.source[1]].lower()
    if own not in SPEAKER_PRONOUNS and own != text[parent.source[0] : parent.source[1]].lower():
        return a  # another source's aside: a chain, left as it is
    first = min(parent.source[0], parent.cue[0])
    last = max(e for _, e in parent.content)
    before = text.rindex(",", first, start)
    after = text.index(",", end) + 1
    a.content = tuple(
        r for r in (trim_range(text, *x) for x in ((first, before), (after, last))) if r
    )
    a.denial = a.denial or parent.denial
    parent.cue = DROPPED
    return a


def closing_phrase(first: Token, removed: set[int]) -> list[CharRange]:
    """ "Trump said he was happy, according to the Times.": a phrase that closes its sentence
    after a comma takes the whole sentence before the comma as content, a statement in it
    included."""
    sent = first.sent
    before = first.doc[first.i - 1] if first.i > sent.start else None
    rest = [t for t in first.doc[first.i : sent.end] if t.i not in removed]
    if before is None or before.text != "," or any(not (t.is_punct or t.is_space) for t in rest):
        return []
    return char_ranges(t for t in first.doc[sent.start : before.i] if not t.is_space)
