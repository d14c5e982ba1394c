"""Safety: strict headers on every response, article text that carries script and markup shown
as text everywhere, who may write (loopback, tokens), upload limits, bad files, and a server
that keeps answering after bad requests. Ingests really run (in the app's worker thread) on a
copy of the session's ledger."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from claimledger.web import create_app
from web.conftest import copy_db

TOKEN = "s3cret-token"
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
SVG = '"><svg onload=alert(3)>'
HOSTILE_TITLE = f"Strike on Kharkiv {SCRIPT} {SVG}"
HOSTILE_TEXT = (
    f"KHARKIV, Nov 21 - {IMG} The regional governor said on Friday that a Russian drone "
    f"struck a warehouse in Kharkiv {SCRIPT}.\n\n"
    f"Officials said two people were wounded in {SVG} Kharkiv."
)
CLEAN_TEXT = (
    "ZAPORIZHZHIA, Nov 22 - Ukraine's General Staff said on Saturday that its forces repelled "
    "an assault near Huliaipole in the Zaporizhzhia region, destroying three tanks."
)


@pytest.fixture(scope="module")
def db(web_db: Path, tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    return copy_db(web_db, tmp_path_factory.mktemp("security") / "security.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db), max_upload_bytes=200_000)) as c:
        yield c


def _finished(client: TestClient, job: dict[str, Any], token: str | None = None) -> Any:
    url = job["status_url"]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        status = client.get(url).json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"job {url} did not finish")


def _ingest(client: TestClient, **fields: Any) -> Any:
    files = fields.pop("files", None)
    response = client.post("/api/ingest", data=fields, files=files)
    assert response.status_code == 202, response.text
    return _finished(client, response.json())


@pytest.fixture(scope="module")
def hostile(client: TestClient) -> str:
    """The id of an article whose title and text carry script and markup."""
    status = _ingest(
        client,
        text=HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        outlet="<b>Outlet</b>",
        published="2025-11-21",
    )
    assert status["state"] == "done" and status["stored"] == 1, status
    return str(status["articles"][0])


def _raw_markup(body: str) -> list[str]:
    return [
        bad for bad in ("<script>alert", "<img src=x", "<svg onload", "<b>Outlet") if bad in body
    ]


def test_hostile_article_is_text_on_its_page(client: TestClient, hostile: str) -> None:
    response = client.get(f"/articles/{hostile}")
    assert response.status_code == 200
    assert _raw_markup(response.text) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    # the marks are the only tags inside #text, and without them it reads as the article
    shown = re.search(r'<article id="text"[^>]*>(.*?)</article>', response.text, re.S)
    assert shown is not None
    tags = set(re.findall(r"</?(\w+)", shown.group(1)))
    assert tags <= {"mark"}, tags
    plain = html.unescape(re.sub(r"</?mark[^>]*>", "", shown.group(1)))
    assert plain == client.get(f"/api/articles/{hostile}").json()["text"]
    assert IMG in plain and SVG in plain


def test_hostile_article_is_text_everywhere_else(client: TestClient, hostile: str) -> None:
    data = client.get(f"/api/articles/{hostile}").json()
    assert SCRIPT in data["text"] and data["article"]["title"] == " ".join(HOSTILE_TITLE.split())
    entry = next(c["entry_id"] for c in data["claims"] if c["entry_id"])
    urls = [
        "/",
        "/ledger",
        "/ledger?q=warehouse",
        f"/entries/{entry}",
        "/articles",
        f"/api/articles/{hostile}",
        f"/api/entries/{entry}",
        "/api/articles",
        "/api/ledger?q=warehouse",
        f"/api/claims?article={hostile}",
        "/api/map?limit=5000",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _raw_markup(response.text) == [], url
    # the JSON still gives the text back exactly: < and > travel as \u003c and \u003e
    raw = client.get(f"/api/articles/{hostile}").text
    assert "\\u003cscript\\u003e" in raw


def test_every_response_carries_the_safety_headers(client: TestClient, hostile: str) -> None:
    responses = [
        client.get("/"),
        client.get("/map"),
        client.get(f"/articles/{hostile}"),
        client.get("/api/claims"),
        client.get("/api/entries/e0"),  # 404
        client.get("/api/claims?since=never"),  # 400
        client.get("/static/css/app.css"),
        client.get("/openapi.json"),
        client.get("/no-such-page"),
        client.post("/api/ingest", data={}),  # 422
        client.post("/api/ingest", files={"files": ("big.txt", b"x" * 300_000)}),  # 413
    ]
    for response in responses:
        csp = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, response.url
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_pasted_text_is_ingested_then_a_duplicate_is_counted(client: TestClient) -> None:
    status = _ingest(client, text=CLEAN_TEXT, outlet="Ukrinform", published="2025-11-22")
    assert status["state"] == "done" and status["stored"] == 1 and status["problems"] == []
    assert status["done"] == status["total"] == 1
    article = client.get(f"/api/articles/{status['articles'][0]}").json()
    assert article["article"]["outlet"] == "Ukrinform" and article["claims"]
    again = _ingest(client, text=CLEAN_TEXT)
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_uploaded_files_use_the_cli_readers(client: TestClient) -> None:
    jsonl = (
        '{"id": "upload-1", "title": "Shelling reported", "outlet": "Suspilne", '
        '"published": "2025-11-23", "text": "Russian forces shelled Kupiansk on Sunday, the '
        'regional governor said, wounding two people."}\n'
    )
    legacy = "Обстріл Херсона\n\nРосійські війська обстріляли Херсон, повідомила влада.".encode(
        "cp1251"
    )
    status = _ingest(
        client,
        files=[
            ("files", ("corpus.jsonl", jsonl.encode("utf-8"))),
            ("files", ("legacy.txt", legacy)),
        ],
    )
    assert status["state"] == "done" and status["problems"] == [], status
    assert "upload-1" in status["articles"] and status["stored"] == 2
    assert client.get("/api/articles/upload-1").json()["article"]["outlet"] == "Suspilne"


def test_bad_files_are_problems_and_the_server_goes_on(client: TestClient) -> None:
    status = _ingest(
        client,
        files=[
            ("files", ("binary.txt", bytes(range(256)) * 4)),
            ("files", ("broken.jsonl", b'{"text": "cut off\n')),
            ("files", ("empty.txt", b"")),
            (
                "files",
                ("../../etc/evil.txt", b"Kyiv said on Monday that the strike on Odesa hit a port."),
            ),
        ],
    )
    assert status["state"] == "done"
    problems = status["problems"]
    assert any(p.startswith("binary.txt") for p in problems), problems
    assert any(p.startswith("broken.jsonl:1") for p in problems), problems
    assert any(p.startswith("empty.txt") for p in problems), problems
    assert all("\n" not in p and "Traceback" not in p for p in problems)
    assert status["stored"] == 1  # the good file, saved under its base name only
    assert client.get("/api/overview").status_code == 200


def test_garbage_requests_then_a_good_one(client: TestClient) -> None:
    bad = [
        client.post(
            "/api/ingest",
            content=b"\x00\xff garbage",
            headers={"content-type": "multipart/form-data; boundary=x"},
        ),
        client.post("/api/ingest", content=b"{}", headers={"content-type": "application/json"}),
        client.post("/api/ingest", data={"text": "   "}),
        client.post("/api/ingest", data={"text": CLEAN_TEXT, "published": "someday"}),
        client.get("/api/claims?limit=-1&cursor=%00"),
        client.get("/api/map?bbox=nan,nan,nan,nan"),
        client.get("/articles/%00%ff"),
        client.request("DELETE", "/api/claims"),
    ]
    for response in bad:
        assert 400 <= response.status_code < 500, (response.request.url, response.status_code)
        assert "Traceback" not in response.text
    assert client.get("/api/claims?limit=1").status_code == 200


def test_upload_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/api/ingest", files={"files": ("big.txt", b"Kyiv. " * 60_000)})
    assert response.status_code == 413
    assert response.json() == {"error": "upload is over the limit of 200,000 bytes"}
    assert client.get("/api/overview").status_code == 200


def test_plain_form_redirects_to_the_job_page(client: TestClient) -> None:
    text = "Russian forces attacked Kostiantynivka overnight, Ukraine's military said on Monday."
    response = client.post("/ingest", data={"text": text}, follow_redirects=False)
    assert response.status_code == 303
    page = response.headers["location"]
    assert page.startswith("/ingest/")
    job = page.rsplit("/", 1)[1]
    _finished(client, {"status_url": f"/api/ingest/{job}"})
    html = client.get(page).text
    assert 'data-page="job"' in html and "Stored 1 new article" in html


def test_loopback_without_token_writes(db: Path) -> None:
    with TestClient(create_app(str(db))) as c:
        response = c.post("/api/ingest", data={"text": CLEAN_TEXT})
        assert response.status_code == 202
        _finished(c, response.json())


def test_beyond_loopback_without_token_refuses_writes(db: Path) -> None:
    with TestClient(create_app(str(db), loopback=False)) as c:
        response = c.post("/api/ingest", data={"text": CLEAN_TEXT})
        assert response.status_code == 403
        assert "without a token" in response.json()["error"]
        assert c.post("/ingest", data={"text": CLEAN_TEXT}).status_code == 403
        assert c.get("/api/claims").status_code == 200
        assert c.get("/").status_code == 200
        assert "Writes are off" in c.get("/ingest").text


def test_token_is_needed_and_checked(db: Path) -> None:
    with TestClient(create_app(str(db), token=TOKEN, loopback=False)) as c:
        missing = c.post("/api/ingest", data={"text": CLEAN_TEXT})
        assert missing.status_code == 401
        wrong = c.post(
            "/api/ingest", data={"text": CLEAN_TEXT}, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 403 and wrong.json() == {"error": "wrong token"}
        wrong_form = c.post("/api/ingest", data={"text": CLEAN_TEXT, "token": "nope"})
        assert wrong_form.status_code == 403
        right = c.post(
            "/api/ingest", data={"text": CLEAN_TEXT}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert right.status_code == 202
        _finished(c, right.json())
        form = c.post("/api/ingest", data={"text": CLEAN_TEXT, "token": TOKEN})
        assert form.status_code == 202
        _finished(c, form.json())
        # reads stay public
        for url in (
            "/",
            "/api/claims",
            "/api/ledger",
            "/ledger",
            f"/api/ingest/{form.json()['job']}",
        ):
            assert c.get(url).status_code == 200, url
        assert 'name="token"' in c.get("/ingest").text


def test_a_write_from_another_site_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/ingest", data={"text": CLEAN_TEXT}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403 and "cross-site" in response.json()["error"]
    same = client.post(
        "/api/ingest", data={"text": CLEAN_TEXT}, headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 202
    _finished(client, same.json())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_its_url_then_answers_with_the_headers(db: Path) -> None:
    """The real command: uvicorn in its own process, on loopback."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_TOKEN")}
    command = [sys.executable, "-m", "claimledger", "serve", "--db", str(db), "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline().strip()
            assert line == f"claimledger is serving at http://127.0.0.1:{port}/"
            deadline = time.monotonic() + 60
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the server did not answer"
                    time.sleep(0.2)
            assert response.status_code == 200 and response.json()["counts"]["articles"] > 0
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert httpx.get(f"http://127.0.0.1:{port}/map", timeout=5).status_code == 200
        finally:
            server.terminate()
            server.wait(timeout=30)
