"""The deployment of docs/deployment.md, tried: two app processes on one PostgreSQL behind nginx.

nginx runs deploy/nginx.conf itself, with only its ports and log path changed, so the file
that ships is the file tested. The access log (deploy/nginx.conf's `research` format) says
which process served each request.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from research.config import ROOT
from research.domain.upload_limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from tests.conftest import _postgres_database
from tests.e2e.conftest import _free_port, running_app, seed_demo, sign_in, wait_for_app

# One worker runs the whole module, so the processes and nginx start once.
pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.xdist_group("behind_proxy")]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx.conf"
ROUNDS_CSV = b"Funder,Scheme,Round,Closes,Pool\nMarsden Fund,Standard,Marsden 2031,2031-03-03 12:00,2m\n"
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* upstream=(?P<upstream>\S+) '
    r"route=(?P<route>\S+)"
)


def site_config(listen_port: int, app_urls: list[str], access_log: Path) -> str:
    """deploy/nginx.conf with this test's ports and log file; each change must find its target."""
    text = SITE.read_text()
    servers = re.findall(r"^    server 127\.0\.0\.1:\d+ (.*);$", text, flags=re.MULTILINE)
    assert len(servers) == len(app_urls) and text.count("    listen 80;\n") == 1
    text = re.sub(r"^    server 127\.0\.0\.1:\d+ .*;\n", "", text, flags=re.MULTILINE)
    lines = "".join(f"    server {url.removeprefix('http://')} {servers[0]};\n" for url in app_urls)
    text = text.replace("    keepalive", lines + "    keepalive", 1)
    text = text.replace("    listen 80;", f"    listen 127.0.0.1:{listen_port};")
    return text.replace("/var/log/nginx/research.access.log", str(access_log))


