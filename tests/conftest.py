"""Shared fixtures: the fixture files, the real spaCy pipeline (loaded once), ../shared data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from spacy.language import Language

from claimledger.errors import Problem
from claimledger.model import Article
from claimledger.nlp import load
from claimledger.read import read_paths

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load()


def shared(relative: str) -> Path:
    """A path under ../shared, or a clean skip when that folder is not beside the checkout."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is needed for this test)")
    return path


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
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_")}
    full_env.update(env or {})
    command = [sys.executable, "-m", "claimledger", *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, input=input, timeout=600
    )
