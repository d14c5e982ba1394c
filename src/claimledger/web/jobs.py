"""Ingest jobs: pasted text and uploaded files analysed and stored by one background thread, so
a request returns at once and the page polls the job's progress. One worker because the spaCy
pipeline is loaded once per process and SQLite takes one writer at a time."""

from __future__ import annotations

import queue
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from claimledger.errors import Problem
from claimledger.ingest_run import ingest_items
from claimledger.model import Article, ArticleRecord
from claimledger.nlp import default_model
from claimledger.read import Defaults, read_paths
from claimledger.store import schema as t

KEEP_JOBS = 200  # finished jobs remembered for their status pages
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass
class Upload:
    name: str  # as the browser sent it
    data: bytes


@dataclass
class Job:
    id: str
    state: str = "queued"  # queued, running, done, failed
    done: int = 0
    total: int = 0
    stored: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    pasted: Article | None = None
    uploads: list[Upload] = field(default_factory=list)
    defaults: Defaults = field(default_factory=Defaults)
    finished: threading.Event = field(default_factory=threading.Event)

    def as_json(self) -> dict[str, Any]:
        return {
            "job": self.id,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "problems": list(self.problems),
            "articles": list(self.articles),
        }


def safe_name(name: str, n: int) -> str:
    """A file name to save an upload under: its base name without path or odd characters (the
    suffix picks the reader), never empty."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or f"upload-{n}"
    return base[:120]


def ensure_gazetteer() -> None:
    """Build the place gazetteer if it is missing or stale, as `ingest` does (once, a minute)."""
    from claimledger.places.gazetteer import build_gazetteer, default_path
    from claimledger.places.gazetteer.build import stale_reason

    path = default_path()
    if not path.exists() or stale_reason(path) is not None:
        build_gazetteer(path)


class Jobs:
    def __init__(self, engine: Engine, *, max_bytes: int) -> None:
        self._engine = engine
        self._max_bytes = max_bytes
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job] = queue.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def submit(self, job: Job) -> Job:
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                oldest = next(iter(self._jobs.values()))
                if oldest.state in ("queued", "running"):
                    break
                self._jobs.popitem(last=False)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="ingest", daemon=True)
                self._worker.start()
        self._queue.put(job)
        return job

    def new(self) -> Job:
        return Job(id=secrets.token_hex(8))

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job: Job, timeout: float = 300.0) -> Job:
        """Block until the job is finished (for tests and scripts)."""
        job.finished.wait(timeout)
        return job

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                self._run(job)
            except Exception as exc:  # a job failing must not end the worker
                job.problems.append(f"ingest failed: {type(exc).__name__}: {exc}".splitlines()[0])
                job.state = "failed"
            finally:
                job.uploads.clear()
                job.finished.set()
                self._queue.task_done()

    def _run(self, job: Job) -> None:
        job.state = "running"
        folder = Path(tempfile.mkdtemp(prefix="claimledger-upload-"))
        try:
            shown: dict[str, str] = {}
            paths: list[Path] = []
            for n, upload in enumerate(job.uploads):
                path = folder / str(n) / safe_name(upload.name, n)
                path.parent.mkdir()
                path.write_bytes(upload.data)
                shown[str(path)] = upload.name or path.name
                paths.append(path)
            items: list[Article | Problem] = [job.pasted] if job.pasted is not None else []
            for item in read_paths(paths, max_bytes=self._max_bytes, defaults=job.defaults):
                if isinstance(item, Problem):
                    item = Problem(shown.get(item.path, item.path), item.message, item.line)
                items.append(item)
            job.total = sum(isinstance(i, Article) for i in items)
            ensure_gazetteer()

            def advance(_record: ArticleRecord) -> None:
                job.done += 1

            result = ingest_items(
                self._engine,
                items,
                model=default_model(),
                on_problem=lambda p: job.problems.append(str(p)),
                on_warning=lambda w: job.problems.append(f"warning: {w}"),
                on_record=advance,
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        job.stored, job.duplicates = result.stored, result.duplicates
        job.articles = self._ids(result.article_pks)
        job.done = job.total
        job.state = "done"

    def _ids(self, pks: list[int]) -> list[str]:
        if not pks:
            return []
        a = t.articles
        with self._engine.connect() as conn:
            found = dict(conn.execute(select(a.c.pk, a.c.id).where(a.c.pk.in_(pks))).all())
        return [found[pk] for pk in pks if pk in found]
