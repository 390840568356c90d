"""Attribution: which application and cluster each award is linked to, by which rule, and where it was won.

Every award gets one AwardAttribution row, written by `refresh` before any figure is read:
- the same application id (an award recorded from an application marked awarded);
- the cluster named in the imported file (or shares a person set);
- a title-and-lead match against the unit's applications (rapidfuzz, with its score), when the
  score reaches MATCH_THRESHOLD; below it the best candidate and its score are kept as a suggestion;
- a person's decision, which no later rule overrides.
Its place (in the workspace's area, outside it, no location) is classified against the area in
force; when the area changes, the places are classified again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

import numpy
from rapidfuzz import fuzz, process, utils
from sqlalchemy import Table, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from research.db.models import Application, Award, AwardAttribution, AwardShare, Cluster, User
from research.db.uow import UnitOfWork
from research.domain.application_status import ApplicationStatus
from research.domain.attribution import MATCH_THRESHOLD, LinkSource, Place, place_of
from research.domain.clock import utcnow
from research.domain.errors import InvalidInput, NotFound, Problem
from research.domain.ledger_values import HUNDRED
from research.domain.locale import workspace_locale
from research.domain.roles import Action, require
from research.services.common.actor import Actor
from research.services.common.audit import record
from research.services.common.listing import LIST_LIMIT, Listing, contains_text

CHUNK = 2000  # awards matched against the applications at once (a CHUNK x applications score matrix)
TITLE_WEIGHT, LEAD_WEIGHT = 0.75, 0.25
SUGGESTION_FLOOR = 60.0  # a weaker best match is no suggestion at all
MATCHABLE = (ApplicationStatus.SUBMITTED.value, ApplicationStatus.AWARDED.value)
PLACE_FIELDS = ("recipient_org", "recipient_id", "locality", "postcode", "region", "country")


@dataclass(frozen=True)
class Candidate:
    application_id: int
    cluster_id: int
    title: str
    lead: str


@dataclass(frozen=True)
class AttributionView:
    award_id: int
    identifier: str
    title: str
    amount: Decimal
    awarded_on: date
    recipient: str
    where: str
    place: Place
    source: LinkSource
    score: Decimal | None
    application: str
    clusters: str
    decided_by: str
    place_fields: tuple[str, str, str, str] = ("", "", "", "")  # locality, postcode, region, country


@dataclass(frozen=True)
class PlaceInput:
    recipient_org: str = ""
    recipient_id: str = ""
    locality: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""


def area_text() -> str:
    return str(workspace_locale().area.text)


def refresh(session: Session) -> int:
    """Attribute the awards that have no attribution yet and classify places against the area now.

    Returns how many rows were written; a no-op (two cheap reads) when nothing changed.
    """
    written = _attribute_new(session)
    return written + _classify_stale(session)


def _attribute_new(session: Session) -> int:
    shared = select(AwardShare.award_id).distinct().subquery()
    new = session.execute(
        select(
            Award.id,
            Award.application_id,
            Award.title,
            Award.lead,
            shared.c.award_id.is_not(None),
            Award.locality,
            Award.postcode,
            Award.region,
            Award.country,
        )
        .outerjoin(AwardAttribution, AwardAttribution.award_id == Award.id)
        .outerjoin(shared, shared.c.award_id == Award.id)
        .where(AwardAttribution.award_id.is_(None))
        .order_by(Award.id)
    ).all()
    if not new:
        return 0
    candidates = _candidates(session)
    rows: list[dict[str, Any]] = []
    shares: list[dict[str, Any]] = []
    to_match = []
    clusters_of = _application_clusters(session, {n[1] for n in new if n[1] is not None and not n[4]})
    placed = _Places()
    for award_id, application_id, title, lead, has_shares, *place in new:
        placed.remember(award_id, place)
        if application_id is not None:
            rows.append(_row(award_id, LinkSource.APPLICATION, application_id))
            if not has_shares and application_id in clusters_of:
                shares.append({"award_id": award_id, "cluster_id": clusters_of[application_id], "percent": HUNDRED})
        elif has_shares:
            rows.append(_row(award_id, LinkSource.FILE, None))
        else:
            to_match.append((award_id, title, lead))
    for award_id, best in _best_matches(to_match, candidates):
        if best is None:
            rows.append(_row(award_id, LinkSource.NONE, None))
            continue
        candidate, score = best
        linked = score >= MATCH_THRESHOLD
        rows.append(
            _row(award_id, LinkSource.TITLE_LEAD if linked else LinkSource.NONE, candidate.application_id, score)
        )
        if linked:
            shares.append({"award_id": award_id, "cluster_id": candidate.cluster_id, "percent": HUNDRED})
    for row in rows:
        row["in_area"], row["area_spec"] = placed.of(row["award_id"]), placed.spec
    # Core inserts (no ORM bookkeeping per row): an import of 50,000 awards attributes them all at once.
    # Two app processes may attribute the same new awards at once: the second one's rows are skipped.
    session.execute(_insert_new(session, AwardAttribution), rows)
    if shares:
        session.execute(_insert_new(session, AwardShare), shares)
    return len(rows)


class _Places:
    """Each award's answer from the area in force, asked once per distinct place."""

    def __init__(self) -> None:
        self.area = workspace_locale().area
        self.spec: str = self.area.text
        self._answers: dict[tuple[str, ...], bool | None] = {}
        self._of: dict[int, bool | None] = {}

    def remember(self, award_id: int, place: Sequence[str | None]) -> bool | None:
        key = tuple(p or "" for p in place)
        if key not in self._answers:
            self._answers[key] = self.area.contains(*key)
        self._of[award_id] = self._answers[key]
        return self._of[award_id]

    def of(self, award_id: int) -> bool | None:
        return self._of[award_id]