def main_config(folder: Path, site: Path) -> str:
    temp = {name: folder / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the test's private folders
    return (
        f"{user}daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 512; }\nhttp {\n"
        + "".join(f"  {name}_temp_path {path};\n" for name, path in temp.items())
        + f"  include {site};\n}}\n"
    )


def _get(url: str, cookie: str = "") -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.read().decode()


@contextmanager
def nginx(folder: Path, app_urls: list[str]):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run scripts/system-deps.sh", pytrace=False)
    port, access_log = _free_port(), folder / "access.log"
    (folder / "research.conf").write_text(site_config(port, app_urls, access_log))
    (folder / "nginx.conf").write_text(main_config(folder, folder / "research.conf"))
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                _get(f"{url}/_stcore/health")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (folder / "error.log").read_text()
                time.sleep(0.1)
        yield url, access_log
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def proxied_app(request, tmp_path_factory):
    """(proxy URL, access log, app URLs): two processes on one new PostgreSQL database with the demo."""
    folder = tmp_path_factory.mktemp("proxy")
    env = {**os.environ, "DATABASE_URL": _postgres_database(request), "DEMO_MODE": "1"}
    seed_demo(env)
    with ExitStack() as stack:
        apps = [
            stack.enter_context(running_app(env, folder / f"app{n}.log", "--server.address", "127.0.0.1"))
            for n in (1, 2)
        ]
        yield (*stack.enter_context(nginx(folder, apps)), apps)


def served(access_log: Path) -> list[dict[str, str]]:
    return [m.groupdict() for m in map(LOG_LINE.search, access_log.read_text().splitlines()) if m]


def route_to_each_process(proxy: str, access_log: Path, apps: list[str]) -> dict[str, str]:
    """A route cookie value that nginx sends to each process (consistent hashing: always the same)."""
    for n in range(64):
        _get(f"{proxy}/", cookie=f"rcw_route=probe-{n}")
    routes = {line["upstream"]: line["route"] for line in served(access_log) if line["route"].startswith("probe-")}
    assert set(routes) == {url.removeprefix("http://") for url in apps}
    return routes


def test_health_check_answers_through_the_proxy(proxied_app):
    proxy, _, _ = proxied_app
    assert _get(f"{proxy}/_stcore/health") == "ok"


def test_a_user_stays_on_one_process_and_the_other_shares_the_same_database(proxied_app, new_page):
    proxy, access_log, apps = proxied_app
    page = new_page()
    sign_in(page, proxy, "hana", "demo-researcher-2026")
    for path, heading in [("rounds_page", "Funding rounds"), ("my_applications_page", "My applications")]:
        page.goto(f"{proxy}/{path}")
        wait_for_app(page)
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}

    mine = [line for line in served(access_log) if line["route"] == cookies["rcw_route"]]
    assert {line["upstream"] for line in mine} == {mine[0]["upstream"]}
    sockets = [line for line in mine if line["path"].startswith("/_stcore/stream")]
    assert len(sockets) >= 3 and {line["status"] for line in sockets} == {"101"}  # one per page load
    assert any(line["method"] == "POST" and line["path"] == "/auth/login" for line in mine)

    # The same login, routed to the other process, is still signed in: the login lives in PostgreSQL.
    routes = route_to_each_process(proxy, access_log, apps)
    other_upstream = next(upstream for upstream in routes if upstream != mine[0]["upstream"])
    second = new_page()
    second.context.add_cookies(
        [
            {"name": "rcw_route", "value": routes[other_upstream], "url": proxy},
            {"name": "rcw_session", "value": cookies["rcw_session"], "url": proxy},
        ]
    )
    second.goto(f"{proxy}/my_applications_page")
    second.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()
    wait_for_app(second)
    second.close()  # nginx logs a websocket when it closes

    def theirs() -> list[dict[str, str]]:
        return [line for line in served(access_log) if line["route"] == routes[other_upstream] and line["path"] != "/"]

    deadline = time.monotonic() + 10
    while not any(line["path"].startswith("/_stcore/stream") for line in theirs()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert {line["upstream"] for line in theirs()} == {other_upstream}
    assert any(line["path"].startswith("/_stcore/stream") and line["status"] == "101" for line in theirs())


def test_an_upload_works_through_the_proxy_and_one_over_the_limit_is_refused(proxied_app, new_page):
    proxy, access_log, _ = proxied_app
    page = new_page()
    sign_in(page, proxy, "tama", "demo-manager-2026")
    page.goto(f"{proxy}/import_rounds_page")
    page.get_by_role("heading", name="Import rounds").wait_for()
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    uploader.set_input_files(files=[{"name": "rounds.csv", "mimeType": "text/csv", "buffer": ROUNDS_CSV}])
    page.get_by_text("1 rows in rounds.csv").wait_for()
    uploads = [line for line in served(access_log) if line["path"].startswith("/_stcore/upload_file")]
    assert [line["status"] for line in uploads if line["method"] == "PUT"] == ["204"]

    too_big = b"Funder,Scheme\n" + b"x" * (MAX_UPLOAD_BYTES + 1)
    uploader.set_input_files(files=[{"name": "huge.csv", "mimeType": "text/csv", "buffer": too_big}])
    expect(page.get_by_text(f"File must be {MAX_UPLOAD_MB}.0MB or smaller.")).to_be_visible()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _answer(url: str, data: bytes | None = None):
    """(status, headers) of one request, redirects not followed."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(urllib.request.Request(url, data=data), timeout=10) as r:  # noqa: S310
            return r.status, r.headers
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def test_security_headers_are_sent_once_through_the_proxy(proxied_app):
    proxy, _, _ = proxied_app
    _, page = _answer(f"{proxy}/")
    for name in SECURITY_HEADERS:
        assert len(page.get_all(name)) == 1, name
    assert "default-src 'self'" in page["Content-Security-Policy"]
    _, missing = _answer(f"{proxy}/_stcore/no-such-thing")
    assert all(len(missing.get_all(name) or []) == 1 for name in SECURITY_HEADERS)


# Last in the module: it uses up this address's sign-in allowance at the proxy.
def test_a_sign_in_flood_is_turned_back_at_the_proxy(proxied_app):
    proxy, access_log, _ = proxied_app
    started = time.monotonic()
    answers = [_answer(f"{proxy}/auth/login", b"username=nobody&password=not-it") for _ in range(30)]
    elapsed = time.monotonic() - started
    assert {(status, headers["Location"]) for status, headers in answers} == {(303, "/?login_error=wrong")}
    # The flood's own 30 requests (earlier tests in the module signed in through the proxy too).
    logins = [line for line in served(access_log) if line["path"] == "/auth/login"][-len(answers) :]
    turned_back = [line for line in logins if line["upstream"] == "-"]
    # nginx.conf: a burst of 20, then one every 3 s; nginx reads its clock once per event-loop turn, so
    # under load it may count one more 3 s step than our own clock does.
    assert len(logins) - len(turned_back) <= 22 + elapsed / 3
    assert turned_back and all(line["status"] == "303" for line in turned_back)
