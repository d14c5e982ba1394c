"""The web app's errors: one line for the user, one HTTP status. Pages render them as an error
page, the API as `{"error": "..."}`."""

from __future__ import annotations


class WebError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message.splitlines()[0] if message else "bad request"


class BadRequest(WebError):
    status = 400


class Unauthorized(WebError):
    status = 401


class Forbidden(WebError):
    status = 403


class NotFound(WebError):
    status = 404


class TooLarge(WebError):
    status = 413


class Unprocessable(WebError):
    status = 422
