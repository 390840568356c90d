"""HTTP routes of notify: one-click unsubscribe (RFC 8058) and the personal calendar feed.

Both are reached without a session cookie, from a mail client or a calendar server: the
signed or random token in the path is the only credential.
"""

from __future__ import annotations

from html import escape

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from research.domain.clock import utcnow
from research.export.personal_ics import personal_calendar
from research.export.rounds_ics import ICS_MIME
from research.services.notify.calendar_feed import feed_for_token
from research.services.notify.preferences import unsubscribe
from research.ui import deps

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto">{body}</body></html>"""
CONFIRM = """<p>Stop these emails from the Research Cluster Workspace?</p>
<form method="post"><button type="submit">Unsubscribe</button></form>
<p>You can turn them back on under <em>Notification settings</em>.</p>"""
INVALID = "<p>This unsubscribe link is not valid. Sign in and change your notification settings instead.</p>"


async def unsubscribe_page(request: Request) -> Response:
    """GET only asks (link scanners follow links); the POST, from the button or the mail client, acts."""
    if request.method == "GET":
        return HTMLResponse(PAGE.format(body=CONFIRM))
    stopped = await to_thread.run_sync(unsubscribe, deps.uow(), request.path_params["token"])
    if stopped is None:
        return HTMLResponse(PAGE.format(body=INVALID), status_code=404)
    body = f"<p>Done: you will get no more emails for <strong>{escape(stopped)}</strong>.</p>"
    return HTMLResponse(PAGE.format(body=body))


async def calendar_feed(request: Request) -> Response:
    feed = await to_thread.run_sync(feed_for_token, deps.uow(), request.path_params["token"], utcnow())
    if feed is None:
        return PlainTextResponse("Not found", status_code=404)
    body = personal_calendar(feed.owner, feed.events, utcnow())
    return Response(body, media_type=f"{ICS_MIME}; charset=utf-8", headers={"Cache-Control": "private, max-age=900"})


NOTIFY_ROUTES = [
    Route("/unsubscribe/{token}", unsubscribe_page, methods=["GET", "POST"]),
    Route("/calendar/{token}.ics", calendar_feed, methods=["GET"]),
]
