"""deploy/run-app-processes.sh: starts the app processes on consecutive ports, and stops them all when one stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest

from research.config import ROOT
from tests.e2e.conftest import _wait_healthy

pytestmark = pytest.mark.e2e

SCRIPT = ROOT / "deploy" / "run-app-processes.sh"


def two_free_ports() -> int:
    """A port p such that p and p + 1 are free now."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
        return port
    raise AssertionError("no two consecutive free ports")


def test_the_runner_starts_each_process_and_stops_the_set_when_one_stops(tmp_path):
    port = two_free_ports()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "APP_PROCESSES": "2",
        "APP_FIRST_PORT": str(port),
        "PYTHON": sys.executable,
    }
    log = tmp_path / "run.log"
    with log.open("w") as out:
        runner = subprocess.Popen(
            ["bash", str(SCRIPT)], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        for offset in (0, 1):
            _wait_healthy(f"http://127.0.0.1:{port + offset}", runner, log)
        started = [line for line in log.read_text().splitlines() if line.startswith("app process")]
        second_pid = int(started[1].split("pid ")[1].split(",")[0])
        os.kill(second_pid, signal.SIGTERM)
        assert runner.wait(timeout=30) == 128 + signal.SIGTERM
        assert "an app process stopped (status 143); stopping the others" in log.read_text()
        with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGTERM)
            runner.wait(timeout=15)
