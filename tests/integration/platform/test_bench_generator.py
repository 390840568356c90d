"""The scale generator (bench.generate) at a tiny scale: exact counts, consistent rows, and the
app's services read what it wrote, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from bench.dataset import BENCH_PASSWORD, SCALES
from bench.generate import ensure, generate
from bench.summary import Result, ratio_result, table
from research.db.models import (
    Application,
    ApplicationMember,
    Award,
    Cluster,
    ClusterGrant,
    Comment,
    Funder,
    FundingRound,
    Review,
    Section,
    SectionRevision,
    User,
)
from research.domain.attribution import Counted
from research.domain.roi import RoiFilter
from research.services.accounts import auth
from research.services.accounts import users as accounts
from research.services.drafting.application_view import application_detail
from research.services.drafting.applications import my_applications
from research.services.drafting.sections import open_section
from research.services.review import reviewing
from research.services.review.overview import find_review_applications
from research.services.roi import dashboard as roi

SMALL = SCALES["small"]


def quiet(_: str) -> None:
    pass


@pytest.fixture
def generated(uow):
    return generate(uow.engine, SMALL, "test", say=quiet)


def signed_in(uow, username: str):
    return auth.resolve(uow, auth.login(uow, username, BENCH_PASSWORD).token, 120)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_counts_are_exactly_the_requested_scale(uow, generated):
    with uow as session:
        assert {
            model.__tablename__: count(session, model)
            for model in (
                Cluster,
                Funder,
                FundingRound,
                Application,
                SectionRevision,
                Comment,
                Award,
                User,
                ClusterGrant,
            )
        } == {
            "clusters": SMALL.clusters,
            "funders": SMALL.funders,
            "funding_rounds": SMALL.rounds,
            "applications": SMALL.applications,
            "section_revisions": SMALL.revisions,
            "comments": SMALL.comments,
            "awards": SMALL.awards,
            "users": SMALL.users,
            "cluster_grants": SMALL.grants,
        }


def test_each_section_is_at_its_latest_revision_and_shows_its_text(uow, generated):
    latest = (
        select(SectionRevision.section_id, func.max(SectionRevision.number).label("number"))
        .group_by(SectionRevision.section_id)
        .subquery()
    )
    with uow as session:
        rows = session.execute(
            select(
                Section.version,
                Section.revision_count,
                Section.body,
                Section.status,
                func.coalesce(latest.c.number, 0),
                SectionRevision.body,
            )
            .outerjoin(latest, latest.c.section_id == Section.id)
            .outerjoin(
                SectionRevision,
                (SectionRevision.section_id == Section.id) & (SectionRevision.number == latest.c.number),
            )
        ).all()
    assert rows
    for version, revision_count, body, status, newest, newest_body in rows:
        assert version == revision_count == newest
        assert body == (newest_body or "")
        assert (status == "empty") == (newest == 0)


def test_every_application_has_its_template_sections_and_its_lead_on_the_team(uow, generated):
    with uow as session:
        for application in session.scalars(select(Application)):
            keys = list(
                session.scalars(
                    select(Section.key).where(Section.application_id == application.id).order_by(Section.position)
                )
            )
            assert keys == [s["key"] for s in application.template_spec["sections"]]
            assert (
                session.scalar(
                    select(ApplicationMember.id).where(
                        ApplicationMember.application_id == application.id,
                        ApplicationMember.user_id == application.lead_id,
                    )
                )
                is not None
            )
            assert application.round_id is not None


def test_the_return_dashboard_adds_up_the_generated_awards_and_grants(uow, generated):
    with uow as session:
        awards = session.scalar(select(func.sum(Award.amount_nzd)))
        grants = session.scalar(select(func.sum(ClusterGrant.amount)))
        shares = session.execute(text("SELECT award_id, SUM(percent) FROM award_shares GROUP BY award_id")).all()
    assert all(total == 100 for _, total in shares)
    headline = roi.compute_dashboard(uow, RoiFilter()).headline
    basis = headline.basis
    assert basis is not None and not basis.area_set  # no area: every award credited to a cluster counts
    assert headline.won == basis.amount(Counted.COUNTED)
    # Every generated award is either counted or shown apart (no cluster; zero), never lost or added twice.
    apart = sum((t.amount for t in basis.totals if t.counted is not Counted.COUNTED), Decimal(0))
    assert headline.won + apart == awards
    counted_apart = sum(t.awards for t in basis.totals if t.counted is not Counted.COUNTED)
    assert headline.awards + counted_apart + basis.zero_awards == SMALL.awards
    assert headline.granted == grants


def test_generated_people_sign_in_and_the_services_read_their_work(uow, generated):
    researcher = signed_in(uow, "researcher-1")
    mine = my_applications(uow, researcher)
    with uow as session:
        assert len(mine) == session.scalar(
            select(func.count()).select_from(ApplicationMember).where(ApplicationMember.user_id == researcher.id)
        )
    detail = application_detail(uow, researcher, mine[0].id)
    assert detail.sections
    with uow as session:
        stored = session.get(Section, detail.sections[0].id)
    assert open_section(uow, researcher, stored.id).version == stored.version

    reviewer = signed_in(uow, "reviewer-1")
    with uow as session:
        assigned = session.scalar(select(func.count()).select_from(Review).where(Review.reviewer_id == reviewer.id))
    assert len(reviewing.review_inbox(uow, reviewer)) == assigned > 0

    manager = signed_in(uow, "manager-1")
    listing = find_review_applications(uow, manager, oversee=True, limit=3)
    assert (len(listing.items), listing.total, listing.partial) == (3, SMALL.applications, True)
    admin = signed_in(uow, "admin-1")
    assert accounts.find_users(uow, admin, "reviewer-").total == 2


def test_a_generated_database_is_reused_and_another_one_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    said: list[str] = []
    ensure(url, "small", say=said.append).dispose()
    ensure(url, "small", say=said.append).dispose()
    assert said[0].startswith("Generating") and said[-1].startswith("Reusing")
    with pytest.raises(SystemExit, match="already holds other data"):
        ensure(url, "small", seed=8, say=quiet)


def test_the_summary_table_lists_every_figure_and_says_which_miss_their_target():
    results = [
        ratio_result("page Users (sqlite, CPU)", 30.0, 20.0, 2.0, floor_label="demo: "),
        ratio_result("ROI dashboard (SQLite)", 900.0, 300.0, 2.0),
        Result("server RSS", "420 MB", "—", None, "< 500 MB", True),
    ]
    lines = table(results).splitlines()
    assert lines[0].split() == ["benchmark", "figure", "floor", "ratio", "target", "ok?"]
    assert "demo: 20.0 ms" in lines[2] and "1.50x" in lines[2]
    assert lines[2].endswith("yes") and lines[3].endswith("NO") and lines[4].endswith("yes")
    assert "3.00x" in lines[3]
    assert lines[-1] == "2 of 3 figures within their targets"


def test_a_stale_cached_dataset_is_made_again(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    monkeypatch.setattr("bench.generate.default_url", lambda scale: url)
    ensure(url, "small", seed=8, say=quiet).dispose()
    said: list[str] = []
    engine = ensure(url, "small", say=said.append)
    with engine.connect() as db:
        assert db.scalar(select(func.count()).select_from(Application)) == SMALL.applications
    engine.dispose()
    assert "making it again" in said[0] and said[-1].startswith("Generated")


def test_python_m_bench_ends_with_the_summary_of_what_it_ran(capsys):
    from bench.__main__ import main

    results = main(["rounds_import", "--quick"])
    assert [r.benchmark for r in results] == [
        "rounds import 2,000 rows (SQLite)",
        "rounds import 2,000 rows (SQLite) peak RSS",
    ]
    summary = capsys.readouterr().out.split("=== Summary\n")[1]
    assert summary.splitlines()[0].split() == ["benchmark", "figure", "floor", "ratio", "target", "ok?"]
    assert summary.rstrip().endswith(f"{sum(r.ok for r in results)} of 2 figures within their targets")
