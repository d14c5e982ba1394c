"""The command line: analyze, ingest, articles, claims, export, schema."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimledger import __version__
from claimledger.analyze import analyze
from claimledger.console import stderr, stdout
from claimledger.errors import ClaimledgerError, Problem
from claimledger.export.claims_listing import claims_table, write_claims_json
from claimledger.export.csv_rows import write_csv
from claimledger.export.geojson import write_geojson
from claimledger.export.output import open_output
from claimledger.ingest_run import ingest_items
from claimledger.model import (
    Article,
    ArticleRecord,
    ClaimStatus,
    ClaimType,
    Side,
    json_schema_text,
)
from claimledger.nlp import MODEL_ENV, default_model, load
from claimledger.read import DEFAULT_MAX_BYTES, Defaults, read_paths
from claimledger.store import (
    ClaimFilter,
    connect,
    iter_claims,
    iter_records,
    list_articles,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn war reporting into a ledger of claims: who claims what, where, when, via whom.",
)


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    geojson = "geojson"


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"


_TYPES, _SIDES, _STATUSES = (", ".join(get_args(x)) for x in (ClaimType, Side, ClaimStatus))


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise typer.BadParameter(f"not a date: '{value}' (use YYYY-MM-DD)") from exc


Paths = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        callback=_check_date,
        metavar="DATE",
        help="Publication date (YYYY-MM-DD) for articles whose input gives none.",
    ),
]
OutletOpt = Annotated[
    str | None, typer.Option("--outlet", help="Outlet name for articles whose input gives none.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", help=f"spaCy pipeline to load (default: ${MODEL_ENV}, else en_core_web_sm)."
    ),
]
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Largest input file accepted, in bytes.")
]
BatchOpt = Annotated[
    int, typer.Option("--batch-size", min=1, help="Articles per pipeline batch and transaction.")
]
JobsOpt = Annotated[int, typer.Option("--jobs", min=1, help="Processes for the NLP pipeline.")]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL or SQLite path (default: $CLAIMLEDGER_DB, else ./claimledger.db).",
    ),
]


class Run:
    """Reports problems as they come and remembers whether any occurred (for the exit code)."""

    def __init__(self) -> None:
        self.problems = 0
        self.progress: Progress | None = None

    def report(self, problem: Problem | str) -> None:
        self.problems += 1
        self._print(f"error: {problem}")

    def warn(self, message: str) -> None:
        self._print(f"warning: {message}")

    def _print(self, line: str) -> None:
        console = self.progress.console if self.progress is not None else stderr
        console.print(line, markup=False, soft_wrap=True)

    def articles(self, items: Iterable[Article | Problem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                self.report(item)
            else:
                yield item

    def records(self, items: Iterable[ArticleRecord | Problem]) -> Iterator[ArticleRecord]:
        for item in items:
            if isinstance(item, Problem):
                self.report(item)
            else:
                self.advance(item)
                yield item

    def advance(self, _record: ArticleRecord) -> None:
        if self.progress is not None:
            self.progress.advance(self.progress.task_ids[0])

    def show_progress(self, label: str) -> AbstractContextManager[Any]:
        """A live counter on a terminal; nothing when output goes to a file or pipe."""
        if not stderr.is_terminal:
            return nullcontext()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn(f"{label} {{task.completed}} articles"),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        )
        self.progress.add_task(label, total=None)
        return self.progress

    def exit(self) -> None:
        if self.problems:
            raise typer.Exit(1)


def _records(
    run: Run,
    paths: list[Path],
    *,
    published: str | None,
    outlet: str | None,
    model: str | None,
    max_bytes: int,
    batch_size: int,
    jobs: int,
) -> Iterator[ArticleRecord]:
    """Records of the articles under `paths`."""
    _ensure_gazetteer()
    nlp = load(model)
    items = read_paths(
        paths, max_bytes=max_bytes, defaults=Defaults(outlet=outlet, published=published)
    )
    articles = run.articles(items)
    analysed = analyze(articles, nlp=nlp, batch_size=batch_size, n_process=jobs)
    return run.records(analysed)


def _article_table(title: str) -> Table:
    table = Table(title=title)
    for name in ("id", "published", "outlet", "title"):
        table.add_column(name, no_wrap=True, overflow="ellipsis")
    for name in ("lang", "places", "sources", "claims"):
        table.add_column(
            name, no_wrap=True, min_width=len(name), justify="left" if name == "lang" else "right"
        )
    return table


def _ensure_gazetteer() -> None:
    """Build the place gazetteer before the pipeline needs it, saying so: it takes a minute."""
    from claimledger.places.gazetteer import build_gazetteer, default_path
    from claimledger.places.gazetteer.build import stale_reason

    path = default_path()
    reason = "there is none yet" if not path.exists() else stale_reason(path)
    if reason is None:
        return
    message = f"building the place gazetteer at {path} ({reason}); once, about a minute"
    if not stderr.is_terminal:
        stderr.print(message, markup=False)
        build_gazetteer(path)
        return
    with stderr.status(message) as status:
        build_gazetteer(path, progress=lambda stage: status.update(f"{message}: {stage}"))


def _print_table(records: Iterable[ArticleRecord]) -> None:
    rows = list(records)
    table = _article_table(f"{len(rows)} article(s) analysed")
    for r in rows:
        a = r.article
        table.add_row(
            _short(a.id),
            a.published or "",
            a.outlet or "",
            _short(a.title or "", 48),
            a.language or "",
            str(len(r.places)),
            str(len(r.sources)),
            str(len(r.claims)),
        )
    stdout.print(table)


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("analyze", epilog="Example: claimledger analyze report.html --format table")
def analyze_cmd(
    paths: Paths,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.jsonl,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    batch_size: BatchOpt = 32,
    jobs: JobsOpt = 1,
) -> None:
    """Analyse articles and print what was found, without touching a database."""
    run = Run()
    with run.show_progress("analysed"):
        records = _records(
            run,
            paths,
            published=published,
            outlet=outlet,
            model=model,
            max_bytes=max_bytes,
            batch_size=batch_size,
            jobs=jobs,
        )
        if format is Format.jsonl:
            for record in records:
                sys.stdout.write(record.model_dump_json() + "\n")
                sys.stdout.flush()
        elif format is Format.json:
            collected = [record.model_dump(mode="json") for record in records]
            sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
        else:
            _print_table(records)
    run.exit()


@app.command(epilog="Example: claimledger ingest examples/ --db ledger.db")
def ingest(
    paths: Paths,
    db: DbOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    model: ModelOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    batch_size: BatchOpt = 64,
    jobs: JobsOpt = 1,
) -> None:
    """Analyse articles and store them in the ledger; an article already stored is skipped.

    Each batch of --batch-size articles is one transaction: a failure leaves earlier batches
    stored and the ledger exactly as it was before the failing batch.
    """
    engine = connect(db)
    run = Run()
    model_name = model or default_model()
    with run.show_progress("ingested"):
        _ensure_gazetteer()
        items = read_paths(
            paths, max_bytes=max_bytes, defaults=Defaults(outlet=outlet, published=published)
        )
        result = ingest_items(
            engine,
            items,
            model=model_name,
            batch_size=batch_size,
            jobs=jobs,
            on_problem=run.report,
            on_warning=run.warn,
            on_record=run.advance,
        )
    linked = result.linked
    stderr.print(
        f"stored {result.stored} new article(s), {result.duplicates} already in the ledger"
        + (f", {run.problems} problem(s)" if run.problems else "")
        + (
            f"; linked {linked.linked} claim(s) into {linked.entries} entries"
            if result.article_pks
            else ""
        ),
        markup=False,
    )
    run.exit()


@app.command(epilog="Example: claimledger articles --limit 20")
def articles(
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
    format: Annotated[
        Format, typer.Option("--format", help="table, json or jsonl.")
    ] = Format.table,
) -> None:
    """List the stored articles with how many places, sources and claims each has."""
    rows = list_articles(connect(db, create=False), limit=limit)
    if format is Format.table:
        table = _article_table(f"{len(rows)} article(s) in the ledger")
        for r in rows:
            table.add_row(
                _short(r.id),
                r.published or "",
                r.outlet or "",
                _short(r.title or "", 48),
                r.language or "",
                str(r.places),
                str(r.sources),
                str(r.claims),
            )
        stdout.print(table)
        return
    dicts = [r.__dict__ for r in rows]
    if format is Format.json:
        sys.stdout.write(json.dumps(dicts, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)


@app.command(epilog="Example: claimledger export --format csv --output claims.csv")
def export(
    db: DbOpt = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="jsonl or json: the analyze contract, one record per article. csv: one row per "
            "claim, ACLED's columns first. geojson: one point per claim with a located place.",
        ),
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the stored ledger out: whole records, or one row (or map point) per claim."""
    engine = connect(db, create=False)
    with open_output(output) as out:
        if format is ExportFormat.jsonl:
            for record in iter_records(engine):
                out.write(record.model_dump_json() + "\n")
        elif format is ExportFormat.json:
            data = [record.model_dump(mode="json") for record in iter_records(engine)]
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif format is ExportFormat.csv:
            write_csv(iter_claims(engine), out)
        else:
            write_geojson(iter_claims(engine), out)


