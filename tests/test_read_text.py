"""Plain text, encodings, normalisation and the content hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.read import read_file
from claimledger.read.normalize import content_hash, normalize_text
from claimledger.read.text import split_title
from conftest import FIXTURES, articles_and_problems

ENCODINGS = FIXTURES / "encodings"
EXPECTED: dict[str, str] = json.loads((ENCODINGS / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_encoding_decodes_to_the_expected_text(name: str) -> None:
    arts, problems = articles_and_problems([ENCODINGS / name])
    assert problems == []
    [article] = arts
    title, body = split_title(EXPECTED[name])
    assert article.title == title
    assert article.text == normalize_text(body)


def test_same_text_in_different_encodings_has_one_hash(tmp_path: Path) -> None:
    text = "Обстріл Херсона\n\nУ середу російські війська обстріляли Херсон, повідомила ОВА."
    files = {
        "a.txt": text.encode("utf-8"),
        "b.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "c.txt": text.encode("utf-16"),
        "d.txt": text.encode("cp1251"),
        "e.txt": text.replace("\n", "\r\n").encode("utf-16-le"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    arts, problems = articles_and_problems([tmp_path])
    assert problems == []
    assert len(arts) == 5
    assert {a.content_hash for a in arts} == {content_hash(normalize_text(text.split("\n", 2)[2]))}
    assert {a.language for a in arts} == {"uk"}


def test_language_is_detected_per_article() -> None:
    langs = {
        name: next(iter(read_file(ENCODINGS / name))).language  # type: ignore[union-attr]
        for name in ("utf8.txt", "cp1251.txt", "cp1251-uk.txt")
    }
    assert langs == {"utf8.txt": "en", "cp1251.txt": "ru", "cp1251-uk.txt": "uk"}


def test_title_is_a_short_first_line_only() -> None:
    assert split_title("Kyiv says attack repelled\n\nThe General Staff said.") == (
        "Kyiv says attack repelled",
        "The General Staff said.",
    )
    # a first line that is a sentence is body text, not a title
    one = "The ministry said troops advanced.\nThey met resistance."
    assert split_title(one) == (None, one)
    assert split_title("Just one line") == (None, "Just one line")


def test_normalisation_ignores_layout_noise() -> None:
    a = "Russian  forces\u00a0advanced.\r\n\r\n\r\n\r\nThe ministry\u200b said so.  "
    b = "Russian forces advanced.\n\nThe ministry said so."
    assert normalize_text(a) == b
    assert content_hash(normalize_text(a)) == content_hash(b)
    # NFC: a decomposed й (и + combining breve) equals the composed one
    assert normalize_text("Бахмут и\u0306") == normalize_text("Бахмут й")


def test_id_defaults_to_the_content_hash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody of the report.", encoding="utf-8")
    [article] = articles_and_problems([tmp_path / "a.txt"])[0]
    assert article.id == article.content_hash == content_hash("Body of the report.")
    assert article.source_path == str(tmp_path / "a.txt")


def test_unknown_suffix_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "dispatch.note"
    path.write_text("Shelling in Nikopol\n\nThe regional governor reported shelling.", "utf-8")
    [article] = articles_and_problems([path])[0]
    assert article.title == "Shelling in Nikopol"
