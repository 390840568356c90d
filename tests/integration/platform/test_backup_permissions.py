"""Files out are safe: a backup holds every password hash and draft, so only its owner may read it."""

import os
import stat

import pytest

from research.db.backup import backup
from research.domain.errors import DomainError
from tests.integration.platform.test_backup_restore import backup_name, new_database, opened  # noqa: F401


@pytest.fixture
def open_umask():
    old = os.umask(0o022)  # the usual default: new files readable by everyone
    yield
    os.umask(old)


def test_backups_are_readable_by_their_owner_only(new_database, tmp_path, open_umask):  # noqa: F811
    url = new_database()
    engine = opened(url)
    file = backup(engine, backup_name(tmp_path, url))
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert file.stat().st_size > 0
    with pytest.raises(DomainError, match="already exists"):
        backup(engine, file)
    engine.dispose()
