"""Reading the reviewed reference tables under data/: `#` starts a comment, `|` separates cells."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def table_lines(folder: str, name: str) -> list[str]:
    """The non-blank, non-comment lines of data/<folder>/<name>, stripped."""
    text = (DATA / folder / name).read_text(encoding="utf-8")
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]
