"""HTTP routes for signing in and out: they set and clear the HttpOnly session cookie.

A login kept only in st.session_state is lost on reload; a cookie set by a real
HTTP response survives reloads and new tabs, and the script reads it through
st.context.cookies.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route

from research.collab.route import collab_routes
from research.services.accounts import auth
from research.ui import deps
from research.ui.draft_routes import draft_routes
from research.ui.notify_routes import NOTIFY_ROUTES

COOKIE = "rcw_session"
# Set after a good sign-in: this browser may skip the per-username throttle for that user.
DEVICE_COOKIE = "rcw_device"
DEVICE_COOKIE_SECONDS = 365 * 24 * 3600
# Only a proxy on this machine (deploy/nginx.conf) may say who the client is.
TRUSTED_PROXIES = {"127.0.0.1", "::1"}


def _same_origin(request: Request) -> bool:
    """Refuse cross-site form posts (login CSRF, forced sign-out), as Go's CrossOriginProtection does.

    Current browsers send Sec-Fetch-Site and Origin on every POST; older ones at least a
    Referer naming the page the form was on. A request with none of the three does not come
    from a browser, so it cannot carry a victim's cookies. Behind a proxy, Host must be the
    browser's (deploy/nginx.conf passes $http_host).
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    source = request.headers.get("origin") or request.headers.get("referer")
    if source is None:
        return True
    return source != "null" and urlsplit(source).netloc == request.headers.get("host")


def client_address(request: Request) -> str:
    """The browser's address: the peer, or behind our own proxy the address it appended last."""
    peer = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-for", "")
    if peer in TRUSTED_PROXIES and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return peer


def _back(request: Request, **params: str) -> RedirectResponse:
    query = f"?{urlencode(params)}" if params else ""
    return RedirectResponse(f"{request.scope.get('root_path', '')}/{query}", status_code=303)


async def login(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Sign-in must come from this site.", status_code=403)
    form = await request.form()
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    try:
        result = await to_thread.run_sync(
            auth.login, deps.uow(), username, password, client_address(request), request.cookies.get(DEVICE_COOKIE)
        )
    except auth.LoginRefused as exc:
        return _back(request, login_error=exc.code)
    response = _back(request)
    secure = deps.settings().cookie_secure
    response.set_cookie(COOKIE, result.token, httponly=True, samesite="lax", secure=secure, path="/")
    response.set_cookie(
        DEVICE_COOKIE,
        result.device,
        max_age=DEVICE_COOKIE_SECONDS,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    return response


async def logout(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Sign-out must come from this site.", status_code=403)
    await to_thread.run_sync(auth.logout, deps.uow(), request.cookies.get(COOKIE))
    response = _back(request, signed_out="1")
    response.delete_cookie(COOKIE, path="/")
    return response


ROUTES = [
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
    *collab_routes(deps.uow, deps.settings, COOKIE),
    *draft_routes(COOKIE, _same_origin),
    *NOTIFY_ROUTES,
]
