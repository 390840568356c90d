"""One way to write a moment for people: research.domain.round_values.format_moment, which always
names the zone. A clock time formatted anywhere else is a second way, and the way UTC crept onto pages."""

from pathlib import Path

import research

ROOT = Path(research.__file__).parent
# The clock itself reads the time. Not display: import files are written as wall-clock times in
# the round's stated zone; the Word export's label names its zone alongside.
ALLOWED = {"domain/clock.py", "domain/round_values.py", "services/rounds/files.py", "services/drafting/docx_export.py"}


def test_clock_times_are_formatted_only_by_format_moment():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "%H:%M" in line or "} UTC" in line or "datetime.now(" in line or "date.today(" in line
    ]
    assert offenders == []
