"""`PUT /drafts/{form_key}`: the page keeps the signed-in person's unsent text as they type.

The browser side is components/common/draft_keeper.py. The request must come from this site
and carry a live sign-in cookie; the text is kept with services.common.drafts.save_draft, as
that person's own draft (nobody else ever reads it). Blank text clears the draft.
"""

from __future__ import annotations

from collections.abc import Callable

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from research.domain.errors import DomainError, PermissionDenied
from research.services.accounts import auth
from research.services.common import drafts
from research.ui import deps

# UTF-8 takes at most 4 bytes a character: a longer body cannot be a draft the service would keep.
MAX_BODY_BYTES = 4 * drafts.MAX_DRAFT_CHARS


async def _body(request: Request) -> bytes | None:
    """The request's body, or None once it grows past MAX_BODY_BYTES (the rest is not read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def draft_routes(cookie: str, same_origin: Callable[[Request], bool]) -> list[Route]:
    async def keep_draft(request: Request) -> Response:
        if not same_origin(request):
            return PlainTextResponse("Drafts must come from this site.", status_code=403)
        token = request.cookies.get(cookie)
        actor = await to_thread.run_sync(auth.resolve, deps.uow(), token, deps.settings().session_idle_minutes)
        if actor is None:
            return PlainTextResponse("Sign in to keep a draft.", status_code=401)
        body = await _body(request)
        if body is None:
            return PlainTextResponse("The text is too long to keep as a draft.", status_code=413)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return PlainTextResponse("The draft must be UTF-8 text.", status_code=400)
        try:
            await to_thread.run_sync(drafts.save_draft, deps.uow(), actor, request.path_params["form_key"], text)
        except PermissionDenied as exc:
            return PlainTextResponse(f"Not kept: {exc}", status_code=403)
        except DomainError as exc:
            return PlainTextResponse(f"Not kept: {exc}", status_code=400)
        return Response(status_code=204)

    return [Route("/drafts/{form_key}", keep_draft, methods=["PUT"])]
