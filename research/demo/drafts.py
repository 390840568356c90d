"""Draft text for the demo's applications in progress: sections, co-authors and revisions.

One application (the Marsden data-sovereignty proposal) has a summary over its 200-word limit
and a benefit statement close to its 400 words, so the editor's warnings show in the demo.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from research.db.models import Application, ApplicationMember, Section, SectionRevision, User
from research.domain.clock import utcnow
from research.domain.section_rules import SectionStatus

HEARING = "Low-cost hearing screening in primary schools"
WHAKAPAPA = "Whakapapa and data sovereignty in genomic research"
VOYAGING = "Pacific voyaging and climate records in coral"
SEISMIC = "Seismic retrofit of unreinforced masonry with timber"

HEARING_LAY_1 = """Many children start school with hearing loss that nobody has noticed. \
They struggle to follow the teacher, fall behind in reading and are sometimes labelled as inattentive."""

HEARING_LAY_2 = (
    HEARING_LAY_1
    + """

We will test whether a tablet-based hearing check, run by school nurses in ten minutes per \
child, finds these children as reliably as a full clinic test."""
)

HEARING_LAY_3 = """Many children start school with hearing loss that nobody has noticed. They struggle to \
follow the teacher, fall behind in reading and are sometimes labelled as inattentive, when what they \
need is a hearing aid or a grommet.

We will test whether a **tablet-based hearing check**, run by school nurses in about ten minutes per \
child, finds these children as reliably as a full clinic test. We will work with 40 primary schools in \
the city, half of them in communities where ear infections are most common, and follow every child who \
fails the check to an audiology appointment.

If the check works, it could be offered in every new-entrant year at a fraction of the cost of the \
current referral pathway, and children would be treated months earlier."""

HEARING_AIMS = """1. Measure the sensitivity and specificity of the tablet check against clinic audiometry \
in children aged five to seven.
2. Find out how many children who fail the check reach an audiologist within eight weeks, and what stops \
the others.
3. Estimate the cost per child identified, compared with the current referral pathway."""

HEARING_DESIGN = """## Design

A diagnostic accuracy study nested in a cluster-randomised comparison of two follow-up pathways. \
Forty schools are randomised to **standard referral** (a letter to the family) or **supported referral** \
(a nurse books the appointment and follows up by text message).

## Participants

All new entrants in participating schools, with an opt-out consent process agreed with school boards. \
We expect about 2,400 children over two school years, of whom 8-10% will fail the screen.

## Measurements

- Tablet screen (pure-tone sweep at 1, 2 and 4 kHz, plus tympanometry where available)
- Clinic audiometry within four weeks for every child who fails, and for a random 5% who pass
- Time to audiology appointment, and the family's reasons for missing one

## Analysis

Sensitivity and specificity with 95% confidence intervals, adjusted for verification bias. The referral \
comparison uses a mixed model with school as a random effect. A health economist on the team will \
build the cost model."""

HEARING_TEAM = """Dr Hana Kim (lead) has run two school-based screening studies. Dr Wiremu Tane brings \
experience of kaupapa Māori research with whānau in the communities most affected. The team includes an \
audiologist, a biostatistician and a health economist."""

WHAKAPAPA_SUMMARY = """Genomic research in Aotearoa increasingly relies on samples and data from Māori \
participants, yet the rules that govern how those data are stored, shared and reused were written for \
individuals, not for whakapapa-based collectives. When a genome is sequenced, it says something about \
parents, siblings, hapū and iwi who never consented. This project asks how consent, benefit sharing and \
data governance should work when the unit that holds rights over genomic information is a collective.

We will work with three iwi partners to document existing tikanga for the care of taonga, including \
whakapapa, and to test how those principles translate into practical governance for biobanks and \
research databases. In parallel we will analyse the consent forms, data access agreements and \
governance structures of the twelve largest genomic collections that hold Māori data, and compare them \
with international Indigenous data sovereignty frameworks such as the CARE principles.

The outcome will be a governance model, co-designed with iwi and tested with two biobanks, that \
researchers, ethics committees and funders can adopt. We expect it to change how genomic data are \
collected and shared in New Zealand, and to inform Indigenous data governance internationally, \
particularly in Canada, Australia and the Pacific. The project will also train two Māori doctoral \
students in genomics and data governance, building capacity that lasts beyond the grant."""

WHAKAPAPA_BENEFIT = """New Zealand is one of the few countries where an Indigenous people's rights over \
their data are recognised in law and in the research system, through Te Tiriti o Waitangi and the \
Vision Mātauranga policy. That makes it the right place to work out how collective rights over \
genomic information can be respected in practice, and the place where getting it wrong would do most \
harm.

Genomic medicine is arriving in the health system now. Precision medicine programmes, newborn \
screening panels and rare-disease diagnosis all depend on reference data that represent the \
population being treated. Māori are under-represented in those data, partly because past research \
took samples without meaningful consent and without returning benefits. Until communities can trust \
how their data will be governed, participation will stay low, and the benefits of genomic medicine \
will reach Māori last.

The research will benefit New Zealand in three ways. First, it will give iwi practical tools to make \
decisions about genomic research involving their members, grounded in their own tikanga rather than \
imported templates. Second, it will give researchers, ethics committees and biobanks a governance \
model they can adopt, reducing the uncertainty that currently delays or derails projects. Third, it \
will position New Zealand as a leader in Indigenous data governance, a field in which our experience is \
already sought by partners in Canada, Australia and the Pacific.

The work cannot be done elsewhere. It depends on relationships with iwi partners built over a decade, \
on tikanga that is specific to those iwi, and on the legal and policy setting of Aotearoa. Findings \
from overseas cannot simply be transferred, because the relationship between the Crown, iwi and \
research institutions here is different.

