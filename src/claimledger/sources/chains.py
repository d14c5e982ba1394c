"""Chains of retelling: from the origin of a statement to the source the article cites.

"Life, citing the Telegram channel Mash, wrote" -> [Mash, Life]; "a report by TASS citing the
ministry" -> [ministry, TASS]; "an insider ..., who talked to RIA Novosti" -> [source, RIA Novosti];
"a report on the ministry's Telegram channel" -> [ministry], through its Telegram channel.
Each link is a noun phrase in the parse; the registry and coreference make sources of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimledger.sources.cues import cite_verbs, cue_nouns, media_words, outlet_verbs

# clauses and asides that describe a source rather than name it
ASIDES = ("relcl", "acl", "advcl", "appos", "parataxis")
MAX_DEPTH = 4


@dataclass
class Link:
    head: Token
    start: int  # the naming phrase, without its asides
    end: int
    role: str | None = None  # an apposition: "the deputy commander of a motor rifle battalion ..."
    channel: str | None = None
    role_end: int = 0  # where the apposition ends

    @property
    def text(self) -> str:
        return self.head.doc.text[self.start : self.end]

    @property
    def description(self) -> str:
        """The phrase with its apposition, as written: "the news outlet Life", "X, the ..."."""
        return self.head.doc.text[self.start : max(self.end, self.role_end)]


def chain_for(source: Token, cue: Token) -> list[Link]:
    """The links behind a source phrase and its cue, origin first."""
    links = _np_chain(source, 0)
    # "Life, citing Mash, wrote ...": the participle hangs on the cue verb, or, in
    # "..., TASS reported, citing the ministry.", closes the cue's sentence
    closing = [t for t in cue.doc[cue.i + 1 : cue.sent.end] if t.tag_ == "VBG"]
    for child in [*cue.children, *closing[:1]]:
        if child.lemma_.lower() in cite_verbs() and child.dep_ in ("advcl", "xcomp", "acl"):
            obj = _object(child)
            if obj is not None and obj.i not in {link.head.i for link in links}:
                links = _np_chain(obj, 1) + links
                break
    # "a source told RIA Novosti that ...", "he said in an interview with Reuters"
    outlet = _outlet_of(cue)
    if outlet is not None and outlet.i not in {link.head.i for link in links}:
        links = links + _np_chain(outlet, 1)
    channel = _channel(cue)
    if channel and links and links[-1].channel is None:
        links[-1].channel = channel
    return links


def _np_chain(head: Token, depth: int) -> list[Link]:
    if depth > MAX_DEPTH:
        return []
    links: list[Link]
    if head.lemma_.lower() in cue_nouns() and head.pos_ == "NOUN":
        # "a report by TASS", "Petrenko's report", "a report on the ministry's Telegram channel"
        reporter = _reporter(head)
        channel = _channel(head)
        if reporter is None and channel is not None:
            reporter = _channel_owner(head)
        # without an author, "the statement" is the latest source's (coreference decides)
        links = _np_chain(reporter, depth + 1) if reporter is not None else [_link(head)]
        if links and channel:
            links[-1].channel = channel
    else:
        links = [_link(head)]
    # "TASS, citing the ministry", "TASS, which quoted the ministry"
    for tok in _descendants(head):
        if tok.lemma_.lower() in cite_verbs() and tok.dep_ in ("acl", "relcl", "advcl", "pcomp"):
            obj = _object(tok)
            if obj is not None:
                links = _np_chain(obj, depth + 1) + links
                break
    # "an insider ..., who talked to RIA Novosti"
    for tok in _descendants(head):
        if tok.lemma_.lower() in outlet_verbs() and tok.dep_ in ("relcl", "acl", "advcl"):
            outlet = _outlet_of(tok)
            if outlet is not None:
                links = links + _np_chain(outlet, depth + 1)
                break
    return links


def _descendants(head: Token) -> list[Token]:
    """Tokens under head, not descending into nested cite/outlet objects (handled recursively)."""
    out: list[Token] = []
    stack = list(head.children)
    while stack:
        tok = stack.pop()
        out.append(tok)
        if tok.lemma_.lower() in cite_verbs() or tok.lemma_.lower() in outlet_verbs():
            continue
        stack.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "pobj", "attr")), None)


def _reporter(noun: Token) -> Token | None:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ != "PRON":
        return poss
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN"):
                return obj
            # "a report by Ukrinform citing ...", parsed as a gerund clause
            clause = next((c for c in prep.children if c.dep_ == "pcomp"), None)
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause else None
            if subj is not None:
                return subj
    return None


def _outlet_of(verb: Token) -> Token | None:
    how = outlet_verbs().get(verb.lemma_.lower())
    if how is None:
        return _interview_partner(verb)
    for child in verb.children:
        if child.dep_ == "prep" and f"prep:{child.lower_}" in how:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if "dative" in how and child.dep_ in ("dative", "dobj", "iobj") and _names_outlet(child):
            return child
        if "agent" in how and child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return _interview_partner(verb)


def _interview_partner(verb: Token) -> Token | None:
    """'said in an interview with Reuters' -> Reuters."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.lemma_.lower() in ("interview", "conversation", "comment"):
                    for inner in noun.children:
                        if inner.dep_ == "prep" and inner.lower_ in ("with", "to"):
                            obj = next((c for c in inner.children if c.dep_ == "pobj"), None)
                            if obj is not None:
                                return obj
    return None


def _names_outlet(tok: Token) -> bool:
    """A proper name, not "reporters" or "journalists": only outlets are links of a chain."""
    return tok.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" and c.dep_ == "compound" for c in tok.children
    )


def _channel(tok: Token) -> str | None:
    """'on its Telegram channel', 'on Telegram', 'in a post on X'."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "via", "in", "through"):
            continue
        for noun in prep.children:
            owner = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
            toks = [t for t in noun.subtree if t.i not in owner and not t.is_punct]
            words = [t.lower_ for t in toks]
            if any(w in media_words() for w in words if w != "x") or noun.text == "X":
                return " ".join(t.text for t in toks if t.dep_ not in ("det", "case"))
            inner = _channel(noun)
            if inner:
                return inner
    return None


def _channel_owner(tok: Token) -> Token | None:
    """'the ministry' in 'a report on the ministry's Telegram channel'."""
    for prep in tok.children:
        if prep.dep_ == "prep":
            for noun in prep.children:
                poss = next((c for c in noun.children if c.dep_ == "poss"), None)
                if poss is not None:
                    return poss
                inner = _channel_owner(noun)
                if inner is not None:
                    return inner
    return None


def run_around(head: Token, keep: set[int]) -> tuple[int, int]:
    """The first and last token of the unbroken run of kept tokens around the head."""
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return lo, hi


def link_for(head: Token) -> Link:
    return _link(head)


def _link(head: Token) -> Link:
    """The phrase that names a source: its subtree without asides, around the head."""
    drop: set[int] = set()
    for tok in head.subtree:
        if tok is not head and tok.dep_ in ASIDES:
            drop.update(t.i for t in tok.subtree)
    lo, hi = run_around(head, {t.i for t in head.subtree} - drop)
    doc = head.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
    role = None
    role_end = 0
    if appos is not None:
        drop_rel = {t.i for c in appos.children if c.dep_ == "relcl" for t in c.subtree}
        toks = [t for t in appos.subtree if t.i not in drop_rel and not t.is_punct]
        if toks:
            role = doc[toks[0].i : toks[-1].i + 1].text
            role_end = toks[-1].idx + len(toks[-1].text)
    return Link(head, doc[lo].idx, doc[hi].idx + len(doc[hi].text), role, None, role_end)
