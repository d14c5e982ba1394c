"""Shared fixtures: the fixture files, the real spaCy pipeline (loaded once), ../shared data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import spacy
from spacy.language import Language

from claimledger.errors import Problem
from claimledger.model import Article
from claimledger.nlp import add_parse_stages, default_model, load
from claimledger.read import read_paths
from claimledger.sources.attribution import find_attributions

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp(gazetteer: Gazetteer) -> Language:
    """The default pipeline with claimledger's stages, on the session's gazetteer."""
    os.environ["CLAIMLEDGER_GAZETTEER"] = str(gazetteer.path)  # for CLI runs in subprocesses
    return load()


@pytest.fixture(scope="session")
def parser() -> Language:
    """The parse alone (no place or source stage): what the attribution finder reads."""
    return add_parse_stages(spacy.load(default_model()))


def found(parser: Language, text: str) -> list[tuple[str, str | None, list[str]]]:
    """Each attribution the finder reads in text: cue, source and content as written."""
    return [
        (
            text[a.cue[0] : a.cue[1]],
            text[a.source[0] : a.source[1]] if a.source else None,
            [text[s:e] for s, e in a.content],
        )
        for a in find_attributions(parser(text))
    ]


def shared(relative: str) -> Path:
    """A path under ../shared, or a clean skip when that folder is not beside the checkout."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is needed for this test)")
    return path


def square_map(lat: float, lon: float, half: float) -> dict[str, Any]:
    """A reference map (DeepStateMap's GeoJSON form) whose occupied area is a square."""
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    geometry = {"type": "Polygon", "coordinates": [ring]}
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": geometry}],
    }


def articles_and_problems(paths: Iterable[Path | str]) -> tuple[list[Article], list[Problem]]:
    arts: list[Article] = []
    problems: list[Problem] = []
    for item in read_paths(paths):
        (arts if isinstance(item, Article) else problems).append(item)  # type: ignore[arg-type]
    return arts, problems


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it."""
    # a user's settings stay out of the tests; the session's gazetteer goes in
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CLAIMLEDGER_") or k == "CLAIMLEDGER_GAZETTEER"
    }
    full_env.update(env or {})
    command = [sys.executable, "-m", "claimledger", *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, input=input, timeout=600
    )


if TYPE_CHECKING:  # the gazetteer's imports (pandas, for KATOTTG) only for the tests that use it
    from claimledger.places.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real gazetteer, built once per session into a temporary folder.

    $CLAIMLEDGER_GAZETTEER naming an existing built file is used instead (no build). Tests
    that change a gazetteer work on a copy of `gazetteer.path`, never on it.
    """
    from claimledger.places.gazetteer import Gazetteer

    existing = os.environ.get("CLAIMLEDGER_GAZETTEER")
    if existing and Path(existing).is_file():
        return Gazetteer.open(existing)
    return Gazetteer.open(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite")