The research team includes Māori researchers in leadership roles, and the iwi partners will co-own \
the governance model and decide how it is shared. Funding from the Marsden Fund would allow the \
fundamental questions to be answered carefully, before commercial or clinical pressures set the rules \
by default. The findings will be published openly, presented at hui with each partner iwi, and \
shared with the Health Research Council, the National Ethics Advisory Committee and the biobanks \
involved so that they can be put into practice quickly."""

WHAKAPAPA_AIMS = """1. Document the tikanga that partner iwi apply to the care of whakapapa and other \
taonga, and the principles that follow for genomic data.
2. Analyse how the largest genomic collections holding Māori data handle consent, access and benefit \
sharing today.
3. Co-design and test a collective governance model with two biobanks."""

VOYAGING_SUMMARY = """Coral skeletons record the ocean they grew in. Year by year, their chemistry keeps \
a trace of sea temperature and rainfall, much as tree rings do on land. We will drill cores from long-lived \
Porites corals in Tonga, Samoa and the Cook Islands and read those records back five hundred years, \
covering the centuries when Polynesian voyagers made some of the longest ocean crossings in human history.

Archaeologists and navigators have long argued about why voyaging surged and then paused. Changing wind \
patterns linked to El Niño are one explanation, but there has been no direct, year-by-year record of \
climate in the central Pacific with which to test it. Our records will provide one. We will compare \
them with dated archaeological evidence of settlement and with oral histories shared by our Pacific \
partners, to ask whether voyaging followed favourable winds."""

SEISMIC_TEXTS = {
    "summary": """Thousands of unreinforced masonry buildings in New Zealand towns must be strengthened or \
demolished. We will develop and test a retrofit that ties masonry walls to cross-laminated timber panels, \
which is lighter, faster to install and lower in embodied carbon than steel or concrete alternatives.""",
    "excellence_science": """The idea is new: timber panels have been used in new buildings but not as a \
structural retrofit for heritage masonry. We will test full-scale wall assemblies on the shake table, \
develop connection details that survive repeated loading, and build a design method engineers can use. \
The main risk is connection failure under cyclic load; we will manage it by testing three connection \
types in parallel in the first year.""",
    "impact": """Building owners, councils and engineering firms gain a cheaper, faster way to keep \
heritage streetscapes safe. Two engineering firms and a timber manufacturer have agreed to trial the \
method on real buildings once the tests are complete.""",
    "team": """Dr Wiremu Tane (lead, structural engineering) and Dr Hana Kim (materials testing), with the \
polytechnic's shake-table laboratory and two industry partners.""",
    "budget_timeline": """$999,000 over three years: year one connection tests, year two full-scale walls, \
year three design method and field trials.""",
}

# title -> (co-author or None, {section key: [(author, text), ...]}, sections marked ready, owners)
PLANS = {
    HEARING: (
        "wiremu",
        {
            "lay_summary": [("hana", HEARING_LAY_1), ("wiremu", HEARING_LAY_2), ("hana", HEARING_LAY_3)],
            "aims": [("hana", HEARING_AIMS)],
            "design_methods": [("wiremu", HEARING_DESIGN)],
            "team": [("hana", HEARING_TEAM)],
        },
        ("lay_summary",),
        {"lay_summary": "hana", "design_methods": "wiremu", "maori_health": "wiremu", "budget": "hana"},
    ),
    WHAKAPAPA: (
        "wiremu",
        {
            "summary": [("hana", WHAKAPAPA_SUMMARY.split("\n\n")[0]), ("hana", WHAKAPAPA_SUMMARY)],
            "benefit": [("wiremu", WHAKAPAPA_BENEFIT)],
            "aims": [("hana", WHAKAPAPA_AIMS)],
        },
        (),
        {"summary": "hana", "benefit": "wiremu", "vision_matauranga": "wiremu"},
    ),
    VOYAGING: (None, {"summary": [("wiremu", VOYAGING_SUMMARY)]}, ("summary",), {}),
    SEISMIC: (
        "hana",
        {key: [("wiremu", text)] for key, text in SEISMIC_TEXTS.items()},
        tuple(SEISMIC_TEXTS),
        {"team": "hana"},
    ),
}


def _write_revisions(
    session: Session, section: Section, history: list[tuple[str, str]], users: dict[str, User], days_ago: int
) -> None:
    for number, (author, text) in enumerate(history, start=1):
        at = utcnow() - timedelta(days=days_ago - number, hours=number * 3)
        session.add(
            SectionRevision(
                section_id=section.id,
                number=number,
                body=text,
                author_id=users[author].id,
                created_at=at,
                kind="save",
                based_on=number - 1 or None,
            )
        )
        section.body, section.updated_by_id, section.updated_at = text, users[author].id, at
    section.version = section.revision_count = len(history)
    section.status = SectionStatus.DRAFTING.value


def add_demo_drafts(session: Session, users: dict[str, User]) -> None:
    for days_ago, (title, (coauthor, texts, ready, owners)) in enumerate(PLANS.items(), start=6):
        application = session.scalars(select(Application).where(Application.title == title)).one()
        if coauthor:
            session.add(ApplicationMember(application_id=application.id, user_id=users[coauthor].id))
        sections = {s.key: s for s in session.scalars(select(Section).where(Section.application_id == application.id))}
        for key, history in texts.items():
            _write_revisions(session, sections[key], history, users, days_ago)
        for key in ready:
            sections[key].status = SectionStatus.READY.value
        for offset, (key, owner) in enumerate(owners.items()):
            sections[key].owner_id = users[owner].id
            sections[key].due_on = utcnow().date() + timedelta(days=days_ago + 2 * offset)
    session.flush()
