"""The vendored front-end files are exactly what npm installed: MANIFEST.json's sha256 match the
committed files, its versions match frontend/package-lock.json, and every file the pages load
from vendor/ is listed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "claimledger" / "web" / "static"
VENDOR = STATIC / "vendor"
LOCK = ROOT / "frontend" / "package-lock.json"
PACKAGE = ROOT / "frontend" / "package.json"


def _manifest() -> list[dict[str, str]]:
    files: list[dict[str, str]] = json.loads((VENDOR / "MANIFEST.json").read_text())["files"]
    return files


def test_every_vendored_file_matches_its_manifest_sha256() -> None:
    listed = _manifest()
    assert listed, "MANIFEST.json lists no files"
    for entry in listed:
        path = VENDOR / entry["file"]
        assert path.is_file(), f"{entry['file']} is in MANIFEST.json but not vendored"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == entry["sha256"], f"{entry['file']} differs from what build.mjs copied"


def test_no_vendored_file_is_missing_from_the_manifest() -> None:
    listed = {e["file"] for e in _manifest()}
    on_disk = {
        p.relative_to(VENDOR).as_posix()
        for p in VENDOR.rglob("*")
        if p.is_file() and p.name != "MANIFEST.json"
    }
    assert on_disk == listed


def test_versions_and_licences_match_the_npm_lock() -> None:
    lock = json.loads(LOCK.read_text())["packages"]
    wanted = json.loads(PACKAGE.read_text())["dependencies"]
    for entry in _manifest():
        locked = lock[f"node_modules/{entry['package']}"]
        assert entry["version"] == locked["version"], entry["file"]
        assert entry["licence"] == locked["license"], entry["file"]
        # exact pins (npm install --save-exact): the lock cannot drift from package.json
        assert wanted[entry["package"]] == locked["version"]
        assert entry["licence"] in {"MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Apache-2.0"}
    assert {e["package"] for e in _manifest()} == set(wanted)


def test_scripts_reference_only_vendored_globals_and_no_innerhtml() -> None:
    scripts = sorted((STATIC / "js").glob("*.js"))
    assert {p.name for p in scripts} >= {
        "common.js",
        "map.js",
        "timeline.js",
        "entry.js",
        "article.js",
        "ingest.js",
    }
    for path in scripts:
        source = path.read_text()
        # data reaches the page through textContent and attributes, never markup
        assert not re.search(
            r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", source
        ), path.name
        assert "eval(" not in source and "new Function" not in source, path.name
        assert not re.search(r"setAttribute\(\s*['\"]style['\"]", source), path.name
