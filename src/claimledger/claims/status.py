"""A claim's status: asserted in the article's voice, claimed by a source, denied, unverified
when the text says it is not confirmed, hypothetical when it has not happened (status_cues.tsv)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from claimledger.claims.lexicon import StatusCue, status_cues
from claimledger.model import ClaimStatus

GAP = 1  # words a multi-word cue may skip between its words ("could not be verified")
UP = 3  # how far up from the claim's word a governing cue is looked for


class StatusReader:
    """Per document: which sentences say that their claims, or the ones before, are unconfirmed."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sentences = list(doc.sents)
        self.unverified: set[int] = set()  # sentence numbers
        for n, sent in enumerate(self.sentences):
            for cue in _cues_in(sent, "unverified"):
                self.unverified.add(n)
                if (
                    cue.scope == "previous"
                    and n > 0
                    and _same_paragraph(self.sentences[n - 1], sent)
                ):
                    self.unverified.add(n - 1)

    def sentence_of(self, char: int) -> int:
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start_char <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def status(
        self, trigger: Token | None, negated: bool, start: int, *, attributed: bool, denial: bool
    ) -> ClaimStatus:
        if denial or negated:
            return "denied"
        if trigger is not None and _hypothetical(trigger):
            return "hypothetical"
        if self.sentence_of(start) in self.unverified or (
            trigger is not None and _word_cue(trigger, "unverified")
        ):
            return "unverified"
        return "claimed" if attributed else "asserted"


def _same_paragraph(a: Span, b: Span) -> bool:
    return "\n" not in a.doc.text[a.end_char : b.start_char]


def _matches(tokens: Sequence[Token], at: int, cue: StatusCue) -> bool:
    i = at
    for lemma in cue.lemmas[1:]:
        window = tokens[i + 1 : i + 2 + GAP]
        nxt = next((k for k, t in enumerate(window, i + 1) if _lemma(t) == lemma), None)
        if nxt is None:
            return False
        i = nxt
    return True


def _lemma(tok: Token) -> str:
    return "not" if tok.dep_ == "neg" else tok.lemma_.lower()


def _cues_in(sent: Span, status: str) -> list[StatusCue]:
    table = status_cues()
    tokens = list(sent)
    found = []
    for k, tok in enumerate(tokens):
        for cue in table.get(_lemma(tok), ()):
            if cue.status == status and cue.scope != "word" and _matches(tokens, k, cue):
                found.append(cue)
    return found


def _word_cue(tok: Token, status: str) -> bool:
    """A one-word cue on the claim's word itself: an auxiliary, adverb, marker or modifier."""
    table = status_cues()
    for child in tok.children:
        if child.dep_ in ("aux", "advmod", "mark", "amod", "neg") or child.dep_ == "advcl":
            probe = [child, *(c for c in child.children if c.dep_ == "mark")]
            for t in probe:
                if any(c.status == status and c.scope == "word" for c in table.get(_lemma(t), ())):
                    return True
    return False


def _hypothetical(tok: Token) -> bool:
    """ "could capture", "if they take", "plans to deploy", "threatened to strike": the claim's
    word, or a verb it depends on within a few steps, carries a hypothetical cue."""
    t = tok
    for _ in range(UP):
        if _word_cue(t, "hypothetical"):
            return True
        if t.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in t.children):
            return True
        head = t.head
        if head.i == t.i or t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acl", "pcomp"):
            break
        if any(
            c.scope == "word" and c.status == "hypothetical"
            for c in status_cues().get(head.lemma_.lower(), ())
        ):
            return t.dep_ in ("xcomp", "pcomp", "acl")
        t = head
    return False
