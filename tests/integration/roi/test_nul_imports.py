"""Input with NUL bytes is refused with a message: imported award files, in the dry run as in the import."""

import io
import json
import zipfile

import pytest
from openpyxl import Workbook

from research.domain.errors import InvalidInput
from research.domain.roles import Role
from research.services.roi import awards
from tests.service_catalogue import add_clusters, add_funders

CSV = (
    "Identifier,Title,Currency,Amount Awarded,Award Date,Funding Org:Name,Clusters\n"
    "A-1,Water\x00 networks,NZD,1000,2024-01-02,Health Research Council of New Zealand,Research\n"
    "A-2,Hearing,NZD,1000,2024-01-02,Health Research Council of New Zealand,Research\n"
    "A-3,Sleep\x00,NZD,1000,2024-01-02,Health Research Council of New Zealand,Research\n"
)


def xlsx_with_nul() -> bytes:
    """A workbook whose shared strings hold a raw NUL (openpyxl itself refuses to write one)."""
    book = Workbook()
    for line in CSV.replace("\x00", "NUL").splitlines():
        book.active.append(line.split(","))
    saved, out = io.BytesIO(), io.BytesIO()
    book.save(saved)
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename).replace(b"NUL", b"\x00"))
    return out.getvalue()


def giving_json() -> bytes:
    grant = {"id": "A-1", "title": "Water\u0000", "currency": "NZD", "amountAwarded": 1000, "awardDate": "2024-01-02"}
    return json.dumps({"grants": [grant]}).encode()


@pytest.fixture
def manager(uow, make_actor):
    add_clusters(uow, "Research")
    add_funders(uow, "Health Research Council of New Zealand")
    return make_actor(Role.MANAGER)


@pytest.mark.parametrize("dry_run", [True, False])
def test_award_files_with_nul_bytes_are_refused_in_dry_run_and_import(uow, manager, dry_run):
    cases = [
        ("awards.csv", CSV.encode(), "in line 2, line 4"),
        ("awards.json", giving_json(), "in grant 1"),
    ]
    for name, content, where in cases:
        with pytest.raises(InvalidInput, match=f"{name}: contains a NUL character .* {where}"):
            awards.import_awards(uow, manager, name, content, dry_run=dry_run)
    with pytest.raises(InvalidInput, match="awards.xlsx: is not an Excel workbook that can be read"):
        awards.import_awards(uow, manager, "awards.xlsx", xlsx_with_nul(), dry_run=dry_run)  # XML cannot hold NUL
    assert awards.list_awards(uow, manager) == []
