"""The rows of one block of planned applications: the application, its team, sections and every
revision, its review round with snapshot and reviews, comments, and the award if it won.

Revisions and comments are spread evenly, so the totals are exactly the requested scale:
a section's `version` and `revision_count` are its number of revisions, its body the last one's.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from bench.dataset import AppPlan, Ids, Workspace, award_amount, sentence, share_rows
from research.domain.application_status import ApplicationStatus as S
from research.domain.reviewing import RECOMMENDATIONS
from research.domain.section_rules import SectionStatus
from research.domain.template_spec import template_to_dict

TABLES = (
    "applications",
    "application_members",
    "sections",
    "section_revisions",
    "review_rounds",
    "snapshot_sections",
    "reviews",
    "comments",
    "awards",
    "award_shares",
)


class BlockBuilder:
    def __init__(self, ws: Workspace):
        self.ws, self.ids = ws, Ids()
        self.specs = [template_to_dict(t) for t in ws.templates]
        self.revisions_each = divmod(ws.scale.revisions, max(1, ws.section_count()))
        self.comments_each = divmod(ws.scale.comments, max(1, ws.scale.applications))

    def rows(self, plans: list[AppPlan]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = defaultdict(list)
        for plan in plans:
            self._application(plan, out)
        return out

    def _times(self, plan: AppPlan) -> tuple[datetime, datetime | None, datetime | None]:
        closes, now = self.ws.closes[plan.round_id - 1], self.ws.now
        if closes >= now:
            return now - timedelta(days=plan.id % 60 + 3), None, None
        created = closes - timedelta(days=100)
        submitted = closes - timedelta(days=1) if plan.status in (S.SUBMITTED, S.AWARDED, S.DECLINED) else None
        decided = (
            min(closes + timedelta(days=120), now - timedelta(days=1))
            if plan.status in (S.AWARDED, S.DECLINED)
            else None
        )
        return created, submitted, decided

    def _application(self, plan: AppPlan, out: dict[str, list[dict]]) -> None:
        created, submitted, decided = self._times(plan)
        spec = self.specs[plan.template]
        requested = Decimal(50_000 + plan.id * 7919 % 1_950_000)
        out["applications"].append(
            {
                "id": plan.id,
                "round_id": plan.round_id,
                "cluster_id": plan.cluster,
                "lead_id": plan.lead,
                "title": f"{sentence(plan.id, 5)[:-1]} {plan.id}",
                "status": plan.status.value,
                "currency": "NZD",
                "requested_amount": requested,
                "template_key": spec["key"],
                "template_spec": spec,
                "blind_reviews": False,
                "created_at": created,
                "submitted_at": submitted,
                "decided_at": decided,
            }
        )
        out["application_members"].append({"application_id": plan.id, "user_id": plan.lead, "added_at": created})
        if plan.coauthor:
            out["application_members"].append(
                {"application_id": plan.id, "user_id": plan.coauthor, "added_at": created}
            )
        sections = self._sections(plan, spec, created, out)
        reviews = self._review_round(plan, created, sections, out) if plan.reviewers else []
        self._comments(plan, created, sections, reviews, out)
        if plan.status == S.AWARDED and self.ids.award <= self.ws.scale.awards:
            self._award(plan, requested, decided, out)

    def _sections(
        self, plan: AppPlan, spec: dict, created: datetime, out: dict[str, list[dict]]
    ) -> list[tuple[int, int | None]]:
        """Writes the sections and their revisions; returns (section id, latest revision id) pairs."""
        written, base, extra = [], *self.revisions_each
        authors = (plan.lead, plan.coauthor or plan.lead)
        for position, item in enumerate(spec["sections"]):
            section_id = self.ids.section
            self.ids.section += 1
            count = base + (section_id - 1 < extra)
            body = ""
            for number in range(1, count + 1):
                body = f"{sentence(section_id + number)} {sentence(number, 9)} Draft {number}."
                out["section_revisions"].append(
                    {
                        "id": self.ids.revision,
                        "section_id": section_id,
                        "number": number,
                        "body": body,
                        "author_id": authors[number % 2],
                        "created_at": created + timedelta(hours=number),
                        "kind": "save",
                        "based_on": number - 1 or None,
                        "note": "",
                    }
                )
                self.ids.revision += 1
            limit = item.get("limit") or {}
            ready = count and (plan.status != S.DRAFTING or section_id % 3)
            out["sections"].append(
                {
                    "id": section_id,
                    "application_id": plan.id,
                    "key": item["key"],
                    "title": item["title"],
                    "guidance": item["guidance"],
                    "required": item["required"],
                    "position": position,
                    "limit_unit": limit.get("unit"),
                    "limit_max": limit.get("max"),
                    "body": body,
                    "status": (
                        SectionStatus.READY if ready else SectionStatus.DRAFTING if count else SectionStatus.EMPTY
                    ).value,
                    "version": count,
                    "revision_count": count,
                    "owner_id": authors[position % 2],
                    "due_on": None,
                    "updated_at": created + timedelta(hours=count) if count else None,
                    "updated_by_id": authors[count % 2] if count else None,
                }
            )
            written.append((section_id, self.ids.revision - 1 if count else None))
        return written

    def _review_round(
        self, plan: AppPlan, created: datetime, sections: list[tuple[int, int | None]], out: dict[str, list[dict]]
    ) -> list[tuple[int, int]]:
        """One review round on a snapshot of every section; returns (review id, reviewer) pairs."""
        round_id = self.ids.review_round
        self.ids.review_round += 1
        requested = min(created + timedelta(days=20), self.ws.now - timedelta(days=1))
        open_round = plan.status == S.IN_REVIEW
        out["review_rounds"].append(
            {
                "id": round_id,
                "application_id": plan.id,
                "number": 1,
                "requested_by_id": plan.lead,
                "requested_at": requested,
                "due_on": (requested + timedelta(days=14)).date(),
                "message": "Please read the aims closely.",
                "closed_at": None if open_round else requested + timedelta(days=20),
            }
        )
        out["snapshot_sections"].extend(
            {"review_round_id": round_id, "section_id": section_id, "revision_id": revision_id}
            for section_id, revision_id in sections
        )
        reviews = []
        for k, reviewer in enumerate(dict.fromkeys(plan.reviewers)):
            status = ("accepted" if k == 0 else "invited") if open_round else "submitted"
            done = status == "submitted"
            out["reviews"].append(
                {
                    "id": self.ids.review,
                    "review_round_id": round_id,
                    "reviewer_id": reviewer,
                    "status": status,
                    "due_on": (requested + timedelta(days=14)).date(),
                    "conflict_declared": False,
                    "conflict_note": "",
                    "decline_reason": "",
                    "recommendation": RECOMMENDATIONS[plan.id % 4] if done else None,
                    "summary": sentence(plan.id + k, 20) if done else "",
                    "invited_at": requested,
                    "responded_at": requested + timedelta(days=1) if status != "invited" else None,
                    "submitted_at": requested + timedelta(days=10) if done else None,
                }
            )
            reviews.append((self.ids.review, reviewer))
            self.ids.review += 1
        return reviews

    def _comments(
        self,
        plan: AppPlan,
        created: datetime,
        sections: list[tuple[int, int | None]],
        reviews: list[tuple[int, int]],
        out: dict[str, list[dict]],
    ) -> None:
        base, extra = self.comments_each
        team = [(None, plan.coauthor or plan.lead)]
        for k in range(base + (plan.id <= extra)):
            review_id, author = (reviews or team)[k % len(reviews or team)]
            out["comments"].append(
                {
                    "id": self.ids.comment,
                    "application_id": plan.id,
                    "section_id": sections[k % len(sections)][0],
                    "review_id": review_id,
                    "parent_id": None,
                    "author_id": author,
                    "body": sentence(plan.id + k, 12),
                    "quote": "",
                    "created_at": created + timedelta(days=21, hours=k),
                    "resolved_at": created + timedelta(days=30) if k % 3 == 0 else None,
                    "resolved_by_id": plan.lead if k % 3 == 0 else None,
                }
            )
            self.ids.comment += 1

    def _award(self, plan: AppPlan, requested: Decimal, decided: datetime | None, out: dict[str, list[dict]]) -> None:
        award_id, amount = self.ids.award, min(requested, abs(award_amount(self.ws.rng)) + 1)
        self.ids.award += 1
        funder, scheme = (plan.round_id - 1) % self.ws.scale.funders + 1, (plan.round_id - 1) // self.ws.scale.funders
        out["awards"].append(
            {
                "id": award_id,
                "identifier": f"B-{award_id}",
                "application_id": plan.id,
                "funder_id": funder,
                "funder_name": f"Funder {funder:03d}",
                "scheme": f"Scheme {scheme % 10}",
                "title": f"Award for application {plan.id}",
                "description": "",
                "recipient_org": "",
                "amount": amount,
                "currency": "NZD",
                "amount_nzd": amount,
                "amount_applied_for": requested,
                "awarded_on": (decided or self.ws.now).date(),
                "source": "application",
                "created_at": self.ws.now,
                "updated_at": None,
            }
        )
        out["award_shares"].extend(share_rows(award_id, plan.cluster, self.ws.scale.clusters))
