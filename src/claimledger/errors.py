"""One catalogue of the errors a user can meet, each with a hint how to fix it.

User errors never reach the user as a traceback: the CLI prints `error: <message>` on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class E(StrEnum):
    """Error messages; `{}` fields are filled by `ClaimledgerError.__init__`."""

    NOT_FOUND = "no such file or folder"
    TOO_LARGE = "file is {size:,} bytes, over the limit of {limit:,} (raise it with --max-bytes)"
    EMPTY = "file is empty"
    NO_TEXT = "no article text in it"
    BINARY = "binary file, not text (is it the right file?)"
    UNDECODABLE = "cannot tell the text encoding (save it as UTF-8)"
    BAD_JSON = "not valid JSON: {detail}"
    BAD_JSON_LINE = "not valid JSON ({detail}); line skipped"
    NOT_AN_OBJECT = "expected a JSON object with a 'text' field; line skipped"
    NO_TEXT_FIELD = "no 'text' field"
    NO_TEXT_COLUMN = "CSV has no 'text' column (columns: {columns})"
    BAD_CSV = "malformed CSV: {detail}"
    BAD_FEED = "not a readable RSS/Atom feed: {detail}"
    BAD_HTML = "no article text could be extracted from the page"
    BAD_JSON_DOC = "JSON file is neither a Telegram export, an article object nor a list of them"
    UNSUPPORTED = "unsupported file type '{suffix}' (supported: {supported})"
    NO_ARTICLES = "folder holds no readable articles"
    BAD_DATE = "not a date: '{value}' (use YYYY-MM-DD)"
    TOO_LONG_FOR_MODEL = "text has {length:,} characters, over the pipeline's limit of {limit:,}"
    MODEL_MISSING = (
        "spaCy pipeline '{name}' is not installed "
        "(pip install {name}, or pick another with --model)"
    )
    NO_LEDGER = "no ledger at {url} (run `claimledger ingest` first, or pass --db)"
    BAD_DB_URL = "cannot open database '{url}': {detail}"
    CANNOT_WRITE = "cannot write {path}: {detail}"
    NO_ENTRY = "no ledger entry '{id}' (list them with `claimledger ledger`)"
    NO_ARTICLE = "no article '{id}' in the ledger (list them with `claimledger articles`)"
    BAD_REFERENCE = "cannot load the reference map: {detail}"
    ID_TAKEN = "id '{id}' is already used by another text; stored under its content hash {hash}"
    GAZETTEER_MISSING = "no gazetteer at {path} (run `claimledger gazetteer build`, or pass --path)"
    GAZETTEER_UNREADABLE = (
        "cannot read the gazetteer at {path}: {detail} "
        "(rebuild it with `claimledger gazetteer build`)"
    )
    GAZETTEER_NO_FILE = "{path}: no such file to import"
    GAZETTEER_BAD_FILE = (
        "{path}: not a GeoNames {format} file ({detail}); main dumps are at "
        "download.geonames.org/export/dump/, postal codes at download.geonames.org/export/zip/"
    )
    GAZETTEER_FORMAT = "unknown import format '{format}' (use one of: {formats})"
    GAZETTEER_NOT_OURS = (
        "{path} exists and is not a claimledger gazetteer; it is left alone "
        "(move it away, or pass another --path)"
    )


class ClaimledgerError(Exception):
    """An error meant for the user: one line, no traceback."""

    def __init__(self, code: E, **fields: object) -> None:
        self.code = code
        self.message = code.value.format(**fields) if fields else code.value
        super().__init__(self.message)


@dataclass(frozen=True)
class Problem:
    """A problem with one input (a file, or one line of it); the rest of the input goes on."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputError(ClaimledgerError):
    """A problem with one input; carries where it happened."""

    def __init__(self, code: E, path: str, line: int | None = None, **fields: object) -> None:
        super().__init__(code, **fields)
        self.problem = Problem(path=path, message=self.message, line=line)
