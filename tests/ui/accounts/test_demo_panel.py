"""Admins load the demo from the Users page into a workspace with no data, and remove it again."""

from sqlalchemy import func, select

from research.db.models import FundingRound, User
from research.domain.roles import Role

USERS = "research/ui/pages/accounts/users_page.py"


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_an_admin_loads_and_removes_the_demo_from_the_app(signed_in, ui_uow):
    at, admin = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(USERS).run()
    assert not at.exception
    button(at, "Load the demo workspace").click().run()
    assert not at.exception
    assert any("Demo loaded" in s.value for s in at.success)
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) > 0
        assert session.scalar(select(User.id).where(User.username == "aroha")) is not None
    assert any("This workspace holds the demo" in m.value for m in at.markdown)

    button(at, "Yes, remove the demo").click().run()
    assert not at.exception
    assert any("Demo removed" in s.value for s in at.success)
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) == 0
        assert session.scalar(select(User.id).where(User.username == "aroha")) is None
        assert session.get(User, admin.id) is not None


def test_the_demo_is_not_offered_into_a_workspace_with_data(signed_in, ui_uow):
    from research.services.rounds import funders  # noqa: PLC0415

    at, admin = signed_in(Role.ADMIN)
    funders.save_funder(ui_uow, admin, "Marsden Fund", "New Zealand")
    at.run()
    at.switch_page(USERS).run()
    assert not [b for b in at.button if b.label == "Load the demo workspace"]
    assert any("no data yet" in c.value for c in at.caption)
