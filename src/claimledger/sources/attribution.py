"""Find attributions (cue, source, content) on a parsed Doc.

Citron's plan (cue, source and content found, then joined), done with spaCy's dependency
parse and the cue tables in data/sources/. Four passes, each claiming the tokens it uses so
that no later pass reads the same words twice:

1. direct quotes with a speech verb right before or after them ("'...,' said X", "X said: '...'"),
   and the rest of a quote split around its cue;
2. prepositional cues ("according to X", "as reported by X"): the rest of the clause is content;
3. cue verbs with their complement: a that-clause, an infinitive, an object or a preposition's
   object, as the verb's row in cue_verbs.txt allows, or the clause a parenthetical cue sits in
   ("The convoy, the officer claims, is ...");
4. cue nouns with a that-clause ("the ministry's claim that ...").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from claimledger.sources.chains import run_around
from claimledger.sources.cues import (
    CueWord,
    cite_verbs,
    cue_adjectives,
    cue_nouns,
    cue_phrases,
    cue_verbs,
    light_verbs,
    media_words,
    speaker_nouns,
    stance_people,
    stance_targets,
)
from claimledger.sources.denials import is_denial
from claimledger.sources.quotes import find_quotes
from claimledger.sources.types import Attribution, CharRange

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE = ("who", "that", "which", "whom")
# "in his view", "in the ministry's words"
OPINION_NOUNS = ("view", "opinion", "words", "estimate", "estimation", "assessment", "judgment")
EDGE_PUNCT = " \t\n,;:.-–—"
# how far from a quote its cue may stand, in tokens
QUOTE_REACH = 12


def find_attributions(doc: Doc) -> list[Attribution]:
    return _Finder(doc).run()


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]  # token offsets, to look tokens up by character
        self.quotes = [q for q in find_quotes(doc.text) if q[1] - q[0] > 2]
        self.quote_of = [-1] * len(doc)  # token -> index of the quote it lies in
        for n, (start, end) in enumerate(self.quotes):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.quote_of[tok.i] = n
        self.used: set[int] = set()  # tokens already cue or source of an attribution
        self.quote_used: set[int] = set()
        self.found: list[Attribution] = []

    def run(self) -> list[Attribution]:
        self._quotes()
        self._colons()
        self._phrases()
        self._verbs()
        self._nouns()
        self._adjectives()
        self._stance_people()
        self.found.sort(key=lambda a: a.cue[0])
        _set_parents(self.found)
        return self.found

    # -- helpers -------------------------------------------------------------------------

    def _inside_quote(self, tok: Token) -> bool:
        return self.quote_of[tok.i] >= 0 and not tok.is_quote

    def _add(
        self,
        cue: Sequence[Token],
        source: Token | None,
        content: Iterable[CharRange],
        kind: str,
        cue_lemma: str,
        denial: bool = False,
    ) -> None:
        ranges = tuple(r for r in (_trim(self.doc.text, s, e) for s, e in sorted(content)) if r)
        if not ranges:
            return
        if source is not None and source.ent_type_ in ("DATE", "TIME"):
            source = None  # "Nov. 20": a parse that took the date for the speaker
        src = _np_range(self.doc, source, cue[-1]) if source is not None else None
        cue_range = (cue[0].idx, cue[-1].idx + len(cue[-1].text))
        negated = any(c.dep_ == "neg" for c in cue[-1].children)
        relative = next(
            (
                c
                for c in cue[-1].children
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE and c is not source
            ),
            None,
        )
        if not denial:
            denial = is_denial(self.doc, ranges, cue_lemma)
        self.found.append(
            Attribution(
                cue_range,
                cue_lemma,
                src,
                ranges,
                kind,
                denial and not negated,
                negated=negated,
                source_written=(
                    (relative.idx, relative.idx + len(relative.text)) if relative else None
                ),
            )
        )
        self.used.update(t.i for t in cue)
        if source is not None:
            self.used.update(t.i for t in _np_tokens(source, cue[-1]))

    # -- 1. direct quotes ----------------------------------------------------------------

    def _quotes(self) -> None:
        doc = self.doc
        for n, (start, end) in enumerate(self.quotes):
            if n in self.quote_used:
                continue
            inner = doc.char_span(start, end, alignment_mode="contract")
            if inner is None or sum(1 for t in inner if t.is_alpha) < 3:
                continue  # a scare-quoted word or title, not speech
            cue = self._cue_after(end) or self._cue_before(start)
            if cue is None:
                self._colon_quote(n, start, end)
                continue
            verb, entry = cue
            content = [(start, end)]
            self.quote_used.add(n)
            if verb.idx > start:
                content += self._continuation(verb, n)
            self._add(
                _cue_tokens(verb),
                self._quote_source(verb, n),
                content,
                "direct",
                entry.lemma,
                entry.cls == "denial",
            )

    def _quote_source(self, verb: Token, n: int) -> Token | None:
        """The speaker of a quote stands outside it: a parse may take a noun inside the quote
        for the subject of "said" ('"The convoy left," said an officer')."""
        source = _verb_source(verb)
        if source is None or self.quote_of[source.i] != n:
            return source
        return next(
            (
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "npadvmod", "dep")
                and self.quote_of[c.i] != n
                and c.pos_ in ("NOUN", "PROPN", "PRON")
            ),
            None,
        )

    def _colon_quote(self, n: int, start: int, end: int) -> None:
        """'Karadsheh described the scene: "Roads were blocked ..."': the colon is the cue."""
        last = _token_before(self.doc, self.starts, start)
        if last is None or self.doc[last].text != ":" or last in self.used:
            return
        colon = self.doc[last]
        root = colon.sent.root if colon.sent.root.i < colon.i else None
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None) if root else None
        if subject is None or self.quote_of[subject.i] >= 0:
            return
        self.quote_used.add(n)
        self._add([colon], subject, [(start, end)], "direct", ":")

    def _colons(self) -> None:
        """A headline or lead of the form 'Trump: Cruz has a long way to go'."""
        for tok in self.doc:
            if tok.text != ":" or tok.i in self.used or self.quote_of[tok.i] >= 0:
                continue
            sent = tok.sent
            left = [t for t in self.doc[sent.start : tok.i] if not t.is_punct and not t.is_space]
            right = [t for t in self.doc[tok.i + 1 : sent.end] if not t.is_space]
            if not 1 <= len(left) <= 6 or any(t.pos_ in ("VERB", "AUX") for t in left):
                continue
            if left[0].pos_ != "PROPN" or not any(t.pos_ in ("VERB", "AUX") for t in right):
                continue
            head = next(
                (t for t in left if t.head.i >= tok.i or t.head == t or t.head not in left),
                left[-1],
            )
            # a transcript's speaker label ("TAPPER: ...") is a speaker whatever the parse says
            label = len(left) <= 3 and all(t.is_upper and t.is_alpha for t in left)
            if any(_speech_verb_with_subject(t) for t in right):
                continue  # "Zaporizhzhia: the administration says ...": a dateline
            if not (label or _speaker(head)) or head.lemma_.lower() in cue_nouns():
                continue  # "Exclusive Report: ..." is a label, not a speaker
            self._add([tok], head, _ranges(right), "indirect", ":")

    def _speech_verb(self, tok: Token) -> CueWord | None:
        entry = _cue_verb(tok)
        if entry is None or not entry.speech or tok.pos_ not in ("VERB", "AUX"):
            return None
        if tok.i in self.used or self._inside_quote(tok):
            return None
        return entry

    def _cue_after(self, end: int) -> tuple[Token, CueWord] | None:
        """'"...," said the ministry' or '"...," the ministry said'."""
        doc = self.doc
        first = _token_at_or_after(doc, self.starts, end)
        if first is None:
            return None
        closing = doc.text[max(0, end - 2) : end - 1]
        if closing == ".":
            # English turns the full stop into a comma when a cue follows; a short
            # '"..." Trump said.' is still a cue, a new sentence is not
            return self._short_cue_after(first)
        # '"Stop!" he shouted' goes on in lower case or with the verb; a new sentence does not
        goes_on = doc[first].is_lower or doc[first].pos_ == "VERB"
        verb_next = any(self._speech_verb(t) for t in doc[first : first + 3])
        if closing in ("!", "?") and not goes_on and not verb_next:
            return None
        for tok in doc[first : first + QUOTE_REACH]:
            if tok.is_quote or (tok.is_sent_start and tok.i > first and tok.text not in ","):
                break
            if tok.text in ".!?":
                break
            entry = self._speech_verb(tok)
            if entry is not None:
                # the verb must not have content of its own after the quote
                if any(c.dep_ == "ccomp" and c.idx > end for c in tok.children):
                    return None
                return tok, entry
        return None

    def _short_cue_after(self, first: int) -> tuple[Token, CueWord] | None:
        """'"...." Trump said.': subject and speech verb, then the end of the sentence."""
        doc = self.doc
        for tok in doc[first : first + 6]:
            entry = self._speech_verb(tok)
            if entry is not None:
                rest = [t for t in doc[tok.i + 1 : tok.i + 4] if not t.is_space]
                if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
                    return None
                if (rest and rest[0].text in ".!?") or not rest:
                    return tok, entry
                return None
            if tok.text in ".!?" or tok.is_quote:
                return None
        return None

    def _cue_before(self, start: int) -> tuple[Token, CueWord] | None:
        """'The ministry said: "..."', 'he told reporters, "..."'."""
        doc = self.doc
        last = _token_before(doc, self.starts, start)
        if last is None:
            return None
        if doc[last].text not in (":", ",") and not self._speech_verb(doc[last]):
            return None
        lo = max(0, last - QUOTE_REACH)
        for tok in reversed(doc[lo : last + 1]):
            if tok.is_quote or tok.text in ".!?":
                break
            entry = self._speech_verb(tok)
            if entry is not None:
                if any(c.dep_ == "ccomp" and c.idx < start for c in tok.children):
                    return None
                return tok, entry
        return None

    def _continuation(self, verb: Token, n: int) -> list[CharRange]:
        """The next quote of a quote split around its cue: '"A," he said. "B."'."""
        if n + 1 >= len(self.quotes) or n + 1 in self.quote_used:
            return []
        start, end = self.quotes[n + 1]
        sent_end = verb.sent.end_char
        between = self.doc.text[verb.idx : start]
        # only the cue clause and its full stop or comma may lie between the two parts
        if start > sent_end + 3 and "\n" not in self.doc.text[sent_end:start]:
            return []
        if len(between) > 200 or self._cue_after(end) is not None:
            return []
        self.quote_used.add(n + 1)
        return [(start, end)]

    # -- 2. according to X ---------------------------------------------------------------

    def _phrases(self) -> None:
        doc = self.doc
        words = [t.lower_ for t in doc]
        for phrase in cue_phrases():
            size = len(phrase)
            for i in range(len(doc) - size + 1):
                if tuple(words[i : i + size]) != phrase or i in self.used:
                    continue
                cue = list(doc[i : i + size])
                if self._inside_quote(cue[0]):
                    continue
                if cue[0].dep_ == "acl" and cue[0].head.pos_ in ("NOUN", "PROPN"):
                    continue  # "the ministry, quoted by TASS, said": a link of the chain
                source = next((c for c in cue[-1].children if c.dep_ == "pobj"), None)
                if source is None:
                    continue
                removed = {t.i for t in cue} | {t.i for t in source.subtree}
                content = _rest_of_clause(cue[0], removed)
                self._add(cue, source, content, "according_to", " ".join(phrase))
        self._views()

    def _views(self) -> None:
        """ "In the ministry's view, ...", "in his words": a possessed opinion noun in a
        prepositional phrase works like "according to"."""
        for tok in self.doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or self._inside_quote(tok):
                continue
            noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in OPINION_NOUNS:
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is None or owner.i in self.used:
                continue
            content = _rest_of_clause(tok, {t.i for t in tok.subtree})
            self._add([tok, noun], owner, content, "according_to", noun.lemma_.lower())

    # -- 3. cue verbs ----------------------------------------------------------------------

    def _verbs(self) -> None:
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in self.used:
                continue
            entry = _cue_verb(tok)
            if entry is None or self._inside_quote(tok):
                continue
            if _chain_link(tok):
                continue  # "Life, citing Mash, wrote": a link of the chain, not a claim
            if tok.dep_ == "amod":
                continue  # "pledged delegates": an adjective
            ranges = _verb_content(tok, entry)
            if (
                not ranges
                and entry.speech
                and tok.dep_ in ("parataxis", "advcl")
                and _has_source(tok)
                and not any(c.dep_ == "mark" for c in tok.children)
            ):
                # parenthetical: "The convoy, the officer claims, is heading north ..."
                own = {t.i for t in tok.subtree}
                ranges = _ranges(t for t in tok.head.subtree if t.i not in own)
            if not ranges and entry.speech:
                # "Troops pushed into the town, the agency TASS reported", parsed amiss
                ranges = _clause_before(tok)
            if not ranges and entry.cls in ("speech", "cognition") and _has_source(tok):
                # "said in one of a series of messages that ...": the that-clause hung lower
                ranges = _that_clause_after(tok)
            if not ranges and entry.speech and _as_clause(tok) and _has_source(tok):
                # "as Reuters reported, the bridge was hit"
                ranges = _rest_of_clause(tok, {t.i for t in tok.subtree})
            # (not for evidence verbs: "the FSB found a cache" is an event, not a finding)
            loose = entry.cls not in ("evidence", "appearance")
            if (
                not ranges
                and loose
                and _speaker_source(tok)
                and not {"quote", "target"} & entry.frames
            ):
                ranges = _weak_content(tok)
            if not ranges:
                continue
            kind = "indirect"
            if any(self.quote_of[t.i] >= 0 for t in _tokens_in(self.doc, ranges)):
                kind = "mixed"
            self._add(
                _cue_tokens(tok),
                _verb_source(tok),
                ranges,
                kind,
                entry.lemma,
                entry.cls == "denial",
            )

    # -- 4. cue nouns ----------------------------------------------------------------------

    def _nouns(self) -> None:
        nouns = cue_nouns()
        for tok in self.doc:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or tok.i in self.used:
                continue
            if self._inside_quote(tok):
                continue
            entry = nouns[tok.lemma_.lower()]
            clause = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("acl", "ccomp")
                    and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
                ),
                None,
            )
            source = next((c for c in tok.children if c.dep_ == "poss"), None)
            if source is None:
                by = next(
                    (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")),
                    None,
                )
                source = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            cue = [tok]
            verb = tok.head
            if (
                source is None
                and tok.dep_ == "dobj"
                and verb.lemma_.lower() in light_verbs()
                and _has_source(verb)
                and verb.i not in self.used
            ):
                # "the general made comments about the retreat", "Kyiv voiced support for"
                source = next(c for c in verb.children if c.dep_ == "nsubj")
                cue = list(self.doc[verb.i : tok.i + 1])
            if clause is not None:
                content = _ranges(clause.subtree)
            elif source is not None and _speaker(source):
                # "Kyiv's call for air defence", "criticism of the deal by Moscow"
                content = _prep_content(tok, entry.preps())
            else:
                continue
            if content:
                self._add(cue, source, content, "noun", entry.lemma, entry.cls == "denial")

    # -- 5. stance adjectives ----------------------------------------------------------------

    def _adjectives(self) -> None:
        """ "The general has been critical of the plan", "Kyiv is confident that ..."."""
        table = cue_adjectives()
        for tok in self.doc:
            row = table.get(tok.lower_)
            if row is None or tok.i in self.used:
                continue
            preps, needs = row
            copula = tok.head
            if needs:  # "made it clear that": only with its verb
                if copula.lemma_.lower() != needs or tok.dep_ not in ("ccomp", "oprd", "acomp"):
                    continue
            elif tok.dep_ != "acomp":
                continue
            subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
            if subject is None or not _speaker(subject) or self._inside_quote(tok):
                continue
            clause = next(
                (c for c in tok.children if c.dep_ in ("ccomp", "xcomp") or _that_clause(c)),
                None,
            )
            content = _ranges(clause.subtree) if clause is not None else []
            content = content or _prep_content(tok, preps)
            if content:
                self._add([tok], subject, content, "indirect", tok.lower_)

    def _stance_people(self) -> None:
        """ "Graham, a longtime critic of the deal", "the mayor is an opponent of ...": the
        person the noun describes holds the stance."""
        for tok in self.doc:
            if tok.lemma_.lower() not in stance_people() or tok.i in self.used:
                continue
            if self._inside_quote(tok):
                continue
            holder: Token | None = None
            if tok.dep_ == "attr":  # "X is a critic of"
                holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            elif tok.dep_ == "appos":  # "X, a critic of"
                holder = tok.head
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as":  # "X, as a backer of"
                holder = _verb_source(tok.head.head) if tok.head.head.pos_ == "VERB" else None
            if holder is None or not _speaker(holder):
                continue
            content = _prep_content(tok, frozenset({"of"}))
            if content:
                self._add([tok], holder, content, "noun", tok.lemma_.lower())


# -- parse helpers -------------------------------------------------------------------------


def _verb_content(tok: Token, entry: CueWord) -> list[CharRange]:
    """What a cue verb's complement says, as the verb's frames allow."""
    kids = list(tok.children)
    if "clause" in entry.frames:
        for c in kids:
            if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and _finite(c)):
                return _ranges(_own_clause(c))
        for c in kids:
            if c.dep_ == "advcl" and _that_clause(c):  # a that-clause the parse misfiled
                return _ranges(_own_clause(c))
    if "xcomp" in entry.frames:
        for c in kids:
            if c.dep_ == "xcomp":
                return _ranges(c.subtree)
            if c.dep_ == "dobj":  # "urged Kyiv to withdraw"
                inner = next(
                    (x for x in c.children if x.dep_ in ("xcomp", "acl") and x.tag_ == "VB"), None
                )
                if inner is not None:
                    return _ranges(c.subtree)
    if "target" in entry.frames and not any(c.dep_ == "auxpass" for c in kids):
        for c in kids:
            stance = _speaker(c) or c.lemma_.lower() in stance_targets()
            # "attacked Kupiansk": a place is fought over, not argued with
            if c.dep_ == "dobj" and stance and c.ent_type_ not in ("GPE", "LOC", "FAC"):
                return _ranges(c.subtree)
    if "object" in entry.frames:
        oprd = next((c for c in kids if c.dep_ == "oprd"), None)
        for c in kids:
            if c.dep_ == "dobj" and oprd is not None:  # "called it a mistake"
                return _ranges([*c.subtree, *oprd.subtree])
            if c.dep_ == "dobj" and c.pos_ not in ("PRON",):
                return _ranges(c.subtree)
    if entry.cls in ("speech", "cognition") and any(c.dep_ == "nsubj" for c in kids):
        # "half said so", "46 percent said yes", "he never thought so"
        short = next(
            (c for c in kids if (c.lower_ == "so" and c.dep_ == "advmod") or c.dep_ == "intj"),
            None,
        )
        if short is not None:
            return _ranges([short])
    return _prep_content(tok, entry.preps() | ({"about"} if entry.speech else set()))


# prepositions whose object can be what a stance is about ("agreed on a plan")
TOPIC_PREPS = ("about", "on", "of", "for", "against", "over")


# who can hold a stance: people, bodies, and pronouns for them
SPEAKER_ENTS = ("PERSON", "ORG", "NORP", "GPE")
SPEAKER_PRONOUNS = ("i", "we", "he", "she", "they", "you")


def _that_clause(tok: Token) -> bool:
    """A clause opened by "that", whatever the parse calls it ("clear that it would ...")."""
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def _speaker(tok: Token) -> bool:
    """A person, a body, or a pronoun or noun for one: who can say or hold something."""
    return (
        tok.ent_type_ in SPEAKER_ENTS
        or tok.pos_ == "PROPN"
        or tok.lower_ in SPEAKER_PRONOUNS
        or tok.lower_ in ("some", "others", "many", "who")
        or tok.lemma_.lower() in speaker_nouns()
    )


def _antecedent(tok: Token) -> Token:
    """'Petrenko, Chief of the General Staff of the Armed Forces, who told ...': "who"
    is a person, so its antecedent is the person the phrase is about, not the nearest noun."""
    path = [tok]
    while len(path) < 6 and path[-1].head is not path[-1]:
        path.append(path[-1].head)
    return next(
        (n for n in path if n.ent_type_ == "PERSON"),
        next((n for n in path if n.lemma_.lower() in speaker_nouns()), tok),
    )


def _medium(tok: Token) -> bool:
    return tok.lemma_.lower() in media_words() or any(
        c.lower_ in media_words() for c in tok.children if c.dep_ == "compound"
    )


def _chain_link(tok: Token) -> bool:
    """'citing SHOT' passes a statement on; 'citing legal risks' gives a reason."""
    if tok.lemma_.lower() not in cite_verbs() or tok.dep_ not in ("advcl", "acl", "relcl"):
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return True
    # "the Telegram channel SHOT", "a ministry official": a source, not a reason
    return any(
        _speaker(t) or t.lemma_.lower() in media_words() or (t.is_upper and len(t) > 1)
        for t in obj.subtree
    )


def _clause_before(verb: Token) -> list[CharRange]:
    """The pattern "CONTENT, SOURCE said." read off the surface when the parse misses it: the
    verb's subject follows a comma, and before the comma stands a clause of its own."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > verb.i:
        return []
    sent = verb.sent
    comma = subj.left_edge.i - 1
    # the subject's noun phrase as written, though the parse may have cut it up
    while comma > sent.start and verb.doc[comma].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "PART"):
        comma -= 1
    if comma <= sent.start or verb.doc[comma].text != ",":
        return []
    # only the cue clause may follow: the verb ends its clause or a short adverbial does
    after = [t for t in verb.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    # (a participle may close it: "..., TASS reported, citing the ministry")
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in after):
        return []
    before = verb.doc[sent.start : comma]
    if not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG" for t in before):
        return []
    return _ranges(t for t in before if not t.is_space)


