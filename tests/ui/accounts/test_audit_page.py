"""AppTest: the audit trail page groups sign-ins, names things and filters by who and what."""

from research.domain.roles import Role
from research.services.accounts import auth
from research.services.roi import clusters
from tests.ui.conftest import PASSWORD, add_user

AUDIT = "research/ui/pages/accounts/audit_page.py"


def test_sign_ins_are_grouped_and_changes_are_named_and_filtered(signed_in, ui_uow):
    tama = add_user(ui_uow, Role.MANAGER, "tama")
    auth.login(ui_uow, "tama", PASSWORD)
    clusters.add_cluster(ui_uow, tama, "Food innovation")
    at, _ = signed_in(Role.ADMIN)
    at.run()
    at.switch_page(AUDIT).run()
    assert not at.exception
    assert any(e.label.startswith("Sign-ins and sign-outs: 2 by 2 people") for e in at.expander)
    changes = at.dataframe[-1].value
    assert changes["on"].tolist() == ["cluster Food innovation"] and changes["who"].tolist() == ["Tama"]
    at.multiselect(key="audit_what").select("signed in").run()
    assert set(at.dataframe[-1].value["what"]) == {"signed in"}
    at.multiselect(key="audit_what").unselect("signed in").run()
    at.selectbox(key="audit_who").select(tama.id).run()
    assert set(at.dataframe[-1].value["who"]) == {"Tama"}
    assert not at.exception
