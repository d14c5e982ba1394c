"""The terminal consoles every command writes to: results on stdout, messages on stderr."""

from __future__ import annotations

import sys

from rich.console import Console

# Piped output gets a wide table rather than Rich's 80 columns.
stdout = Console(width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True, soft_wrap=True, highlight=False)
