"""A migration that has shipped is never edited: its sha256 is recorded in migrations/shipped.sha256."""

import hashlib
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _recorded() -> dict[str, str]:
    lines = (MIGRATIONS / "shipped.sha256").read_text().splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def test_no_shipped_migration_has_changed():
    changed = [
        name
        for name, digest in _recorded().items()
        if hashlib.sha256((MIGRATIONS / name).read_bytes()).hexdigest() != digest
    ]
    assert not changed, f"Shipped migrations were edited: {changed}. Add a new migration instead."


def test_every_migration_is_recorded():
    files = {f"versions/{p.name}" for p in (MIGRATIONS / "versions").glob("*.py")}
    missing = sorted(files - _recorded().keys())
    assert not missing, (
        f"Not recorded in migrations/shipped.sha256: {missing}. "
        "Once final, run `cd migrations && sha256sum versions/<file> >> shipped.sha256`."
    )
