"""Import a 50,000-row NIH-RePORTER-like awards file, mapped and attributed, against the bare floor.

The file has NIH's column names (project_number, project_title, award_amount, award_notice_date,
org_name, org_city, org_state, org_zipcode, org_country, agency_ic_admin, activity,
contact_pi_name), amounts in USD. The import maps the columns (`--map FIELD=COLUMN`), checks
every cell, converts at a flat rate, writes the awards, then attributes each one: the rule that
links it to an application and cluster (a title-and-lead match against 300 applications here,
rapidfuzz) and its place against the workspace's area ("Baltimore;Bethesda;208"). The floor is
pandas.read_csv plus one bulk INSERT of the same awards, converted by pandas, nothing checked,
nothing attributed. Each side runs in a fresh process on a fresh database, so the peak memory
(RSS) printed is that side's alone; the best of --repeat runs counts.

    PYTHONPATH=. python -m bench.awards_import [--rows 50000] [--repeat 3] [--database-url URL] [--quick]

Targets: import (with mapping and attribution) within 3x of the floor; peak RSS under 500 MB.
"""

from __future__ import annotations

import csv
import random
import time
from datetime import date, timedelta
from pathlib import Path

from bench.import_runs import backend, best, options, report_worker, run_sides, verdict

RATE = "1.65"  # NZD for one USD, flat
AREA = "Baltimore;Bethesda;208"
APPLICATIONS = 300
CLUSTERS = ("Research", "Engineering", "Food", "Technology", "International education")
PLACES = (
    ("JOHNS HOPKINS UNIVERSITY", "BALTIMORE", "MD", "212182608"),
    ("NATIONAL INSTITUTES OF HEALTH", "BETHESDA", "MD", "208920001"),
    ("UNIVERSITY OF WASHINGTON", "SEATTLE", "WA", "981959472"),
    ("STANFORD UNIVERSITY", "STANFORD", "CA", "943052004"),
    ("UNIVERSITY OF MICHIGAN", "ANN ARBOR", "MI", "481091276"),
    ("", "", "", ""),  # no location recorded
)
SYLLABLES = ("im", "mu", "ne", "car", "di", "ac", "re", "pa", "ir", "neu", "ral", "cir", "cu", "it", "ge", "no", "mic")
WORDS = tuple(
    a + b + c for a in SYLLABLES[:8] for b in SYLLABLES[4:12] for c in SYLLABLES[9:]
)  # 512 made-up words: titles that share words by chance, as real ones do, but rarely match
MAP = (
    "identifier=project_number",
    "title=project_title",
    "amount=award_amount",
    "currency=currency",
    "awarded_on=award_notice_date",
    "funder=agency_ic_admin",
    "scheme=activity",
    "recipient_name=org_name",
    "locality=org_city",
    "region=org_state",
    "postcode=org_zipcode",
    "country=org_country",
)
HEADERS = [
    "project_number",
    "project_title",
    "award_amount",
    "currency",
    "award_notice_date",
    "agency_ic_admin",
    "activity",
    "org_name",
    "org_city",
    "org_state",
    "org_zipcode",
    "org_country",
    "contact_pi_name",
]


def _title(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 5)).capitalize()


def application_titles() -> list[str]:
    rng = random.Random(11)
    return [_title(rng) for _ in range(APPLICATIONS)]


