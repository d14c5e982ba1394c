"""What keeps the app safe to open to a team: strict headers on every response, and who may
write. Reads are public; a write (POST) needs the token when one is set, and is refused outright
when the server listens beyond loopback without one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request

from claimledger.web.errors import Forbidden, Unauthorized

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def content_security_policy(tiles: str | None) -> str:
    images = "'self' data:"
    origin = tile_origin(tiles)
    if origin:
        images += f" {origin}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def tile_origin(tiles: str | None) -> str | None:
    """scheme://host[:port] of a tile URL template ("https://tile.example.org/{z}/{x}/{y}.png")."""
    if not tiles:
        return None
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # a CSP source may not hold the template's braces ({s}.tile...): allow the subdomains
    host = parts.netloc.replace("{s}.", "*.")
    if "{" in host or "}" in host or ";" in host or " " in host:
        return None
    return f"{parts.scheme}://{host}"


def security_headers(tiles: str | None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(tiles),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


@dataclass(frozen=True)
class WritePolicy:
    token: str | None
    loopback: bool

    @property
    def token_required(self) -> bool:
        return self.token is not None

    def check(self, request: Request, form_token: str | None = None) -> None:
        """Raise unless this request may write."""
        _same_origin(request)
        if self.token is None:
            if not self.loopback:
                raise Forbidden(
                    "writes are off: this server listens beyond loopback without a token "
                    "(start it with --token or CLAIMLEDGER_TOKEN)"
                )
            return
        given = _bearer(request) or form_token
        if not given:
            raise Unauthorized("a token is needed to write (Authorization: Bearer TOKEN)")
        if not secrets.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
            raise Forbidden("wrong token")


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def _same_origin(request: Request) -> None:
    """A browser's POST from another site (which the token-less loopback mode would otherwise
    accept) carries that site's Origin: refuse it."""
    origin = request.headers.get("origin")
    if origin is None:  # not a browser, or a same-origin GET-like request
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc != host:
        raise Forbidden("cross-site write refused")
