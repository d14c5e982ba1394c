"""What the attribution finder returns, before chains and the registry make contract models
of it."""

from __future__ import annotations

from dataclasses import dataclass, field

CharRange = tuple[int, int]


@dataclass
class Attribution:
    """One attribution: a cue, its source (if the text names one) and its content.

    All offsets are character offsets into `doc.text`. `content` has several ranges when a quote
    is split around the cue ("'We held,' he said. 'We lost many.'").
    """

    cue: CharRange
    cue_lemma: str
    source: CharRange | None
    content: tuple[CharRange, ...]
    kind: str = "indirect"  # direct | indirect | mixed | according_to | noun
    denial: bool = False
    # the attribution this one is nested in ("Life, citing Mash, wrote ..." -> Mash's
    # attribution has Life's as parent); index into the finder's result list
    parent: int | None = None
    channel: str | None = None  # "Telegram channel" when the statement came through one
    negated: bool = False  # "has not commented on": on record as saying nothing
    # the subject as written when it is a relative pronoun ("officials, who said ..."):
    # `source` is then the phrase it stands for
    source_written: CharRange | None = None
    notes: list[str] = field(default_factory=list)