def write_file(path: Path, rows: int) -> None:
    """NIH-like rows: one project number per fiscal year; one row in 20 repeats an application's title."""
    rng, titles = random.Random(7), application_titles()
    start = date(2010, 9, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for i in range(rows):
            org, city, state, zipcode = PLACES[i % len(PLACES)]
            title = titles[i % APPLICATIONS] if i % 20 == 0 else _title(rng)
            writer.writerow(
                [
                    f"5R01{['AI', 'HL', 'CA', 'NS'][i % 4]}{100000 + i:06d}-{i % 15 + 1:02d}",
                    title,
                    f"{rng.randint(50_000, 3_000_000)}.{rng.randint(0, 99):02d}",
                    "USD",
                    (start + timedelta(days=i % 5000)).isoformat(),
                    ["NIAID", "NHLBI", "NCI", "NINDS"][i % 4],
                    ["R01", "R21", "U01", "P30"][i % 4],
                    org,
                    city,
                    state,
                    zipcode,
                    "UNITED STATES" if org else "",
                    f"Investigator {i % 997}",
                ]
            )


def _prepare(database_url: str):
    from research.config import parse_database_url
    from research.db.engine import make_engine
    from research.db.migrate import upgrade_to_head
    from research.db.models import Application, Cluster, User
    from research.db.uow import UnitOfWork
    from research.domain.area import Area
    from research.domain.locale import Locale, set_locale_source
    from research.services.common.actor import Actor

    locale = Locale(area=Area.parse(AREA))
    set_locale_source(lambda: locale)
    engine = make_engine(parse_database_url(database_url))
    upgrade_to_head(engine)
    uow = UnitOfWork(engine)
    with uow as session:
        clusters = [Cluster(name=name) for name in CLUSTERS]
        user = User(username="bench", display_name="Bench", role="manager", password_hash="-")  # noqa: S106
        session.add_all([*clusters, user])
        session.flush()
        session.add_all(
            Application(
                title=title,
                status="awarded",
                cluster_id=clusters[n % len(clusters)].id,
                lead_id=user.id,
                requested_amount=1,
                currency="NZD",
                template_key="",
                template_spec={},
            )
            for n, title in enumerate(application_titles())
        )
        actor = Actor.from_user(user)
    return engine, uow, actor


def run_floor(database_url: str, path: Path) -> float:
    from decimal import Decimal

    import pandas as pd
    from sqlalchemy import insert

    from research.db.models import Award

    engine, uow, _ = _prepare(database_url)
    started = time.perf_counter()
    frame = pd.read_csv(path, dtype={"org_zipcode": str}, keep_default_na=False)
    amounts = [Decimal(str(v)) for v in frame["award_amount"]]
    rate = Decimal(RATE)
    rows = pd.DataFrame(
        {
            "identifier": frame["project_number"],
            "title": frame["project_title"],
            "funder_name": frame["agency_ic_admin"],
            "scheme": frame["activity"],
            "recipient_org": frame["org_name"],
            "locality": frame["org_city"],
            "region": frame["org_state"],
            "postcode": frame["org_zipcode"],
            "country": frame["org_country"],
            "amount": amounts,
            "currency": frame["currency"],
            "amount_nzd": [(a * rate).quantize(Decimal("0.01")) for a in amounts],
            "awarded_on": pd.to_datetime(frame["award_notice_date"], format="%Y-%m-%d").dt.date,
            "source": "import",
        }
    ).to_dict("records")
    with uow as session:
        session.execute(insert(Award.__table__), rows)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def run_import(database_url: str, path: Path) -> dict:
    from sqlalchemy import func, select

    from research.db.models import AwardAttribution, AwardShare
    from research.services.common.import_choices import ImportChoices
    from research.services.roi.awards import import_awards

    engine, uow, actor = _prepare(database_url)
    started = time.perf_counter()
    report = import_awards(uow, actor, path.name, path.read_bytes(), [f"USD={RATE}"], choices=ImportChoices(pairs=MAP))
    seconds = time.perf_counter() - started
    assert report.written and not report.problems, report.problems[:5]
    with uow as session:
        linked = dict(
            session.execute(select(AwardAttribution.source, func.count()).group_by(AwardAttribution.source)).all()
        )
        placed = dict(
            session.execute(select(AwardAttribution.in_area, func.count()).group_by(AwardAttribution.in_area)).all()
        )
        shares = session.scalar(select(func.count()).select_from(AwardShare))
    engine.dispose()
    return {
        "seconds": seconds,
        "saved": sum(linked.values()),
        "linked": {str(k): v for k, v in linked.items()},
        "placed": {str(k): v for k, v in placed.items()},
        "shares": shares,
    }


def _worker(args) -> None:
    path = Path(args.csv)
    if args.worker == "floor":
        report_worker({"seconds": run_floor(args.database_url, path)})
    else:
        report_worker(run_import(args.database_url, path))


def main(argv: list[str] | None = None) -> list:
    args = options(__doc__, argv)
    if args.worker:
        _worker(args)
        return []
    floors, imports, size = run_sides(args, "bench.awards_import", "nih_awards.csv", write_file)
    floor, ours = best(floors), best(imports)
    print(f"NIH-like awards import, {args.rows:,} rows ({size:.1f} MB CSV) on {backend(args)}, best of {args.repeat}")
    print(
        f"  floor (read_csv + one bulk insert):     {floor['seconds']:6.2f} s   peak RSS {floor['peak_rss_mb']:5.0f} MB"
    )
    print(f"  import (map, check, write, attribute): {ours['seconds']:6.2f} s   peak RSS {ours['peak_rss_mb']:5.0f} MB")
    print(f"  awards saved {ours['saved']:,}; linked by {ours['linked']}; in the area {ours['placed']}")
    return verdict(f"awards import {args.rows:,} NIH-like rows ({backend(args)})", floors, imports)


if __name__ == "__main__":
    main()
