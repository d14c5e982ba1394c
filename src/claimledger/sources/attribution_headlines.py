"""Attributions in a headline the parse could not read ("Conservative Icon Morton Blackwell
Endorses Ted Cruz", "Rabbis vow to boycott Trump speech").

Headlines defeat the tagger: without articles, and in title case, every word looks like a
name or a noun, so the verb is a PROPN or NOUN and the parse has no clause to read. English
headlines state their news in the present tense, though, so a present-tense form of a cue
verb ("Says", "slams", "vow" after a plural) after a name is the cue, the words before it the
source and the words after it the content. Only for the document's first line, when no other
pass found anything in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimledger.sources.cues import CueWord, cue_verbs, headline_labels

# words that end a noun phrase's start, not a subject: "The Plans", "Trump's Claims"
NOT_BEFORE_A_VERB = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "'s", "’s", "new"}
)
# particles that belong to the verb ("Calls Out", "Backs Down")
PARTICLES = frozenset({"out", "up", "back", "down", "off"})
# punctuation after which a headline's own words start ("Breaking: ...", "Exclusive – ...")
LABEL_ENDS = frozenset({":", "–", "—", "-", "|"})
# the words of a speaker named after a headline's comma ("..., Regional Governor Says")
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET"})
# entities a verb of words can be aimed at in a headline
SOMEONE = frozenset({"PERSON", "ORG", "NORP"})
# the share of longer words in title case that makes a line a title-case headline
TITLE_SHARE = 0.8


@dataclass(frozen=True)
class HeadlineCue:
    cue: list[Token]
    source: list[Token]
    content: list[Token]
    entry: CueWord


def headline_cues(doc: Doc, text: str, used: set[int]) -> list[HeadlineCue]:
    """The attributions in the document's first line if it is a headline whose verb the
    tagger missed, and no other pass has taken any of its words; a second verb after "and"
    shares the subject ("Le Pen Backs Trump And Denounces Clinton")."""
    first = _headline_cue(doc, text, used)
    if first is None:
        return []
    rest = first.content
    for j, tok in enumerate(rest[1:], 1):
        entry = _third_person().get(tok.lower_)
        if rest[j - 1].lower_ not in ("and", "&", ",") or entry is None or not tok.is_title:
            continue
        if not _reads_alone(entry) or j < 2 or j + 1 >= len(rest):
            continue
        return [
            HeadlineCue(first.cue, first.source, rest[: j - 1], first.entry),
            HeadlineCue([tok], first.source, rest[j + 1 :], entry),
        ]
    return [first]


def _headline_cue(doc: Doc, text: str, used: set[int]) -> HeadlineCue | None:
    """The first attribution of a headline the parse could not read."""
    end = text.find("\n")
    line = [t for t in doc if t.idx < (end if end >= 0 else len(text)) and not t.is_space]
    long_words = [t for t in line if t.is_alpha and len(t) > 3]
    if len(long_words) < 3:
        return None
    titled = sum(t.is_title or t.is_upper for t in long_words) >= TITLE_SHARE * len(long_words)
    for n, tok in enumerate(line[1:], 1):
        entry = _third_person().get(tok.lower_)
        if entry is None and line[n - 1].tag_ in ("NNS", "NNPS"):
            # "Rabbis vow to boycott ...": a plural subject takes the bare form
            entry = cue_verbs().get(tok.lower_)
        if any(t.i in used for t in line[: n + 1]):
            return None  # another pass read the headline up to here: its verb is taken
        if entry is None or (titled and not tok.is_title):
            continue
        # (aimed at a name only in a headline in lower case, where a capital marks one: in
        # title case "Paris Attacks Test Clinton" reads either way)
        aimed = not titled and _at_someone(entry, line[n + 1 :])
        if not (_reads_alone(entry) or aimed):
            if titled and tok.lower_ in _third_person():
                return None  # "Le Pen Backs Trump And Denounces ...": no speaker past a verb
            continue
        if line[n - 1].like_num or line[n - 1].tag_ in ("JJ", "JJR", "JJS"):
            continue  # "ten points", "Medical Records": a noun after a number or an adjective
        if line[n - 1].lower_ in NOT_BEFORE_A_VERB:
            return None
        after = next((t for t in line[n + 1 :] if t.pos_ != "ADV"), None)
        verb_after = after is not None and after.tag_ in ("VB", "VBP", "VBZ", "VBD", "VBN", "MD")
        # (in a headline in lower case a capitalised word after the verb is a name, whatever
        # its tag: "mayor rebuffs Trump on ...")
        verb_after = verb_after and after is not None and (titled or not after.is_title)
        if verb_after and tok.tag_ != "VBZ":
            continue  # "Paris attacks test Clinton": the noun of a subject, a verb follows
        start = max((i + 1 for i, t in enumerate(line[:n]) if t.text in LABEL_ENDS), default=0)
        source = [t for t in line[start:n] if t.lower_ not in headline_labels()]
        last = n + 1 if n + 1 < len(line) and line[n + 1].lower_ in PARTICLES else n
        content = [t for t in line[last + 1 :] if not (t.is_punct and t is line[-1])]
        comma = max((i for i, t in enumerate(source) if t.text == ","), default=-1)
        speaker = source[comma + 1 :]
        if not any(t.is_alpha for t in content) and comma > 0 and _named(speaker):
            # "Russian Strike Kills Five In Kharkiv, Governor Says": the speaker after the
            # comma, what they say before it
            source, content = source[comma + 1 :], source[:comma]
        elif source and source[-1].text == "," and _named(content):
            # "..., Says Governor": the speaker after the verb
            source, content = content, source[:-1]
        if not any(t.is_alpha for t in source) or not any(t.is_alpha for t in content):
            return None
        return HeadlineCue(line[n : last + 1], source, content, entry)
    return None


def _named(words: list[Token]) -> bool:
    """A short name or title ("Governor", "Ministry Of Defence"): "of" may stand inside."""
    return 0 < len(words) <= 5 and all(
        t.pos_ in NAME_POS or (t.lower_ == "of" and 0 < i < len(words) - 1)
        for i, t in enumerate(words)
    )


def _at_someone(entry: CueWord, after: list[Token]) -> bool:
    """A verb of words or of fighting ("blasts", "slams", "trashes") aimed at a person or a
    body by name: "Clinton blasts Trump", not "Russia blasts Kharkiv"."""
    target = next((t for t in after if t.pos_ != "ADV" and t.lower_ not in ("at", "on")), None)
    # ("Paris Attacks Test Clinton": a verb follows; in a headline in lower case, a capital
    # marks a name whatever the tagger says: "Clinton blasts Trump", "Trump" read as a verb)
    return (
        "target" in entry.frames
        and target is not None
        and target.ent_type_ in SOMEONE
        and (target.tag_ in ("NNP", "NNPS") or target.is_title)
    )


def _reads_alone(entry: CueWord) -> bool:
    """A verb whose words make a claim whatever follows it: not one that needs its object
    checked ("Russia attacks Kharkiv", "Moscow releases prisoners") nor a seeming."""
    if entry.cls == "appearance":
        return False
    return bool(entry.frames & {"clause", "object", "xcomp", "quote"}) or any(
        f.startswith("prep:") for f in entry.frames
    )


def present_tense_cue(tok: Token) -> bool:
    """A capitalised present-tense cue verb in a title-case line ("Endorses", "Says")."""
    entry = _third_person().get(tok.lower_)
    if entry is None or tok.ent_type_ == "GPE":
        return False  # "the United States": a name, not "states"
    return tok.is_title and _reads_alone(entry)


@cache
def _third_person() -> dict[str, CueWord]:
    """ "says", "slams", "denies", "pushes": the present tense a headline states news in."""
    forms: dict[str, CueWord] = {}
    for lemma, entry in cue_verbs().items():
        if entry.cls == "appearance" or " " in lemma:
            continue
        if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
            form = lemma + "es"
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            form = lemma[:-1] + "ies"
        else:
            form = lemma + "s"
        forms.setdefault(form, entry)
    return forms
