"""Peak RSS of one real app server process after headless Chromium has opened every main page.

Starts `streamlit run research/ui/asgi.py` on the given database, signs in as each role in
Debian's Chromium (driven by Playwright), visits the pages, and reads the server's VmHWM.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

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
TIMEOUT_MS = 180_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("The app server exited early")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310 - localhost
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("The app server did not start within 120 s")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def _visit_all(base: str, accounts: dict[str, tuple[str, str]], files: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for username, password in accounts.values():
                context = browser.new_context(viewport={"width": 1300, "height": 900})
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                page.goto(base)
                page.locator("input[name=username]").fill(username)
                page.locator("input[name=password]").fill(password)
                page.locator("#signin-form button[type=submit]").click()
                page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()
                for file in dict.fromkeys(files):
                    page.goto(f"{base}/{Path(file).stem}")
                    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
                context.close()
        finally:
            browser.close()


def server_peak_rss(database_url: str, accounts: dict[str, tuple[str, str]], files: list[str]) -> float:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("DEMO_MODE", None)
    with tempfile.TemporaryFile() as log:
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
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, process)
            _visit_all(base, accounts, files)
            return peak_rss_mb(process.pid)
        except Exception:
            log.seek(0)
            print(log.read().decode(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            process.terminate()
            process.wait(timeout=30)
