"""No secret in the repository: every tracked (or new, not ignored) file passes detect-secrets.

A line may be allowlisted with `# pragma: allowlist secret` and the reason beside it. The only
such lines are made-up passwords in tests, and one test name whose "ghs_..." looks like a GitHub
token. The demo accounts' passwords (research/demo/story.py) are public on purpose: the
sign-in page shows them in demo mode, and seed-demo is refused on a workspace that has users.
Real settings (DATABASE_URL with a password) belong in the environment or in
.streamlit/secrets.toml, which .gitignore keeps out.
"""

from __future__ import annotations

import subprocess

from detect_secrets import SecretsCollection
from detect_secrets.settings import default_settings

from research.config import ROOT


def repository_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def secrets_in(folder, names: list[str]) -> list[str]:
    found = SecretsCollection(root=str(folder))
    with default_settings():
        found.scan_files(*names)
    return sorted(f"{name}:{secret.line_number} {secret.type}" for name, secret in found)


def test_no_tracked_file_holds_a_secret():
    files = repository_files()
    assert len(files) > 100 and "research/config.py" in files
    assert secrets_in(ROOT, files) == []


def test_the_scan_finds_a_real_looking_secret(tmp_path):
    # Assembled here so that this file itself holds no secret-looking line.
    (tmp_path / "leak.py").write_text(
        "DATABASE_PASSWORD = " + '"Tr0ub4dor&3-horse"\n' + "aws_key = " + '"AKIA' + 'Z3MRT6JQDLW4PXYV"\n'
    )
    assert secrets_in(tmp_path, ["leak.py"]) == ["leak.py:1 Secret Keyword", "leak.py:2 AWS Access Key"]
