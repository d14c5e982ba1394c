"""Find attributions (cue, source, content) on a parsed Doc.

Citron's plan (cue, source and content found, then joined), done with spaCy's dependency
parse and the cue tables in data/sources/. The passes run in this order, each claiming the
tokens it uses so that no later pass reads the same words twice:

1. direct quotes with a speech verb right before or after them ("'...,' said X", "X said: '...'"),
   the rest of a quote split around its cue, and a name before a colon ("Jones: '...'");
2. colons after a name ("Trump: Cruz has a long way to go") and transcript labels ("TAPPER: ...");
3. prepositional cues ("according to X", "in his view", "in a CBS poll") and hearsay adverbs
   ("reportedly");
4. set phrases ("took issue with", "pushed back on"), from cue_idioms.txt;
5. cue verbs with the complement their row in cue_verbs.txt allows: a that-clause, an
   infinitive, an object, an "as" phrase, a preposition's object, the subject of a passive, the
   noun a relative clause or participle describes, or the clause a parenthetical cue sits in;
6. cue nouns ("the ministry's claim that ...", "Kyiv's call for ..."), also with a light verb
   ("voiced support for") or a receiving one ("won praise from");
7. stance adjectives and phrases ("critical of", "against"), people named by their stance
   ("a critic of the deal");
8. last, a headline the parse could not read (attribution_headlines).

Where to read what: attribution_speakers (who can hold a view; which phrase is the source),
attribution_content (what a cue takes as content), attribution_grammar (clause shapes),
attribution_spans (character ranges).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from claimledger.sources.attribution_content import (
    about_verb,
    bare_cue,
    clause_adjective,
    clause_before,
    idiom_content,
    infinitive,
    parenthetical,
    prep_content,
    seeming,
    that_clause_after,
    that_noun,
    that_verb,
    verb_content,
    weak_content,
)
from claimledger.sources.attribution_grammar import (
    DASHES,
    RELATIVE,
    SUBJECTS,
    TOPIC_FRAMES,
    as_clause,
    cue_verb,
    hypothetical,
    imperative,
    impersonal,
    speech_verb_with_subject,
    that_clause,
    verb_read_as_modifier,
    verb_read_as_noun,
)
from claimledger.sources.attribution_headlines import headline_cues, present_tense_cue
from claimledger.sources.attribution_perspective import named_before_colon, perspective
from claimledger.sources.attribution_spans import (
    DROPPED,
    char_ranges,
    clause_of,
    closing_phrase,
    cue_tokens,
    drop_own_asides,
    phrase_start,
    rest_of_clause,
    set_parents,
    token_at_or_after,
    token_before,
    tokens_in,
    trim_range,
)
from claimledger.sources.attribution_speakers import (
    chain_link,
    has_source,
    named_subject,
    naming_participle,
    np_range,
    np_tokens,
    received_from,
    speaker,
    speaker_source,
    verb_source,
)
from claimledger.sources.cues import (
    CueWord,
    cite_verbs,
    cue_adjectives,
    cue_idioms,
    cue_nouns,
    cue_phrases,
    cue_verbs,
    document_nouns,
    headline_labels,
    hearsay_adverbs,
    light_verbs,
    receiving_verbs,
    stance_nouns,
    stance_people,
)
from claimledger.sources.denials import is_denial
from claimledger.sources.quotes import find_quotes
from claimledger.sources.types import Attribution, CharRange

# "in his view", "in the ministry's words"
OPINION_NOUNS = ("view", "opinion", "words", "estimate", "estimation", "assessment", "judgment")


NOMINAL = ("NOUN", "PROPN")
# how far from a quote its cue may stand, in tokens ("..., Mr. Roe, now 81 and retired in
# Lviv, said by telephone")
QUOTE_REACH = 20


def find_attributions(doc: Doc) -> list[Attribution]:
    return _Finder(doc).run()


def _fold(outer: Attribution, inner: Attribution) -> None:
    """Make two attributions of one statement one: the cue runs from the outer verb to the
    inner word, the outer speaker says what the inner one says; the outer is dropped."""
    inner.cue = (outer.cue[0], inner.cue[1])
    inner.source = outer.source
    inner.source_written = outer.source_written
    outer.cue = DROPPED


# a possessive that stands for the speaker of the verb around it ("repeated its claim")
POSSESSIVE = frozenset({"his", "her", "its", "their", "our", "my"})


def _named(tok: Token) -> bool:
    """A person or a body by name, not a place ("Clinton", "Kremlin"; not "Kharkiv")."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC")


