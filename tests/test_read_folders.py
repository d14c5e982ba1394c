"""Folders are read recursively, in a stable order, with the command line's defaults applied."""

from __future__ import annotations

from pathlib import Path

from claimledger.read import Defaults, read_paths
from conftest import EXAMPLES, articles_and_problems


def test_examples_folder_reads_every_format() -> None:
    arts, problems = articles_and_problems([EXAMPLES])
    assert problems == []
    kinds = {Path(a.source_path or "").suffix for a in arts}
    assert kinds == {".txt", ".jsonl", ".csv", ".html", ".xml", ".json"}
    assert len({a.content_hash for a in arts}) == len(arts)


def test_recursive_stable_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two\n\nSecond report.", "utf-8")
    (tmp_path / "a.txt").write_text("One\n\nFirst report.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.", "utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Git\n\nNot read.", "utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    arts, problems = articles_and_problems([tmp_path])
    assert problems == []
    assert [a.title for a in arts] == ["One", "Two"]


def test_defaults_fill_only_what_the_input_lacks(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\n\nBody.", "utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"text": "Other.", "outlet": "TASS", "published": "2025-11-02"}\n', "utf-8"
    )
    items = list(read_paths([tmp_path], defaults=Defaults(outlet="Own", published="2025-12-01")))
    meta = {a.text: (a.outlet, a.published) for a in items}  # type: ignore[union-attr]
    assert meta == {"Body.": ("Own", "2025-12-01"), "Other.": ("TASS", "2025-11-02")}
