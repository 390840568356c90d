"""Browser fixtures: the real app on a free port, with the demo workspace, in headless Chromium.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/system-deps.sh); Playwright
only drives it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from research.config import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The app exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The app did not start within 60 s:\n{log.read_text()[-3000:]}")


def seed_demo(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "research", "seed-demo"], env=env, check=True, capture_output=True, cwd=ROOT)


@contextmanager
def running_app(env: dict[str, str], log: Path, *extra_args: str) -> Iterator[str]:
    """`streamlit run research/ui/asgi.py` on a free port: yields its URL once healthy, stops it after."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "research/ui/asgi.py"),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
                *extra_args,
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> str:
    """Base URL of a running app whose database holds the demo workspace."""
    folder = tmp_path_factory.mktemp("live")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'e2e.db'}", "DEMO_MODE": "1"}
    seed_demo(env)
    with running_app(env, folder / "app.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-deps.sh", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """new_page() -> a Page in a fresh browser context (its own cookies)."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    ARTIFACTS.mkdir(exist_ok=True)
    for index, context in enumerate(contexts):
        if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
            for page in context.pages:
                page.screenshot(path=ARTIFACTS / f"{request.node.name}-{index}.png", full_page=True)
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("#signin-form button[type=submit]").click()
    page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_MS)
