"""Where an export goes: stdout, or a file that appears under its name only once complete."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from claimledger.errors import ClaimledgerError, E


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


@contextmanager
def open_output(output: Path | None) -> Iterator[TextIO]:
    """stdout, or <output>.partial renamed to <output> when the writing succeeds.

    A failed export removes its partial file and leaves an older <output> as it was.
    """
    if output is None:
        yield sys.stdout
        return
    target = partial_path(output)
    try:
        out = target.open("w", encoding="utf-8", newline="")  # csv writes its own line ends
    except OSError as exc:
        raise ClaimledgerError(E.CANNOT_WRITE, path=output, detail=exc.strerror) from exc
    try:
        with out:
            yield out
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    target.replace(output)
