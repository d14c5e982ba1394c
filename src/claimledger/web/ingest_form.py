"""Turning an ingest request (pasted text, uploaded files, metadata) into a queued job; shared by
the API and the page's plain form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, File, Form, Request
from fastapi import UploadFile as FastAPIUpload
from starlette.datastructures import UploadFile

from claimledger.errors import InputError
from claimledger.read import Defaults
from claimledger.read.base import make_article
from claimledger.read.text import split_title
from claimledger.web.context import Context, context
from claimledger.web.errors import TooLarge, Unprocessable
from claimledger.web.filters import blank, iso_day
from claimledger.web.jobs import Job, Upload

PASTED = "pasted text"


async def queue_ingest(
    ctx: Context,
    *,
    text: str | None,
    title: str | None,
    published: str | None,
    outlet: str | None,
    files: Sequence[UploadFile],
) -> Job:
    day = iso_day("published", published)
    defaults = Defaults(outlet=blank(outlet), published=day)
    job = ctx.jobs.new()
    size = len(text.encode("utf-8")) if text else 0
    for upload in files:
        if not upload.filename and not upload.size:
            continue  # an empty file input of a plain form
        data = await upload.read(ctx.max_upload_bytes + 1)
        size += len(data)
        if size > ctx.max_upload_bytes:
            raise TooLarge(f"upload is over the limit of {ctx.max_upload_bytes:,} bytes")
        job.uploads.append(Upload(upload.filename or "upload", data))
    pasted = blank(text)
    if pasted is not None:
        given_title = blank(title)
        body = pasted
        if given_title is None:
            given_title, body = split_title(pasted)
        try:
            article = make_article(body, path=PASTED, title=given_title)
        except InputError as exc:
            job.problems.append(str(exc.problem))
        else:
            job.pasted = defaults.apply(article)
    if job.pasted is None and not job.uploads:
        raise Unprocessable(
            job.problems[0] if job.problems else "nothing to ingest: paste text or choose files"
        )
    job.defaults = defaults
    return ctx.jobs.submit(job)


async def submitted_job(
    request: Request,
    text: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form()] = None,
    outlet: Annotated[str | None, Form()] = None,
    token: Annotated[str | None, Form()] = None,
    files: Annotated[list[FastAPIUpload] | None, File()] = None,
) -> Job:
    """The ingest form as a route dependency: the writer checked, then the job queued."""
    ctx = context(request)
    ctx.policy.check(request, token)
    return await queue_ingest(
        ctx, text=text, title=title, published=published, outlet=outlet, files=files or []
    )


SubmittedJob = Annotated[Job, Depends(submitted_job)]