def _row(award_id: int, source: LinkSource, application_id: int | None, score: float | None = None) -> dict[str, Any]:
    return {
        "award_id": award_id,
        "application_id": application_id,
        "source": source.value,
        "score": None if score is None else Decimal(str(round(score, 1))),
        "in_area": None,
        "area_spec": None,
    }


def _candidates(session: Session) -> list[Candidate]:
    """Applications an imported award may be the outcome of: submitted or awarded, in a cluster, with no award
    recorded from them (one that has its award would be credited twice)."""
    recorded = select(Award.application_id).where(Award.application_id.is_not(None))
    rows = session.execute(
        select(Application.id, Application.cluster_id, Application.title, User.display_name)
        .join(User, User.id == Application.lead_id)
        .where(
            Application.cluster_id.is_not(None),
            Application.status.in_(MATCHABLE),
            Application.id.not_in(recorded),
        )
        .order_by(Application.id)
    ).all()
    return [Candidate(a, c, t, lead) for a, c, t, lead in rows if c is not None]


def _application_clusters(session: Session, application_ids: set[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    ids = sorted(application_ids)
    for start in range(0, len(ids), 500):
        found.update(
            {
                a: c
                for a, c in session.execute(
                    select(Application.id, Application.cluster_id).where(Application.id.in_(ids[start : start + 500]))
                )
                if c is not None
            }
        )
    return found


def _best_matches(
    awards: Sequence[tuple[int, str, str]], candidates: list[Candidate]
) -> Iterable[tuple[int, tuple[Candidate, float] | None]]:
    """Each award's best application by title (and lead, where both name one), scored 0-100."""
    if not candidates:
        yield from ((award_id, None) for award_id, _, _ in awards)
        return
    # token_sort_ratio, computed as ratio of the token-sorted texts: the same score, six times faster in cdist.
    titles = [_sorted_tokens(c.title) for c in candidates]
    leads = [c.lead for c in candidates]
    named = numpy.array([bool(other.strip()) for other in leads])
    for start in range(0, len(awards), CHUNK):
        chunk = awards[start : start + CHUNK]
        scores = process.cdist(
            [_sorted_tokens(t) for _, t, _ in chunk],
            titles,
            scorer=fuzz.ratio,
            score_cutoff=SUGGESTION_FLOOR,
            workers=1,
        ).astype(numpy.float32)
        award_named = numpy.array([bool(lead.strip()) for _, _, lead in chunk])
        if award_named.any():  # where both name a lead, it weighs a quarter of the score
            lead_scores = process.cdist(
                [lead for _, _, lead in chunk], leads, scorer=fuzz.token_set_ratio, processor=utils.default_process
            ).astype(numpy.float32)
            both = award_named[:, None] & named[None, :]
            scores = numpy.where(both, TITLE_WEIGHT * scores + LEAD_WEIGHT * lead_scores, scores)
        best = scores.argmax(axis=1)
        for i, (award_id, _title, _lead) in enumerate(chunk):
            score = float(scores[i, best[i]])
            yield award_id, (candidates[int(best[i])], score) if score >= SUGGESTION_FLOOR else None


def _insert_new(session: Session, model: type[AwardAttribution] | type[AwardShare]) -> Executable:
    """A Core insert that skips a row another transaction has written meanwhile (same key)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(_table(model)).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(_table(model)).on_conflict_do_nothing()
    return insert(_table(model))


def _table(model: type[AwardAttribution] | type[AwardShare]) -> Table:
    return cast(Table, model.__table__)


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(utils.default_process(text).split()))


def _classify_stale(session: Session) -> int:
    placed = _Places()
    stale = session.execute(
        select(AwardAttribution.award_id, Award.locality, Award.postcode, Award.region, Award.country)
        .join(Award, Award.id == AwardAttribution.award_id)
        .where(or_(AwardAttribution.area_spec.is_(None), AwardAttribution.area_spec != placed.spec))
    ).all()
    if not stale:
        return 0
    updates = [
        {"award_id": award_id, "in_area": placed.remember(award_id, place), "area_spec": placed.spec}
        for award_id, *place in stale
    ]
    table = _table(AwardAttribution)
    session.execute(
        update(table).where(table.c.award_id == bindparam("key")),
        [{"key": u["award_id"], "in_area": u["in_area"], "area_spec": u["area_spec"]} for u in updates],
    )
    return len(updates)


# --- the page and command line: see, confirm and change links -------------------------------------------


def list_attributions(
    uow: UnitOfWork, actor: Actor, search: str = "", unlinked_only: bool = False, limit: int | None = LIST_LIMIT
) -> Listing[AttributionView]:
    """Awards with their link (rule, score, application, clusters) and place, unlinked first then newest."""
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        refresh(session)
        conditions = []
        matches = contains_text([Award.identifier, Award.title, Award.funder_name, Award.recipient_org], search)
        if matches is not None:
            conditions.append(matches)
        if unlinked_only:
            conditions.append(AwardAttribution.source == LinkSource.NONE.value)
        base = select(Award.id).join(AwardAttribution, AwardAttribution.award_id == Award.id).where(*conditions)
        total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
        decider = User.__table__.alias("decider")
        rows = session.execute(
            select(
                Award,
                AwardAttribution.source,
                AwardAttribution.score,
                AwardAttribution.in_area,
                Application.title,
                decider.c.display_name,
            )
            .join(AwardAttribution, AwardAttribution.award_id == Award.id)
            .outerjoin(Application, Application.id == AwardAttribution.application_id)
            .outerjoin(decider, decider.c.id == AwardAttribution.decided_by_id)
            .where(*conditions)
            .order_by(
                (AwardAttribution.source == LinkSource.NONE.value).desc(), Award.awarded_on.desc(), Award.id.desc()
            )
            .limit(limit)
        ).all()
        ids = [r[0].id for r in rows]
        clusters = _cluster_text(session, ids)
        area_set = workspace_locale().area.is_set
        items = tuple(
            AttributionView(
                award.id,
                award.identifier,
                award.title,
                award.amount_nzd,
                award.awarded_on,
                award.recipient_org,
                ", ".join(p for p in (award.locality, award.postcode, award.region, award.country) if p),
                place_of(in_area, area_set),
                LinkSource(source),
                score,
                app_title or "",
                clusters.get(award.id, ""),
                decider_name or "",
                (award.locality, award.postcode, award.region, award.country),
            )
            for award, source, score, in_area, app_title, decider_name in rows
        )
        return Listing(items, total)


def _cluster_text(session: Session, award_ids: list[int]) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    if not award_ids:
        return {}
    for award_id, name, percent in session.execute(
        select(AwardShare.award_id, Cluster.name, AwardShare.percent)
        .join(Cluster, Cluster.id == AwardShare.cluster_id)
        .where(AwardShare.award_id.in_(award_ids))
        .order_by(AwardShare.award_id, Cluster.name)
    ):
        label = name if percent == HUNDRED else f"{name} {percent.normalize():f}%"
        found.setdefault(award_id, []).append(label)
    return {k: "; ".join(v) for k, v in found.items()}


def application_choices(uow: UnitOfWork, actor: Actor) -> list[tuple[int, str]]:
    """Applications an award can be linked to: (id, 'title (cluster)')."""
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        rows = session.execute(
            select(Application.id, Application.title, Cluster.name)
            .outerjoin(Cluster, Cluster.id == Application.cluster_id)
            .order_by(Application.title, Application.id)
        ).all()
        return [(a, f"{t} ({c or 'no cluster'})") for a, t, c in rows]


def link_award(uow: UnitOfWork, actor: Actor, award_id: int, application_id: int | None, cluster: str | None) -> int:
    """A person's decision: the award's application (or none) and the one cluster it is credited to (or none).

    No cluster leaves the award unattributed: shown apart, never counted in the city's return.
    """
    require(actor.role, Action.MANAGE_LEDGERS)
    with uow as session:
        refresh(session)
        award = session.get(Award, award_id)
        attribution = session.get(AwardAttribution, award_id)
        if award is None or attribution is None:
            raise NotFound("That award no longer exists.")
        problems = []
        if application_id is not None and session.get(Application, application_id) is None:
            problems.append(Problem("Application", "that application no longer exists"))
        cluster_id = None
        if cluster:
            cluster_id = session.scalar(select(Cluster.id).where(func.lower(Cluster.name) == cluster.strip().lower()))
            if cluster_id is None:
                problems.append(Problem("Cluster", f"there is no cluster called {cluster!r}"))
        if problems:
            raise InvalidInput(problems)
        before = (attribution.source, attribution.application_id)
        session.execute(delete(AwardShare).where(AwardShare.award_id == award_id))
        if cluster_id is not None:
            session.add(AwardShare(award_id=award_id, cluster_id=cluster_id, percent=HUNDRED))
        attribution.source, attribution.application_id, attribution.score = (
            LinkSource.PERSON.value,
            application_id,
            None,
        )
        attribution.decided_by_id, attribution.decided_at = actor.audit_id, utcnow()
        award.updated_at = utcnow()
        record(
            session,
            actor.audit_id,
            "linked award",
            "award",
            award_id,
            identifier=award.identifier,
            before=list(before),
            application_id=application_id,
            cluster=cluster or None,
        )
        return award_id


def mark_person_decided(session: Session, actor_id: int | None, award_id: int) -> None:
    """Shares set by a person count as their decision (called inside the caller's transaction)."""
    refresh(session)
    session.execute(
        update(AwardAttribution)
        .where(AwardAttribution.award_id == award_id)
        .values(source=LinkSource.PERSON.value, decided_by_id=actor_id, decided_at=utcnow(), score=None)
    )


def set_award_place(uow: UnitOfWork, actor: Actor, award_id: int, place: PlaceInput) -> Place:
    """Correct where an award's recipient is (e.g. the headquarters effect); returns its place now."""
    require(actor.role, Action.MANAGE_LEDGERS)
    problems = [
        Problem(field.replace("_", " ").capitalize(), "is too long")
        for field, limit in (("recipient_org", 200), ("recipient_id", 200), ("locality", 200), ("postcode", 40))
        if len(getattr(place, field)) > limit
    ]
    problems += [
        Problem(field.capitalize(), "is too long")
        for field, limit in (("region", 200), ("country", 100))
        if len(getattr(place, field)) > limit
    ]
    if problems:
        raise InvalidInput(problems)
    with uow as session:
        award = session.get(Award, award_id)
        if award is None:
            raise NotFound("That award no longer exists.")
        before = {f: getattr(award, f) for f in PLACE_FIELDS}
        for field in PLACE_FIELDS:
            setattr(award, field, getattr(place, field).strip())
        award.updated_at = utcnow()
        session.flush()
        refresh(session)
        session.execute(update(AwardAttribution).where(AwardAttribution.award_id == award_id).values(area_spec=None))
        _classify_stale(session)
        in_area = session.scalar(select(AwardAttribution.in_area).where(AwardAttribution.award_id == award_id))
        record(session, actor.audit_id, "changed award place", "award", award_id, before=before, after=vars(place))
        return place_of(in_area, workspace_locale().area.is_set)


def after_import(session: Session, updated_award_ids: list[int]) -> int:
    """Awards a file changed are linked and placed again (a person's link stays); new ones are attributed."""
    for start in range(0, len(updated_award_ids), 500):
        chunk = updated_award_ids[start : start + 500]
        session.execute(
            delete(AwardAttribution).where(
                AwardAttribution.award_id.in_(chunk), AwardAttribution.source != LinkSource.PERSON.value
            )
        )
        session.execute(update(AwardAttribution).where(AwardAttribution.award_id.in_(chunk)).values(area_spec=None))
    return refresh(session)