@app.command(
    epilog="Example: claimledger claims --type losses --place Pokrovsk --since 2025-11-01",
)
def claims(
    claim_type: Annotated[
        ClaimType | None,
        typer.Option("--type", metavar="TYPE", help=f"Only claims of this type: {_TYPES}."),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            metavar="NAME",
            help="Only claims at a place of this name, as resolved or as written, in any case: "
            "Pokrovsk finds a mention spelled Krasnoarmeysk that was resolved to Pokrovsk.",
        ),
    ] = None,
    side: Annotated[
        Side | None,
        typer.Option(
            "--side",
            metavar="SIDE",
            help=f"Only claims from this side ({_SIDES}): the side of the claim's origin (the "
            "first source in its chain); for a claim in the article's own voice, of its actor1.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            callback=_check_date,
            metavar="DATE",
            help="Only claims dated on or after DATE (YYYY-MM-DD, compared with the start of "
            "the claim's date; an undated claim counts from its article's publication date). "
            "Days without a year (--MM-DD) cannot be compared and are left out.",
        ),
    ] = None,
    status: Annotated[
        ClaimStatus | None,
        typer.Option(
            "--status", metavar="STATUS", help=f"Only claims with this status: {_STATUSES}."
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
    db: DbOpt = None,
    format: Annotated[
        ClaimsFormat, typer.Option("--format", help="table or json.")
    ] = ClaimsFormat.table,
) -> None:
    """List stored claims, newest article first, then in the order of the article."""
    where = ClaimFilter(type=claim_type, status=status, side=side, place=place, since=since)
    rows = iter_claims(connect(db, create=False), where, limit=limit)
    if format is ClaimsFormat.json:
        write_claims_json(rows, sys.stdout)
    else:
        stdout.print(claims_table(rows))


@app.command(epilog="Example: claimledger schema > article.schema.json")
def schema() -> None:
    """Print the JSON Schema of one analysed article (the contract of --format jsonl)."""
    sys.stdout.write(json_schema_text())


def _mount_ledger() -> None:
    from claimledger import cli_ledger

    app.command("ledger", epilog="Example: claimledger ledger --place Pokrovsk --since 2025-11-01")(
        cli_ledger.ledger
    )
    app.command("entry", epilog="Example: claimledger entry e12 --format json")(cli_ledger.entry)
    app.command("article", epilog="Example: claimledger article tass-0412")(cli_ledger.article)
    app.add_typer(cli_ledger.reference_app, name="reference")


_mount_ledger()


def _mount_gazetteer() -> None:
    from claimledger.places.gazetteer_cli import app as gazetteer_app

    app.add_typer(
        gazetteer_app, name="gazetteer", help="Build, inspect and search the place gazetteer."
    )


_mount_gazetteer()


def _mount_serve() -> None:
    from claimledger.cli_serve import serve

    app.command("serve", epilog="Example: claimledger serve --db ledger.db --port 8000")(serve)


_mount_serve()


def _version(value: bool) -> None:
    if value:
        stdout.print(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


def _guarded(entry: Callable[[], Any]) -> None:
    try:
        entry()
    except ClaimledgerError as exc:
        stderr.print(f"error: {exc.message}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        stderr.print("interrupted", markup=False)
        sys.exit(130)
    except BrokenPipeError:
        # the reader of our output went away (`| head`); not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


def main() -> None:
    _guarded(app)