def _that_clause_after(verb: Token) -> list[CharRange]:
    """The first that-clause after the verb in its sentence, wherever the parse put it."""
    for tok in verb.doc[verb.i + 1 : verb.sent.end]:
        if tok.dep_ == "mark" and tok.lower_ == "that" and tok.head.i > tok.i:
            clause = tok.head
            if verb in clause.ancestors:
                return _ranges(_own_clause(clause))
            return []
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return []  # another verb's clause comes first
    return []


def _as_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _speaker_source(tok: Token) -> bool:
    """The verb's own subject is a speaker ("who" in a relative clause is one), or a
    participle or coordinated verb shares a speaker's subject ("..., arguing its merits",
    "she repeated the attacks and denied ...")."""
    if _has_source(tok):
        return True
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in tok.children):
        return True
    if tok.dep_ in ("advcl", "xcomp", "conj") and not any(c.dep_ in SUBJECTS for c in tok.children):
        source = _verb_source(tok)
        return source is not None and _speaker(source)
    return False


def _has_source(tok: Token) -> bool:
    """A subject that can be a source: a person, a body, or a pronoun for one."""
    for c in tok.children:
        if c.dep_ == "nsubj" and c.lower_ not in RELATIVE:
            return _speaker(c)
    return False


def _weak_content(tok: Token) -> list[CharRange]:
    """A cue verb with a named subject but none of its usual complements: its object, or
    what a preposition says it is about ("Trump agreed on a plan", "she said that")."""
    for c in tok.children:
        if c.dep_ in ("dobj", "oprd"):
            return _ranges(c.subtree)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            # "said on Tuesday", "speaking on the radio": when and how, not what about
            if obj and obj[0].ent_type_ not in ("DATE", "TIME") and not _medium(obj[0]):
                return _ranges(obj[0].subtree)
    return []


