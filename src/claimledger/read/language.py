"""Language of an article, by py3langid (a maintained fork of langid.py; its model ships inside)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3000
MIN_LETTERS = 12  # below this a guess is noise


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The contract speaks ISO 639-1: leave out the model's labels that have no two-letter code
    # (creoles and regional varieties that otherwise win on short English text).
    identifier.set_languages(sorted({lang for lang in identifier.nb_classes if len(lang) == 2}))
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, _prob = _identifier().classify(sample)
    return str(lang)
