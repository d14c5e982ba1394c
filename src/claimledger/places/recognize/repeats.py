"""Repeats: a name found as a place once names that place wherever else the text writes it.

The model and the cues may catch a village the first time ("captured the village of Mali
Shcherbaky") and miss it when it comes back bare ("Russian troops attacked Mali Shcherbaky").
One sense per text: each other occurrence of a chosen name, written the same way and as a whole
name (no capitalised word running on either side), is a mention too, unless the model reads it
as part of a person's or an organisation's name there (and did not read the found one so).
Only a name the text itself calls a settlement ("the village of X") or ties to one by an alias
is spread: a name found by weaker evidence ("in Steele") may be a guess, and repeating a guess
through the text multiplies it (on LGL and TR-News it added two wrong mentions for each right
one).
"""

from __future__ import annotations

from claimledger.places.recognize.mention import _Candidate
from claimledger.places.recognize.reader import _Reader

# entity labels under which a repeated name is not the place ("Denzel Washington")
_OTHER_NAMES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def _repeats(r: _Reader, chosen: list[_Candidate]) -> list[_Candidate]:
    # the model's labels where the name was taken for a place: the same label elsewhere is the
    # same misreading ("Mali Shcherbaky" read as a person throughout), not another name
    labels: dict[tuple[str, ...], set[str]] = {}
    for c in chosen:
        if c.end <= c.start:
            continue
        found_as = {r.doc[k].ent_type_ for k in range(c.start, c.end)}
        noun = r.left_noun(c.start)
        if c.source != "alias" and (noun is None or noun.hint != "settlement"):
            continue  # only a name the text itself calls a settlement ("the village of X")
        name = tuple(r.texts[c.start : c.end])
        labels.setdefault(name, set()).update(found_as)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in labels:
        by_first.setdefault(name[0], []).append(name)
    out: list[_Candidate] = []
    for i, text in enumerate(r.texts):
        for name in by_first.get(text, ()):
            end = i + len(name)
            if tuple(r.texts[i:end]) != name or not _whole(r, i, end):
                continue
            here = {r.doc[k].ent_type_ for k in range(i, end)}
            if (here & _OTHER_NAMES) - labels[name]:
                continue
            out.append(_Candidate(i, end, "repeat"))
    return out


def _whole(r: _Reader, start: int, end: int) -> bool:
    """No capitalised word joins the name on either side ("Mali Shcherbaky" inside "Mali
    Shcherbaky Raion" or "Greater Mali Shcherbaky" is another name)."""
    before = start > 0 and r.is_name[start - 1] and not r.doc[start - 1].is_punct
    after = end < r.n and r.is_name[end]
    return not (before or after)