def _prep_content(tok: Token, preps: frozenset[str]) -> list[CharRange]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if obj:
                return _ranges(obj[0].subtree)
    return []


def _own_clause(top: Token) -> list[Token]:
    """A complement clause up to the next statement of the same speaker that the parse hung
    inside it: "He said the base was hit and said the rescue came late", "..., saying that"
    start statements of their own."""
    cut: set[int] = set()
    for tok in top.subtree:
        if tok is top or tok.i in cut:
            continue
        if not (_coordinated_statement(tok) or _statement_alongside(tok)):
            continue
        cut.update(t.i for t in tok.subtree)
        left = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if left is not None and (left.dep_ == "cc" or left.is_punct):
            cut.add(left.i)  # the "and" or comma before it
    return [t for t in top.subtree if t.i not in cut]


def _statement_alongside(tok: Token) -> bool:
    """A statement with a subject of its own set beside the content, not inside it:
    "supporters said the case was made, while other voters said they had heard nothing",
    "standards, which he argued ease disruption"."""
    if tok.dep_ not in ("conj", "advcl", "relcl") or tok.pos_ != "VERB":
        return False
    entry = _cue_verb(tok)
    if entry is None or not entry.speech:
        return False
    return any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE for c in tok.children)


def _coordinated_statement(tok: Token) -> bool:
    """A speech verb with no subject of its own, coordinated or a participle: it shares the
    subject of the verb whose content it was parsed into."""
    entry = _cue_verb(tok)
    if entry is None or not entry.speech or tok.pos_ != "VERB":
        return False
    if any(c.dep_ in SUBJECTS for c in tok.children):
        return False
    return tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")