def _asked(verb: Token) -> bool:
    """ "when asked about the dam", "asked whether ...": a passive participle with no
    subject, the question put to the speaker of the sentence."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "auxpass", "agent") for c in verb.children
    )  # ('"...," written by a soldier': the agent wrote it)


def _modified(noun: Token) -> bool:
    """A noun with a modifier that makes it a kind of thing: "artillery support", "air support",
    "military support for Ukraine" are help in war, not a stance ("growing opposition" is)."""
    return any(
        c.dep_ == "compound" or (c.dep_ == "amod" and c.tag_ not in ("VBG", "VBN"))
        for c in noun.children
    )


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]  # token offsets, to look tokens up by character
        # Doc.text joins every token on each call: read it once
        self.text = doc.text
        self.quotes = [q for q in find_quotes(self.text) if q[1] - q[0] > 2]
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
        self._idioms()
        self._verbs()
        self._verbs_read_as_nouns()
        self._nouns()
        self._adjectives()
        self._stance_people()
        self._stance_phrases()
        self._perspectives()
        self._headline()  # last: only a headline no other pass could read
        self._merge_issued()
        self._merge_said_by()
        self.found.sort(key=lambda a: a.cue[0])
        set_parents(self.found)
        return drop_own_asides(self.text, self.found)

    def _merge_issued(self) -> None:
        """ "The ministry released a statement saying the bridge was hit", "issued a warning
        that the dam could fail": one statement, made by putting out a text. The verb, its
        text and what the text says are one attribution, the cue running from the verb to
        the word that introduces what is said."""
        heads = {id(a): self._cue_token(a) for a in self.found}
        for issued in list(self.found):
            verb = heads[id(issued)]
            if (
                verb is None
                or issued.cue == DROPPED
                or issued.source is None
                or verb.pos_ not in ("VERB", "AUX")
            ):
                continue
            row = cue_verbs().get(issued.cue_lemma)
            text = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if row is None or text is None:
                continue
            kind = text.lemma_.lower()
            if kind not in document_nouns() and kind not in cue_nouns():
                continue
            # a verb that puts out a text ("released a statement saying"), or one of words
            # writing one ("wrote an op-ed urging"); not a denial of one ("denied the report,
            # saying ...": two statements) nor a citation (a chain: "citing a report that")
            writes = row.cls == "speech" and kind in document_nouns()
            if "document" not in row.frames and not writes:
                continue
            if issued.cue_lemma in cite_verbs():
                continue
            for said in self.found:
                tok = heads[id(said)]
                if said is issued or tok is None or said.source not in (None, issued.source):
                    continue
                on_text = tok == text or (tok.head == text and tok.dep_ in ("acl", "relcl"))
                # "released a statement on Wednesday saying ...": hung on the verb instead
                trailing = tok.head == verb and tok.dep_ == "advcl" and tok.i > text.i
                if not (on_text or trailing) or tok.tag_ not in ("VBG", "VBD", "VBZ", "NN"):
                    continue
                _fold(issued, said)
                break
        self.found = [a for a in self.found if a.cue != DROPPED]

    def _merge_said_by(self) -> None:
        """ "He explained the delay by saying the bridge was out", "the ministry repeated its
        claim that ...": one statement, the first verb telling how it was made. The cue runs
        from that verb to the word that introduces what is said."""
        heads = {id(a): self._cue_token(a) for a in self.found}
        for outer in list(self.found):
            verb = heads[id(outer)]
            row = cue_verbs().get(outer.cue_lemma)
            if verb is None or outer.source is None or row is None or not row.speech:
                continue
            if row.cls == "denial" or outer.cue == DROPPED or outer.negated:
                continue  # ("denied the claim that ...": the denial is the statement)
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            for inner in self.found:
                tok = heads[id(inner)]
                if inner is outer or tok is None or inner.cue == DROPPED:
                    continue
                by = tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head == verb
                # "repeated its claim that": the claim is the speaker's own ("its")
                own = (
                    inner.source is None
                    or self.text[inner.source[0] : inner.source[1]].lower() in POSSESSIVE
                )
                noun = obj is not None and tok == obj and inner.kind == "noun" and own
                if not ((by and inner.source in (None, outer.source)) or noun):
                    continue
                _fold(outer, inner)
                break
        self.found = [a for a in self.found if a.cue != DROPPED]

    def _cue_token(self, a: Attribution) -> Token | None:
        """The last word of an attribution's cue ("said" of "has also said")."""
        span = self.doc.char_span(a.cue[0], a.cue[1], alignment_mode="expand")
        return span[-1] if span is not None and len(span) else None

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
        source_words: Sequence[Token] = (),
    ) -> None:
        """One attribution; `source_words`, when given, are the source as written where the
        parse gives no phrase to read it from (a title-case headline, the subject of a
        parenthetical it missed, the "self" of "self-described")."""
        ranges = tuple(r for r in (trim_range(self.text, s, e) for s, e in sorted(content)) if r)
        if (
            not ranges
            or (source is not None and source.lower_ == "you")
            or hypothetical(cue[-1])
            or impersonal(cue[-1])
            or imperative(cue[-1])
        ):
            return  # "if you look at it", "if voters backed him", "it is safe to say": nobody
            # claims anything
        if cue[0].i > 0 and self.doc[cue[0].i - 1].text in ("<", "</"):
            return  # a tag's name in markup left in the text ("<tweet author=...>"), not prose
        if source is not None and source.ent_type_ in ("DATE", "TIME"):
            source = None  # "Nov. 20": a parse that took the date for the speaker
        src = np_range(self.text, source, cue[-1]) if source is not None else None
        if source_words:
            first, last = source_words[0], source_words[-1]
            src = trim_range(self.text, first.idx, last.idx + len(last.text))
            self.used.update(t.i for t in source_words)
        cue_range = (cue[0].idx, cue[-1].idx + len(cue[-1].text))
        negated = any(c.dep_ == "neg" for t in cue for c in t.children)
        relative = next(
            (
                c
                for c in cue[-1].children
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE and c != source
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
            self.used.update(t.i for t in np_tokens(source, cue[-1]))

    # -- 1. direct quotes ----------------------------------------------------------------

    def _quotes(self) -> None:
        doc = self.doc
        for n, (start, end) in enumerate(self.quotes):
            if n in self.quote_used:
                continue
            inner = doc.char_span(start, end, alignment_mode="contract")
            words = sum(1 for t in inner if t.is_alpha) if inner is not None else 0
            if words < 3:
                # a scare-quoted word or title is no speech, unless the comma (or the "!" or
                # "?") of speech and its verb follow ('"Debate recap," tweeted a spokesman',
                # '"Hold on!" the commander shouted')
                if not words or self.text[end - 2 : end - 1] not in (",", "!", "?"):
                    continue
                cue = self._cue_after(end)
                before = token_before(doc, self.starts, start)
                if cue is None and before is not None and doc[before].text in (",", ":"):
                    cue = self._cue_before(start)  # 'said, "We'll see," when asked ...'
            else:
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
                cue_tokens(verb),
                self._quote_source(verb, n),
                content,
                "direct",
                entry.lemma,
                entry.cls == "denial",
            )

    def _quote_source(self, verb: Token, n: int) -> Token | None:
        """The speaker of a quote stands outside it: a parse may take a noun inside the quote
        for the subject of "said" ('"The convoy left," said an officer')."""
        source = verb_source(verb)
        if source is None and verb.idx > self.quotes[n][1]:
            return self._named_after(verb)
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

    def _named_after(self, verb: Token) -> Token | None:
        """'"...," said Robin Maynard, half joking': the speaker after the verb, which the
        parse gave to another word; the last word of the name right after the verb."""
        run = []
        for tok in self.doc[verb.i + 1 : verb.i + 6]:
            if tok.pos_ != "PROPN":
                break
            run.append(tok)
        return run[-1] if run and speaker(run[-1]) else None

    def _colon_quote(self, n: int, start: int, end: int) -> None:
        """'Karadsheh described the scene: "Roads were blocked ..."': the predicate before the
        colon, up to the colon, is the cue."""
        last = token_before(self.doc, self.starts, start)
        if last is None or self.doc[last].text != ":" or last in self.used:
            return
        colon = self.doc[last]
        name = self.doc[last - 1] if last > 0 else None
        if name is not None and name.pos_ == "PROPN" and name.i not in self.used:
            before = self.doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
            if before is None or before.is_punct or before.is_space:
                # "... - Carl Bialik: '...'", "Jones: '...'": a name standing before the colon
                self.quote_used.add(n)
                self._add([colon], name, [(start, end)], "direct", ":")
                return
        root = colon.sent.root
        named = named_before_colon(colon)
        if named is not None and named.i not in self.used and cue_verb(root) is None:
            # "... surprised no one less than pollster Ann Lee: '...'": the name is the speaker
            self.quote_used.add(n)
            self._add([colon], named, [(start, end)], "direct", ":")
            return
        if root.i > colon.i:
            # the parse may hang the clause before the colon on the quote's verb ("The
            # ministry was blunt: '...'"): its own root is the highest word before the colon
            lead = [t for t in colon.sent if t.i < colon.i and not (t.head.i < colon.i)]
            root = next((t for t in lead if t.pos_ in ("VERB", "AUX")), root)
            if root.i > colon.i:
                return
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        if subject is None or self.quote_of[subject.i] >= 0:
            return
        if subject.i > root.i and not speaker(subject):
            return  # ("Here is the plan: '...'")
        if any(t.text in DASHES for t in self.doc[root.i : colon.i]):
            return  # ("... has been important - Philip Bump: '...'": a label after the dash)
        self.quote_used.add(n)
        # "Here is the governor in December: '...'": the colon alone, the name after the verb
        first = colon.i if subject.i > root.i else cue_tokens(root)[0].i
        cue = list(self.doc[first : colon.i + 1])
        self._add(cue, subject, [(start, end)], "direct", root.lemma_.lower())

    def _colons(self) -> None:
        """A headline or lead of the form 'Trump: Cruz has a long way to go', and a
        transcript's speaker labels ('TAPPER: Do you think ...')."""
        headline_end = self.text.find("\n")
        for tok in self.doc:
            if tok.text != ":" or tok.i in self.used or self.quote_of[tok.i] >= 0:
                continue
            sent = tok.sent
            left = [t for t in self.doc[sent.start : tok.i] if not t.is_punct and not t.is_space]
            if not 1 <= len(left) <= 6 or any(t.pos_ in ("VERB", "AUX") for t in left):
                continue
            if any(present_tense_cue(t) for t in left[1:]):
                continue  # "Fiorina Endorses Cruz: ...": a headline's clause, not a name
            head = next(
                (t for t in left if t.head.i >= tok.i or t.head == t or t.head not in left),
                left[-1],
            )
            if any(t.lower_ in headline_labels() for t in left):
                continue  # "Breaking: ...", "The Latest: ...", "UPDATE: ..."
            # a transcript's speaker label ("TAPPER: ...", "Q: ...", "A: ...") is a speaker
            # whatever the parse says, and what follows to the paragraph's end is theirs
            if len(left) == 1 and len(left[0]) == 1:
                continue
            if len(left) <= 3 and all(t.is_upper and t.is_alpha for t in left):
                right = self._paragraph_after(tok)
                if any(t.is_alpha for t in right):
                    self._add([tok], head, char_ranges(right), "indirect", ":")
                continue
            right = [t for t in self.doc[tok.i + 1 : sent.end] if not t.is_space]
            if not right:
                # the parse ended the sentence at the colon ("Coulter: | And Then There Was
                # One"): what follows on the same line is still what the name says
                right = self._rest_of_line(sent.end)
            # a headline's name may be tagged as anything ("Sanders: ..." as a plural noun)
            titled = len(left) <= 3 and all(t.is_title or t.is_upper for t in left)
            if not (left[0].pos_ == "PROPN" or titled):
                continue
            if not 0 <= tok.idx < headline_end:
                # in the body a colon after a name may end a dateline or a list's lead
                if not any(t.pos_ in ("VERB", "AUX") for t in right):
                    continue
                if any(speech_verb_with_subject(t) for t in right):
                    continue  # "Zaporizhzhia: the administration says ...": a dateline
                if head.lemma_.lower() in cue_nouns():
                    continue  # "Exclusive Report: ..." is a label, not a speaker
                words = [t for t in right if not t.is_punct]
                if words and words[0].tag_ == "VB":
                    continue  # "Bush: Survive to S.C.": a subhead's advice, not his words
            if not (titled or speaker(head)):
                continue
            self._add([tok], head, char_ranges(right), "indirect", ":")

    def _rest_of_line(self, start: int) -> list[Token]:
        """The sentence starting at token `start`, when it starts on the line before it."""
        if start >= len(self.doc) or "\n" in self.doc[start - 1].whitespace_:
            return []
        return [t for t in self.doc[start].sent if not t.is_space]

    def _paragraph_after(self, tok: Token) -> list[Token]:
        """The words after tok to the end of its paragraph."""
        out = []
        for t in self.doc[tok.i + 1 :]:
            if t.is_space and "\n" in t.text:
                break
            out.append(t)
        return [t for t in out if not t.is_space]

    def _headline(self) -> None:
        """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": see attribution_headlines."""
        for found in headline_cues(self.doc, self.text, self.used):
            entry = found.entry
            self._add(
                found.cue,
                None,
                char_ranges(found.content),
                "indirect",
                entry.lemma,
                entry.cls == "denial",
                source_words=found.source,
            )

    def _speech_verb(self, tok: Token) -> CueWord | None:
        """A verb that can report a quote ("said", "added", "mocked"), not one that only
        says what a talk was about ("spoke with", "talked about")."""
        entry = cue_verb(tok)
        if entry is None or not entry.speech or tok.pos_ not in ("VERB", "AUX"):
            return None
        if entry.frames <= TOPIC_FRAMES:
            return None
        if tok.i in self.used or self._inside_quote(tok):
            return None
        return entry

    def _cue_after(self, end: int) -> tuple[Token, CueWord] | None:
        """'"...," said the ministry' or '"...," the ministry said'."""
        doc = self.doc
        first = token_at_or_after(doc, self.starts, end)
        if first is None:
            return None
        closing = self.text[max(0, end - 2) : end - 1]
        if closing == ".":
            # English turns the full stop into a comma when a cue follows; a short
            # '"..." Trump said.' is still a cue, a new sentence is not
            return self._short_cue_after(first)
        # '"Stop!" he shouted' goes on in lower case or with the verb; a new sentence does not
        goes_on = doc[first].is_lower or doc[first].pos_ == "VERB"
        verb_next = any(self._speech_verb(t) for t in doc[first : first + 3])
        if closing in ("!", "?") and not goes_on and not verb_next:
            # '"How are you?" Miller, a volunteer, said into the phone.': a bare cue clause
            return self._short_cue_after(first)
        for tok in doc[first : first + QUOTE_REACH]:
            if tok.is_quote or (tok.is_sent_start and tok.i > first and tok.text not in ","):
                break
            if tok.text in ".!?":
                break
            entry = self._speech_verb(tok)
            if entry is not None:
                # the verb must not have content of its own after the quote
                # ("said Robin Maynard, half joking": a manner the parse took for a clause)
                if any(c.dep_ == "ccomp" and c.idx > end and c.tag_ != "VBG" for c in tok.children):
                    return None
                if _asked(tok):
                    return None  # '"...," when asked about the dam': the question, not the cue
                return tok, entry
        return None

    def _short_cue_after(self, first: int) -> tuple[Token, CueWord] | None:
        """'"...." Trump said.', '"...." Miller, a volunteer, said into the phone.': a
        subject and a speech verb with nothing of its own to say, then the end of the
        sentence."""
        doc = self.doc
        for tok in doc[first : first + QUOTE_REACH]:
            entry = self._speech_verb(tok)
            if entry is not None:
                return (tok, entry) if bare_cue(tok) else None
            if tok.text in ".!?" or tok.is_quote:
                return None
        return None

    def _cue_before(self, start: int) -> tuple[Token, CueWord] | None:
        """'The ministry said: "..."', 'he told reporters, "..."'."""
        doc = self.doc
        last = token_before(doc, self.starts, start)
        if last is None:
            return None
        if doc[last].text == ".":
            # 'Lau said in a statement. "There are no ballots to recount."'
            verb = doc[last].sent.root
            entry = self._speech_verb(verb)
            if entry is not None and bare_cue(verb) and has_source(verb):
                return verb, entry
            return None
        if doc[last].text not in (":", ",") and not self._speech_verb(doc[last]):
            return None
        lo = max(0, last - QUOTE_REACH)
        for tok in reversed(doc[lo : last + 1]):
            if tok.is_quote or tok.text in ".!?" or tok.text in DASHES or "\n" in tok.text:
                break  # ("Pollsters agree - Bialik: ...": a dash or a line break ends it)
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
        between = self.text[verb.idx : start]
        # only the cue clause and its full stop or comma may lie between the two parts
        if start > sent_end + 3 and "\n" not in self.text[sent_end:start]:
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
                written: list[Token] = []
                if source is None:
                    # a name that swallows the full stop ("according to the F.A.A." before a
                    # paragraph break) leaves the parse with no object: the words after it are
                    written = self._phrase_after(cue[-1])
                    source = next((t for t in reversed(written) if t.pos_ in NOMINAL), None)
                if source is None:
                    continue
                removed = {t.i for t in (*cue, *source.subtree, *written)}
                content = closing_phrase(cue[0], removed) or rest_of_clause(cue[0], removed)
                self._add(
                    cue, source, content, "according_to", " ".join(phrase), source_words=written
                )
        self._views()
        self._documents()
        self._hearsay()

    def _phrase_after(self, tok: Token) -> list[Token]:
        """The few words after tok that end its sentence, if nothing else follows them."""
        out = [t for t in self.doc[tok.i + 1 : tok.sent.end] if not t.is_space]
        if not 0 < len(out) <= 6 or any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in out):
            return []
        return out

    def _hearsay(self) -> None:
        """ "The commander reportedly fled": a claim whose source the text does not name."""
        for tok in self.doc:
            if tok.lower_ not in hearsay_adverbs() or tok.i in self.used:
                continue
            if self._inside_quote(tok) or tok.head.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            clause = tok.head
            if clause.dep_ in ("amod", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
                # "the allegedly stolen car": the phrase the participle belongs to
                clause = clause.head
            content = char_ranges(t for t in clause.subtree if t != tok and not t.is_space)
            self._add([tok], None, content, "indirect", tok.lower_)

    def _documents(self) -> None:
        """ "In a CBS poll, she led by 20 points": a poll or a record heading its clause is
        its source, as "according to" would make it."""
        for tok in self.doc:
            if tok.lower_ != "in" or tok.dep_ != "prep" or self._inside_quote(tok):
                continue
            noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
            kind = document_nouns().get(noun.lemma_.lower(), "") if noun is not None else ""
            if noun is None or kind not in ("poll", "record") or noun.i in self.used:
                continue
            # only heading the clause: "she led in the polls" is where, not who says so
            verb = clause_of(tok)
            if verb is None or verb.i < tok.i or tok.i > verb.sent.start + 1:
                continue
            speaks = cue_verb(verb) is not None and has_source(verb)
            if speaks and (kind == "record" or named_subject(verb)):
                # "in the footage, the commander says": the commander speaks; "in a poll of
                # 800 voters, Democracy Corp found": the pollster, not its respondents
                continue
            content = rest_of_clause(tok, {t.i for t in tok.subtree})
            self._add([tok], noun, content, "according_to", "in")

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
            content = rest_of_clause(tok, {t.i for t in tok.subtree})
            self._add([tok, noun], owner, content, "according_to", noun.lemma_.lower())

    # -- 3. set phrases and cue verbs --------------------------------------------------------

    def _idioms(self) -> None:
        """ "took issue with the plan", "pushed back on the claim", "laid out the case"."""
        table = cue_idioms()
        for tok in self.doc:
            rows = table.get(tok.lemma_.lower())
            if rows is None or tok.pos_ != "VERB" or tok.i in self.used:
                continue
            if self._inside_quote(tok) or any(c.dep_ == "auxpass" for c in tok.children):
                continue
            # "did not respond to requests for comment" is kept, negated: on record as saying
            # nothing, like "has not commented on" (the sources stage makes no claim of it)
            for row in rows:
                found = idiom_content(tok, row)
                if found is None:
                    continue
                last, content = found
                source = verb_source(tok)
                if source is None:
                    break  # ("to push for a platform": whose push, the phrase does not say)
                cue = list(self.doc[cue_tokens(tok)[0].i : max(tok.i, last.i) + 1])
                self._add(cue, source, content, "indirect", tok.lemma_.lower())
                break

    def _verbs(self) -> None:
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in self.used:
                continue
            entry = cue_verb(tok) or that_verb(tok) or about_verb(tok)
            if entry is None or self._inside_quote(tok) or tok.ent_type_ == "GPE":
                continue  # ("calling for the United States to act": no verb "state")
            if chain_link(tok):
                continue  # "Life, citing Mash, wrote": a link of the chain, not a claim
            if self._manner(tok):
                continue  # '"...," said the commander, half joking': how he said it
            if naming_participle(tok):
                continue  # "a group called Free Russia": a name, not anyone's claim
            subject = verb_read_as_modifier(tok)
            if subject is not None:
                rest = [t for t in self.doc[tok.i + 1 : tok.sent.end] if not t.is_space]
                self._add([tok], subject, char_ranges(rest), "indirect", entry.lemma)
                continue
            if tok.dep_ == "amod" and tok.tag_ not in ("VBD", "VBZ", "VBP"):
                self._self_described(tok, entry)
                continue  # "pledged delegates": an adjective (a finite form is a misparse)
            ranges = verb_content(tok, entry)
            if (
                not ranges
                and entry.speech
                and tok.dep_ in ("parataxis", "advcl")
                and has_source(tok)
                and not any(c.dep_ == "mark" for c in tok.children)
            ):
                # parenthetical: "The convoy, the officer claims, is heading north ..."
                own = {t.i for t in tok.subtree}
                ranges = char_ranges(t for t in tok.head.subtree if t.i not in own)
            aside: list[Token] = []
            if not ranges and entry.cls in ("speech", "cognition"):
                aside, ranges = parenthetical(tok)  # the same, read off the commas
            if not ranges and (entry.speech or entry.cls == "evidence"):
                # "Troops pushed into the town, the agency TASS reported", parsed amiss;
                # "..., a poll finds"
                ranges = clause_before(tok)
            if not ranges and entry.cls in ("speech", "cognition") and has_source(tok):
                # "said in one of a series of messages that ...": the that-clause hung lower
                ranges = that_clause_after(tok)
            # "as Reuters reported, the bridge was hit" (not "as people continue to cross": the
            # verb's complement is gone, the main clause fills it)
            gapped = not any(
                c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "dobj" and c.lower_ != "it")
                for c in tok.children
            )
            reads = "clause" in entry.frames and as_clause(tok) and has_source(tok)
            if not ranges and reads and gapped:
                ranges = rest_of_clause(tok, {t.i for t in tok.subtree})
            # (not for evidence verbs: "the FSB found a cache" is an event, not a finding)
            loose = entry.cls not in ("evidence", "appearance")
            if (
                not ranges
                and loose
                and speaker_source(tok)
                # (nor when the row names the only objects it takes: "released prisoners")
                and not {"quote", "target", "document", "thing", "strict"} & entry.frames
                # "had not seen the movie": seeing a thing is no view of it
                and entry.lemma != "see"
            ):
                ranges = weak_content(tok)
            source = verb_source(tok)
            if entry.cls == "appearance":
                # "his voice seemed weaker", "both appear to have got the memo": how a thing
                # seems is said of it, by no one the text names
                ranges, source = seeming(tok, ranges), None
            if not ranges:
                continue
            kind = "indirect"
            if any(self.quote_of[t.i] >= 0 for t in tokens_in(self.doc, ranges)):
                kind = "mixed"
            self._add(
                [tok] if aside else cue_tokens(tok),
                source,
                ranges,
                kind,
                entry.lemma,
                entry.cls == "denial",
                source_words=aside if source is None else (),
            )

    def _verbs_read_as_nouns(self) -> None:
        """ "The plane flew 216 hours, records show." with "show" parsed as a noun: the clause
        before the comma, and what follows a parenthetical cue or its "that", is the content."""
        for tok in self.doc:
            subject = verb_read_as_noun(tok) if tok.i not in self.used else None
            if subject is None or subject.i in self.used or self._inside_quote(tok):
                continue
            sent = tok.sent
            start = phrase_start(subject)
            content: list[Token] = []
            if start > sent.start and self.doc[start - 1].text == ",":
                content += self.doc[sent.start : start - 1]
            rest = [t for t in self.doc[tok.i + 1 : sent.end] if not t.is_space]
            # (not "..., records show, and experts say ...": a clause of its own follows)
            joined = len(rest) > 1 and rest[1].dep_ == "cc"
            if rest and (rest[0].text == "," or rest[0].lower_ == "that") and not joined:
                content += rest[1:]
            if any(t.pos_ in ("VERB", "AUX") for t in content):
                self._add([tok], subject, char_ranges(content), "indirect", tok.lemma_.lower())

    def _manner(self, tok: Token) -> bool:
        """A participle after a cue another pass took, with nothing of its own to say
        ("smiling", "half joking"; not "adding that ...")."""
        head = tok.head
        return (
            tok.tag_ == "VBG"
            and head.i in self.used
            and head.i < tok.i
            and not any(c.dep_ in ("ccomp", "xcomp", "dobj", "prep") for c in tok.children)
        )

    def _self_described(self, tok: Token, entry: CueWord) -> None:
        """ "a self-described socialist", "the self-proclaimed leader": the person's own claim
        about themselves; "self" stands for the source as written."""
        described = [c for c in tok.children if c.lower_ == "self"]
        if not described or tok.head.pos_ not in ("NOUN", "PROPN"):
            return
        noun = tok.head
        content = [t for t in self.doc[tok.i + 1 : noun.i + 1]]
        cue = list(self.doc[described[0].i : tok.i + 1])
        self._add(cue, None, char_ranges(content), "indirect", entry.lemma, source_words=described)

    # -- 4. cue nouns ----------------------------------------------------------------------

    def _nouns(self) -> None:
        nouns = cue_nouns()
        for tok in self.doc:
            if tok.pos_ != "NOUN" or tok.i in self.used:
                continue
            entry = nouns.get(tok.lemma_.lower()) or that_noun(tok)
            if entry is None or self._inside_quote(tok):
                continue
            prep = tok.head if tok.dep_ == "pobj" else None
            if prep is not None and prep.dep_ == "prep" and prep.head.i in self.used:
                continue  # "says in a statement that ...": how the cue's speaker said it
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
            if source is None:
                # "Republican opposition to the plan", "Kremlin denials of the strike"
                source = next(
                    (
                        c
                        for c in tok.children
                        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "ORG", "GPE")
                    ),
                    None,
                )
            cue = [tok]
            verb = tok.head
            light = (
                tok.dep_ == "dobj"
                and verb.lemma_.lower() in light_verbs()
                and verb.i not in self.used
            )
            if light and received_from(tok, verb):
                light = False  # "Cruz has the backing of evangelicals": theirs, not his
            doer = verb_source(verb) if light and source is None else None
            if doer is not None and speaker(doer):
                # "the general made comments about the retreat", "Kyiv voiced support for",
                # "..., delivering a blistering critique of the plan"
                source = doer
                cue = list(self.doc[cue_tokens(verb)[0].i : tok.i + 1])
            if clause is None and tok.dep_ == "nsubj" and verb.lemma_ == "be":
                # "his contention was that ...", "the fear is that ..."
                clause = next((c for c in verb.children if that_clause(c)), None)
            if clause is not None and (source is not None or tok.lemma_.lower() in nouns):
                # (a noun outside the tables needs its holder: "the idea that" is no one's)
                content = char_ranges(clause.subtree)
            elif source is not None and speaker(source):
                # "Kyiv's call for air defence", "criticism of the deal by Moscow"
                target = "target" in entry.frames
                content = prep_content(tok, entry.preps(), target)
                if not content and light:  # "voiced support for": the parse may hang it on the verb
                    content = prep_content(verb, entry.preps(), target)
                if not content:
                    content = infinitive(tok)  # "Kyiv's refusal to negotiate"
                if not content and self._received(tok, entry):
                    continue  # "the merger drew criticism from Democrats": about the merger
            else:
                if self._received(tok, entry) or source is not None:
                    continue
                if entry.lemma not in stance_nouns() or _modified(tok):
                    continue
                # "opposition to the deal has grown", "calls for a ceasefire": a stance on
                # record, held by people the text leaves unnamed, on what the preposition names
                content = prep_content(tok, entry.preps(), "target" in entry.frames)
                content = content or infinitive(tok)  # "calls to boycott the vote"
            if content:
                self._add(cue, source, content, "noun", entry.lemma, entry.cls == "denial")

    def _received(self, tok: Token, entry: CueWord) -> bool:
        """ "The plan won praise from Kyiv", "the bill has the backing of most senators": the
        stance's holder is the object of from/of/by, what it is about the verb's subject."""
        verb = tok.head
        if tok.dep_ != "dobj" or verb.lemma_.lower() not in receiving_verbs():
            return False
        if verb.i in self.used or entry.cls == "denial":
            return False
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        holder = received_from(tok, verb)
        if subject is None or subject.lower_ in RELATIVE:
            return False
        if holder is None:
            # "the program drew criticism", "Cruz faced criticism for the loans": a stance
            # of people the text leaves unnamed ("has support" tells how much, not whose)
            stance = entry.lemma in stance_nouns() and not _modified(tok)
            if not stance or verb.lemma_ == "have":
                return False
        cue = list(self.doc[cue_tokens(verb)[0].i : tok.i + 1])
        self._add(cue, holder, char_ranges(subject.subtree), "noun", entry.lemma)
        return True

    # -- 5. stance adjectives ----------------------------------------------------------------

    def _adjectives(self) -> None:
        """ "The general has been critical of the plan", "Kyiv is confident that ..."."""
        table = cue_adjectives()
        for tok in self.doc:
            row = table.get(tok.lower_)
            if row is None and tok.pos_ == "ADJ" and clause_adjective(tok):
                row = (frozenset[str](), "")  # "is adamant that", "was unsure why"
            if row is None or tok.i in self.used:
                continue
            preps, needs = row
            copula = tok.head
            # "Republicans, concerned about the party's appeal, ...": an adjective after the
            # noun it describes, with no copula between
            postposed = tok.dep_ == "amod" and copula.i < tok.i and not needs
            # "Alarmed by the unrest, the senator called for calm": a participle opening the
            # sentence describes the main clause's subject
            fronted = (
                tok.dep_ == "advcl"
                and not needs
                and tok.i < copula.i
                and tok.left_edge.i == tok.sent.start
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)
            )
            # "Officials were thrilled with the result": the parse reads a passive verb
            passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
            if needs:  # "made it clear that": only with its verb
                if copula.lemma_.lower() != needs or tok.dep_ not in ("ccomp", "oprd", "acomp"):
                    continue
            elif passive:
                copula = tok
            elif tok.dep_ != "acomp" and not postposed and not fronted:
                continue
            subject = (
                copula
                if postposed
                else next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            )
            if subject is None or not speaker(subject) or self._inside_quote(tok):
                continue
            clause = next(
                (c for c in tok.children if c.dep_ in ("ccomp", "xcomp") or that_clause(c)),
                None,
            )
            if clause is None:
                # "made clear that ...": the parse may hang the clause on the verb
                clause = next(
                    (c for c in copula.children if c.dep_ == "ccomp" and c.i > tok.i), None
                )
            content = char_ranges(clause.subtree) if clause is not None else []
            content = content or prep_content(tok, preps)
            if content:
                self._add([tok], subject, content, "indirect", tok.lower_)

    def _stance_phrases(self) -> None:
        """ "Most senators are against the deal", "Kyiv is in favour of talks": a stance put
        as a phrase after "be"."""
        for tok in self.doc:
            if tok.dep_ != "prep" or tok.i in self.used or self._inside_quote(tok):
                continue
            verb = tok.head
            if verb.lemma_ != "be" or verb.i > tok.i:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or not speaker(subject):
                continue
            target = next((c for c in tok.children if c.dep_ in ("pobj", "pcomp")), None)
            if (
                tok.lower_ == "in"
                and target is not None
                and target.lower_ in ("favor", "favour", "support")
            ):
                # "in favour of X": X is what the stance is about
                target = next(
                    (
                        x
                        for p in target.children
                        if p.lower_ == "of"
                        for x in p.children
                        if x.dep_ in ("pobj", "pcomp")
                    ),
                    None,
                )
            elif tok.lower_ != "against":
                continue
            if target is not None:
                cue = list(self.doc[cue_tokens(verb)[0].i : tok.i + 1])
                self._add(cue, subject, char_ranges(target.subtree), "indirect", tok.lower_)

    def _perspectives(self) -> None:
        """'To the mayor, the evacuation came too late': the clause is the mayor's view."""
        for tok in self.doc:
            if tok.i in self.used or self._inside_quote(tok):
                continue
            found = perspective(tok)
            if found is None:
                continue
            holder, clause = found
            if any(t.i in self.used for t in clause):
                continue  # the clause is someone's statement already
            self._add([tok], holder, char_ranges(clause), "indirect", tok.lower_)

    def _stance_people(self) -> None:
        """ "Graham, a longtime critic of the deal", "the mayor is an opponent of ...": the
        person the noun describes holds the stance."""
        for tok in self.doc:
            if tok.lemma_.lower() not in stance_people() or tok.i in self.used:
                continue
            if self._inside_quote(tok):
                continue
            target = stance_people()[tok.lemma_.lower()]
            holder: Token | None = None
            if tok.dep_ == "attr":  # "X is a critic of"
                holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            elif tok.dep_ == "appos":  # "X, a critic of"
                holder = tok.head
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as":  # "X, as a backer of"
                holder = verb_source(tok.head.head) if tok.head.head.pos_ == "VERB" else None
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            speaks = tok.dep_ == "nsubj" and cue_verb(tok.head) is not None
            if (
                holder is None
                and of is not None
                and tok.dep_ not in ("attr", "appos")
                and not speaks
            ):
                # "critics of the deal say ...": the critics hold the stance themselves
                content = prep_content(tok, frozenset({"of"}), target)
                if content:
                    self._add([of], tok, content, "noun", tok.lemma_.lower())
                continue
            if holder is None or not speaker(holder):
                continue
            content = prep_content(tok, frozenset({"of"}), target)
            if not content:
                # "a longtime Clinton supporter", "a Kremlin critic": the name before the noun
                named = [c for c in tok.children if c.dep_ == "compound" and _named(c)]
                content = char_ranges(t for c in named for t in c.subtree)
            if content:
                self._add([tok], holder, content, "noun", tok.lemma_.lower())