def _finite(tok: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in tok.children)


def _speech_verb_with_subject(tok: Token) -> bool:
    entry = _cue_verb(tok)
    return entry is not None and entry.speech and any(c.dep_ == "nsubj" for c in tok.children)


def _cue_verb(tok: Token) -> CueWord | None:
    """The table row for a verb, also when the lemmatiser got its lemma wrong ("hoping" ->
    "hop"): then the bare forms of the word itself are tried."""
    table = cue_verbs()
    entry = table.get(tok.lemma_.lower())
    if entry is not None or tok.pos_ != "VERB":
        return entry
    word = tok.lower_
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for guess in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if guess in table:
                    return table[guess]
    return None


def _complement(tok: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)


def _verb_source(verb: Token) -> Token | None:
    """The head of the source phrase of a cue verb, following participles to their clause."""
    if _coordinated_statement(verb):
        # "he said the base was hit and said ...": the speaker of the cue above
        for above in verb.ancestors:
            if above.lemma_.lower() in cue_verbs():
                subj = next((c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if passive:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if by is not None:
                return by
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            # "X was quoted as saying": the person quoted is the source
            if subj is not None and tok is not verb:
                return subj
            if tok is verb:
                return None  # "troops have been ordered to retreat": by whom, the text omits
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
                return _antecedent(tok.head) if subj.lower_ == "who" else tok.head
            if tok is not verb and not (_speaker(subj) or subj.is_title or subj.pos_ == "PRON"):
                return None  # "no evidence has emerged to confirm": evidence says nothing
            return subj
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "officials saying that ...", not "a term used to describe ..."
            return tok.head if _speaker(tok.head) else None
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep") or tok.dep_ == "ccomp":
            tok = tok.head
            if tok.dep_ == "prep":  # "quoted the president as saying": as -> quoted
                tok = tok.head
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            continue
        return None
    return None


def _cue_tokens(verb: Token) -> list[Token]:
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


def _np_tokens(head: Token, cue: Token | None = None) -> list[Token]:
    """The source phrase: the head's subtree without the cue's clause, around the head.

    A relative clause holding the cue ("officials, who warned that ...") is not part of the
    phrase that names the source.
    """
    skip = {t.i for t in cue.subtree} if cue is not None and cue.i != head.i else set()
    if head.i in skip:
        skip = set()
    # "said Beck, who said there were ...": a statement of its own, not a description
    for tok in head.subtree:
        if tok.dep_ == "relcl" and tok.lemma_.lower() in cue_verbs() and _complement(tok):
            skip.update(t.i for t in tok.subtree)
    lo, hi = run_around(head, {t.i for t in head.subtree} - skip)
    return list(head.doc[lo : hi + 1])


def _np_range(doc: Doc, head: Token, cue: Token | None = None) -> CharRange | None:
    toks = _np_tokens(head, cue)
    if len(toks) > 1 and toks[-1].dep_ == "case":
        toks = toks[:-1]  # "Kyiv's call": the source is Kyiv
    return _trim(doc.text, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _rest_of_clause(tok: Token, removed: set[int]) -> list[CharRange]:
    """The clause a phrase is attached to, in the phrase's sentence, without the phrase."""
    clause = _clause_of(tok)
    if clause is None:
        return []
    sent = tok.sent
    return _ranges(
        t
        for t in clause.subtree
        if t.i not in removed and sent.start <= t.i < sent.end and not t.is_space
    )


def _clause_of(tok: Token) -> Token | None:
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


def _tokens_in(doc: Doc, ranges: Sequence[CharRange]) -> list[Token]:
    return [doc[i] for i in sorted(content_tokens(doc, ranges))]


def _ranges(tokens: Iterable[Token]) -> list[CharRange]:
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


def _trim(text: str, start: int, end: int) -> CharRange | None:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return (start, end) if end > start else None


def _token_at_or_after(doc: Doc, starts: list[int], char: int) -> int | None:
    i = bisect_left(starts, char)
    return i if i < len(doc) else None


def _token_before(doc: Doc, starts: list[int], char: int) -> int | None:
    """The last token ending before `char`, skipping white space."""
    i = bisect_right(starts, char) - 1
    while i >= 0 and (doc[i].idx + len(doc[i].text) > char or doc[i].is_space):
        i -= 1
    return i if i >= 0 else None


def _set_parents(found: list[Attribution]) -> None:
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
