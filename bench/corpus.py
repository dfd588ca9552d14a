"""Generate realistic response files for the benchmarks, from a seeded random generator.

Three formats, as the readers know them: ``source-2012`` (``{div .department}``
blocks, ``##Name<br>Name`` headings, one ``{div .statement}`` each, ``[Read more »]``
links), ``publication-2015`` (a title, a name line per organisation, phase headings,
one paragraph per line, ``- `` bullets) and ``markdown`` (``#`` action, ``##``
organisation, ``###`` phase). Organisations, wording, years, heading spellings, sizes,
line endings and encodings vary from file to file, and a realistic share of files
carry the defects the rules look for (placeholders, links without a target, retired
domains, text copied between years, a missing phase, a variant heading, very long
sentences, an organisation missing from one file of an action). Consecutive files
form a group answering the same action, one file per format, with mostly the same
organisations (as the 2012 source and the 2015 publication of one action do), so
checks that compare documents see realistic pairs. File ``i`` depends only on the
seed and ``i``, not on the count.

Use it from a benchmark::

    from bench.corpus import generate
    files = generate(2000, seed=1)            # list of CorpusFile (bytes in memory)

or write a corpus to disk (``bench/out/`` is git-ignored)::

    python -m bench.corpus --count 200 --out bench/out/corpus
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SEED_FORMATS: tuple[str, ...] = ("source-2012", "publication-2015")
ALL_FORMATS: tuple[str, ...] = ("source-2012", "publication-2015", "markdown")

EXTENSION = {"source-2012": ".txt", "publication-2015": ".txt", "markdown": ".md"}


@dataclass(frozen=True)
class CorpusFile:
    """One generated file and the structure it was written with.

    ``structure`` holds, per entry, its display name and its phase keys (``"progress 2014"``),
    which is what a reader should find in ``data``.
    """

    name: str
    format: str
    data: bytes
    structure: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def phase_count(self) -> int:
        return sum(len(phases) for _, phases in self.structure)


# --- vocabulary --------------------------------------------------------------------------

# fmt: off
_DEPARTMENTS = [
    ("Department for Levelling Up, Housing and Communities", "DLUHC", "department"),
    ("Department for Science, Innovation and Technology", "DSIT", "department"),
    ("Department for Energy Security and Net Zero", "DESNZ", "department"),
    ("Department for Business and Trade", "DBT", "department"),
    ("Department of Agriculture, Environment and Rural Affairs", "DAERA", "department"),
    ("Ministry of Housing, Communities and Local Government", "MHCLG", "department"),
    ("Department for Digital, Culture, Media and Sport", "DCMS", "department"),
    ("Department for Exiting the European Union", "DExEU", "department"),
    ("Department for International Trade", "DIT", "department"), ("Department of Finance", "DoF", "department"),
    ("Northern Ireland Office", "NIO", "department"), ("Scotland Office", "SO", "department"),
    ("Office of the Advocate General for Scotland", "OAG", "department"), ("Welsh Government", "WG", "department"),
    ("Scottish Government", "SG", "department"), ("Government Legal Department", "GLD", "department"),
    ("Crown Prosecution Service", "CPS", "department"), ("Serious Fraud Office", "SFO", "department"),
    ("Her Majesty's Courts & Tribunals Service", "HMCTS", "agency"), ("HM Land Registry", "HMLR", "agency"),
    ("HM Prison and Probation Service", "HMPPS", "agency"), ("The National Archives", "TNA", "department"),
    ("Office for National Statistics", "ONS", "department"), ("Companies House", "CH", "agency"),
    ("Ordnance Survey", "OS", "agency"), ("Met Office", "MO", "agency"), ("Environment Agency", "EA", "agency"),
    ("Natural England", "NE", "agency"), ("Forestry Commission", "FC", "agency"),
    ("Rural Payments Agency", "RPA", "agency"), ("Animal and Plant Health Agency", "APHA", "agency"),
    ("Food Standards Agency", "FSA", "agency"), ("Charity Commission for England and Wales", "CCEW", "agency"),
    ("Driver and Vehicle Standards Agency", "DVSA", "agency"),
    ("Driver and Vehicle Licensing Agency", "DVLA", "agency"), ("Maritime and Coastguard Agency", "MCA", "agency"),
    ("Highways England", "HE", "agency"), ("Valuation Office Agency", "VOA", "agency"),
    ("Intellectual Property Office", "IPO", "agency"), ("Insolvency Service", "IS", "agency"),
    ("Student Loans Company", "SLC", "agency"), ("Disclosure and Barring Service", "DBS", "agency"),
    ("UK Space Agency", "UKSA", "agency"), ("Medicines and Healthcare products Regulatory Agency", "MHRA", "agency"),
    ("Public Health England", "PHE", "agency"), ("Education and Skills Funding Agency", "ESFA", "agency"),
    ("Legal Aid Agency", "LAA", "agency"), ("Office of the Public Guardian", "OPG", "agency"),
    ("Criminal Injuries Compensation Authority", "CICA", "agency"), ("Government Property Agency", "GPA", "agency")
]
_TOWNS = [
    "Leeds", "Bristol", "Norwich", "Swansea", "Dundee", "Derby", "Exeter", "Carlisle", "Lincoln", "Newport",
    "Stirling", "Wrexham", "Ipswich", "Preston", "Sunderland", "Reading", "Luton", "Plymouth", "Aberdeen", "Bangor",
    "Lancaster", "Chester", "Durham", "Wakefield", "Salford", "Hereford", "Truro", "Inverness", "Armagh",
    "Stockport", "Gateshead", "Peterborough"
]
_COUNCIL_KINDS = [
    "City Council", "Borough Council", "District Council", "County Council", "Council"
]
_TOPICS = [
    "Transport", "Housing", "Skills", "Culture", "Health", "Justice", "Employment", "Energy", "Environment",
    "Rural Affairs", "Education", "Communities", "Enterprise", "Tourism", "Heritage", "Fisheries", "Water",
    "Infrastructure", "Innovation", "Social Care", "Sport", "Youth"
]
_ROLES = [
    "Information Commissioner", "Chief Scientific Adviser", "Children's Commissioner", "Surveillance Commissioner",
    "Parliamentary Ombudsman", "Chief Statistician"
]
_VERBS = [
    ("develop", "developed"), ("introduce", "introduced"), ("pilot", "piloted"), ("roll out", "rolled out"),
    ("adopt", "adopted"), ("build", "built"), ("replace", "replaced"), ("procure", "procured"),
    ("move to", "moved to"), ("publish", "published"), ("test", "tested"), ("extend", "extended"),
    ("review", "reviewed"), ("retire", "retired"), ("improve", "improved"), ("share", "shared"),
    ("design", "designed"), ("launch", "launched"), ("consolidate", "consolidated"), ("evaluate", "evaluated"),
    ("support", "supported"), ("scale up", "scaled up"), ("complete", "completed"), ("standardise", "standardised"),
    ("digitise", "digitised"), ("modernise", "modernised"), ("set up", "set up"), ("open up", "opened up"),
    ("simplify", "simplified"), ("redesign", "redesigned"), ("upgrade", "upgraded"), ("prototype", "prototyped"),
    ("commission", "commissioned"), ("map", "mapped"), ("automate", "automated"), ("migrate", "migrated"),
    ("re-procure", "re-procured"), ("integrate", "integrated"), ("document", "documented"), ("trial", "trialled"),
    ("decommission", "decommissioned"), ("benchmark", "benchmarked"), ("fund", "funded"), ("audit", "audited"),
    ("deliver", "delivered"), ("facilitate", "facilitated")
]
_ADJECTIVES = [
    "new", "shared", "secure", "cloud-based", "online", "digital", "open", "common", "integrated", "modern",
    "single", "national", "regional", "mobile", "self-service", "automated", "user-centred", "flexible",
    "paperless", "low-cost", "scalable", "accessible", "bilingual", "interactive", "resilient", "cross-government",
    "in-house", "outdated", "bespoke", "multi-channel", "web-based", "real-time", "key"
]
_NOUNS = [
    "case management platform", "records management system", "booking service", "payments service",
    "identity assurance service", "hosting arrangement", "skills programme for senior leaders", "dashboard",
    "licensing API", "assisted digital offer", "content management system", "delivery team", "network connection",
    "mainframe", "case file store", "sign-on for staff", "spending data", "community of practice",
    "grants service", "inspection app", "document store", "back-office service", "website", "inclusion programme",
    "webchat service", "data catalogue", "complaints process", "hearing service", "address register",
    "accessibility audit", "renewal service", "intranet", "email service for partners", "data centre",
    "asset register", "component library", "appointment tool", "apprenticeship scheme", "channel shift plan",
    "telephony contract", "procurement framework", "enquiry process", "notifications service",
    "data sharing agreement", "service assessment", "wi-fi network", "laptop estate", "risk framework",
    "service team", "claims service", "permit service", "registration service", "reporting tool",
    "feedback survey", "contact centre", "search service", "mapping service", "forms platform",
    "evidence upload", "publishing platform", "performance framework", "open data portal", "training module",
    "user panel", "triage service", "scheduling system", "archive catalogue", "correspondence system",
    "tax account", "vehicle record service"
]
_QUALIFIERS = [
    "for {people}", "for its {n} regional offices", "used by {big} {people}", "shared with {partner}",
    "for internal staff", "in English and Welsh", "for {topic} cases", "on GOV.UK", "for frontline teams",
    "across {n} sites", "for {people} in {town}", "built on open standards", "hosted in the public cloud",
    "for the {unit} directorate", "for {n} arm’s length bodies"
]
_MODIFIERS = [
    "by {month} {year}", "during {year}", "before the end of {year}", "in the first quarter of {year}",
    "with {partner}", "in partnership with {partner}", "so that {people} can {goal}", "for around {big} users",
    "at a cost of £{money}m", "saving around £{money}m a year", "in line with the Digital Service Standard",
    "following user research with {n} {people}", "through an agile discovery", "within {n} weeks",
    "under the new technology code of practice", "with support from the {unit} team",
    "after a {n}-week alpha", "ahead of the contract ending in {year}", "in {n} local offices",
    "as {people} asked in the {year} survey"
]
_LEADS = [
    "In {month} {year}", "During {year}", "Early in {year}", "By the end of {year}", "Working with {partner}",
    "To help {people} {goal}", "As part of {programme}", "Across {town} and {town2}",
    "Following feedback from {people}", "With funding from {partner}", "After the {n}-week discovery",
    "Since {month} {year}"
]
_CODENAMES = [
    "Phoenix", "Atlas", "Horizon", "Beacon", "Compass", "Keystone", "Lighthouse", "Meridian", "Pathfinder",
    "Quantum", "Sentinel", "Tern", "Kestrel", "Harbour", "Juniper", "Orbit", "Granite", "Willow"
]
_PARTNERS = [
    "GDS", "local authorities", "partner organisations", "the voluntary sector", "suppliers", "other departments",
    "the devolved administrations", "arm’s length bodies", "the NHS", "housing associations", "the police",
    "universities", "the Crown Commercial Service", "trade bodies", "charities"
]
_PEOPLE = [
    "users", "citizens", "businesses", "staff", "claimants", "applicants", "landlords", "farmers", "students",
    "carers", "small firms", "drivers", "employers", "pensioners", "tenants", "schools", "exporters", "volunteers"
]
_GOALS = [
    "apply online", "track their case", "pay securely", "book appointments without calling", "update their details",
    "find guidance quickly", "renew a licence in minutes", "report a change of circumstances",
    "get a decision faster", "upload evidence", "see their records", "get help by phone or webchat",
    "sign in once", "check their eligibility", "claim what they are owed"
]
_UNITS = [
    "digital", "technology", "data", "service design", "information", "transformation", "customer experience",
    "estates", "security", "finance", "operations", "policy", "research"
]
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"
]
_ACTIONS = [
    "lead the design of common technology platforms for digital services", "make its services digital by default",
    "open up its data through APIs", "improve assisted digital support for people who are offline",
    "train its senior leaders in digital skills", "adopt open standards for documents",
    "publish performance data for every transactional service", "reduce the cost of its transactions",
    "move its websites onto GOV.UK", "recruit a digital leader for each department",
    "redesign services with more than 100,000 transactions a year", "share technology and hosting across government",
    "remove barriers to digital procurement", "build in-house digital capability",
    "measure user satisfaction across its services"
]
_STRATEGIES = [
    "Government Digital Strategy", "Digital Transformation Strategy", "Technology Code of Practice", "Data Strategy",
    "Local Digital Declaration", "Government Transformation Strategy"
]
_PLACEHOLDERS = [
    "Coming soon...", "Coming soon…", "TBC", "To be confirmed", "Awaiting {acr} confirmation", "Content to follow",
    "Update to follow.", "[Insert progress update]", "Text to come", "TODO: add the figures",
    "Lorem ipsum dolor sit amet."
]
_NOT_APPLICABLE = [
    "This action is not applicable to {acr}.",
    "{acr} does not offer transactional services, so this action does not apply.",
    "There is nothing further to report for {acr} in this period."
]
_RETIRED = [
    "www.dwp.gov.uk", "www.decc.gov.uk", "www.dcms.gov.uk", "www.education.gov.uk", "www.hm-treasury.gov.uk",
    "www.communities.gov.uk", "www.defra.gov.uk", "www.dh.gov.uk"
]
_LINK_TEXTS = [
    "Read more »", "Read more »", "Read more »", "Find out more", "Read the strategy", "Digital strategy (PDF)",
    "more", "click here"
]
# fmt: on


@dataclass
class _Org:
    name: str
    acronym: str
    kind: str
    domain: str


def _acronym(name: str) -> str:
    small = {"of", "for", "and", "the", "&", "on", "in"}
    return "".join(w[0] for w in name.replace(",", "").split() if w.lower() not in small and w[0].isalpha()).upper()


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)


def _organisations(rng: random.Random, count: int) -> list[_Org]:
    """``count`` distinct organisations, a mix of departments, agencies, councils and invented bodies."""
    chosen: dict[str, _Org] = {}
    attempts = 0
    while len(chosen) < count and attempts < count * 20:
        attempts += 1
        roll = rng.random()
        if roll < 0.45:
            name, acr, kind = rng.choice(_DEPARTMENTS)
            domain = (
                f"www.{_slug(acr)}.gov.uk"
                if rng.random() < 0.5
                else f"www.gov.uk/government/organisations/{_slug(name)}"
            )
        elif roll < 0.65:
            town = rng.choice(_TOWNS)
            name, kind = f"{town} {rng.choice(_COUNCIL_KINDS)}", "council"
            acr, domain = _acronym(name), f"www.{town.lower()}.gov.uk"
        elif roll < 0.75:
            town = rng.choice(_TOWNS)
            service = rng.choice(["Teaching Hospitals", "Community Health", "Royal Infirmary"])
            name = f"{town} {service} NHS Foundation Trust"
            kind, acr, domain = "trust", _acronym(name), f"www.{_slug(town)}-nhs.nhs.uk"
        elif roll < 0.88:
            first, second = rng.sample(_TOPICS, 2)
            pattern = rng.choice(
                [
                    "Department for {a} and {b}",
                    "Ministry of {a}",
                    "Department of {a}",
                    "{a} and {b} Agency",
                    "Office for {a}",
                ]
            )
            name = pattern.format(a=first, b=second)
            kind = "agency" if "Agency" in name or name.startswith("Office") else "department"
            acr = _acronym(name)
            domain = f"www.{_slug(acr)}.gov.uk"
        else:
            name = f"Office of the {rng.choice(_ROLES)}"
            kind, acr, domain = "department", _acronym(name), f"www.{_slug(name)[10:]}.org.uk"
        if name not in chosen:
            chosen[name] = _Org(name, acr, kind, domain)
    orgs = list(chosen.values())
    if rng.random() < 0.8:
        orgs.sort(key=lambda o: o.name.removeprefix("The ").lower())
    return orgs


# --- prose ---------------------------------------------------------------------------------

# a clause is rendered in a tense later, so that a phase can be copied into another tense:
# (frame, subject, verb, object, second verb, second object, style, lead phrase, modifiers)
_Clause = tuple[int, str, int, str, int, str, int, str, tuple[str, ...]]
_FRAMES = 6  # plain, lead phrase, two verbs, passive, lead phrase and two verbs, plain with two objects


class _Writer:
    """Writes the prose of one document in a consistent voice."""

    def __init__(self, rng: random.Random, orgs: Sequence[_Org], curly: bool) -> None:
        self.rng = rng
        self.orgs = orgs
        self.apostrophe = "’" if curly else "'"

    def _fill(self, template: str, year: int) -> str:
        rng = self.rng
        if "{" not in template:
            return template.replace("'", self.apostrophe)
        town, town2 = rng.sample(_TOWNS, 2)
        return template.format(
            month=rng.choice(_MONTHS),
            year=year + rng.choice((0, 0, 1)),
            n=rng.randint(3, 60),
            partner=rng.choice([*_PARTNERS, rng.choice(self.orgs).acronym]),
            people=rng.choice(_PEOPLE),
            goal=rng.choice(_GOALS),
            big=f"{rng.randint(2, 950) * 1000:,}",
            money=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
            unit=rng.choice(_UNITS),
            topic=rng.choice(_TOPICS).lower(),
            town=town,
            town2=town2,
            programme=rng.choice(
                [
                    f"Project {rng.choice(_CODENAMES)}",
                    f"the {rng.choice(_CODENAMES)} programme",
                    f"its {rng.choice(_TOPICS).lower()} transformation programme",
                ]
            ),
        ).replace("'", self.apostrophe)

    def thing(self, year: int) -> str:
        """An object phrase: article, adjectives, a noun and perhaps a qualifier."""
        rng = self.rng
        adjectives = rng.sample(_ADJECTIVES, rng.choice((0, 0, 1, 1, 1, 2)))
        noun = " ".join([*adjectives, rng.choice(_NOUNS)])
        if rng.random() < 0.35:
            noun += " " + self._fill(rng.choice(_QUALIFIERS), year)
        article = rng.choice(("the", "its", "a")) if rng.random() < 0.9 else "their"
        if article == "a" and noun[0] in "aeiou":
            article = "an"
        return f"{article} {noun}"

    def clause(self, org: _Org, year: int) -> _Clause:
        rng = self.rng
        subject = rng.choice(
            [
                org.acronym,
                org.acronym,
                org.name,
                f"The {org.kind}",
                "We",
                f"The {rng.choice(_UNITS)} team",
                "Our digital team",
            ]
        )
        frame = rng.randrange(_FRAMES)
        count = rng.choice((0, 1, 1, 2)) if frame == 0 else rng.choice((0, 1, 1))
        modifiers = tuple(self._fill(m, year) for m in rng.sample(_MODIFIERS, count))
        lead = self._fill(rng.choice(_LEADS), year) if frame in (1, 4) else ""
        return (
            frame,
            subject,
            rng.randrange(len(_VERBS)),
            self.thing(year),
            rng.randrange(len(_VERBS)),
            self.thing(year),
            rng.randrange(5),
            lead,
            modifiers,
        )

    def render(self, clause: _Clause, tense: str) -> str:
        frame, subject, verb_i, obj, verb2_i, obj2, style, lead, modifiers = clause
        base, past = _VERBS[verb_i]
        base2, past2 = _VERBS[verb2_i]
        if tense == "future":
            aux = ["will", "will", "plans to", "intends to", "will continue to"][style]
            if subject == "We":
                aux = aux.replace("plans", "plan").replace("intends", "intend")
            verb, verb2 = f"{aux} {base}", base2
            passive = "will be"
        else:
            aux = ["", "", "began to ", "started to ", "continued to "][style]
            verb = aux + (past if style < 2 else base)
            verb2 = past2 if style < 2 else base2
            passive = "was"
        generic = subject == "We" or subject.startswith("Our ") or subject.endswith(" team")
        generic = generic or subject in ("The department", "The agency", "The council", "The trust")
        if (lead or frame == 3) and generic:
            subject = subject[0].lower() + subject[1:]
        if frame == 3 and not past.endswith(" to"):  # passive
            agent = subject if subject != "we" else "the team"
            text = f"{obj} {passive} {past} by {agent}"
        elif frame in (2, 4):
            text = f"{subject} {verb} {obj} and {verb2} {obj2}"
        elif frame == 5:
            text = f"{subject} {verb} {obj} and {obj2}"
        else:
            text = f"{subject} {verb} {obj}"
        for mod in modifiers:
            text += (", " if mod.startswith("saving") else " ") + mod
        if lead:
            text = f"{lead}, {text}"
        return text[0].upper() + text[1:] + "."

    def sentence(self, org: _Org, year: int, tense: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.06:
            return self._fill(
                rng.choice(
                    [
                        "Around {n}% of {people} now complete the service online.",
                        "Take-up of the new service reached {n}% by {month} {year}.",
                        "More than {big} {people} used the service in {year}.",
                        "Satisfaction among {people} rose to {n}% after the redesign.",
                        "The work is described in the department's digital strategy, e.g. in its annex on hosting.",
                        "Costs fell by £{money}m, i.e. {n}% of the {year} budget.",
                    ]
                ),
                year,
            )
        if roll < 0.1:
            clauses = [self.render(self.clause(org, year), tense)[:-1] for _ in range(rng.randint(3, 4))]
            glue = [", and ", ", while ", "; in addition, ", ", which means that "]
            text = clauses[0]
            for more in clauses[1:]:
                text += rng.choice(glue) + more[0].lower() + more[1:]
            return text + "."
        return self.render(self.clause(org, year), tense)

    def paragraph(self, org: _Org, year: int, tense: str) -> str:
        return " ".join(self.sentence(org, year, tense) for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4))))

    def url(self, org: _Org, year: int) -> str:
        rng = self.rng
        host = rng.choice(_RETIRED) if rng.random() < 0.2 else org.domain
        path = rng.choice(
            [
                "/digital-strategy",
                f"/publications/{year}/{rng.randint(1, 12):02d}/digital-strategy",
                f"/en/content/cms/about/our_goals/{_slug(org.acronym)}.aspx",
                "/about/digital-strategy.pdf",
                f"/government/publications/{_slug(org.name)}-digital-strategy",
                f"/resource-library/{_slug(org.acronym)}-digital-strategy#section-{rng.randint(1, 9)}",
            ]
        )
        scheme = "https" if rng.random() < 0.6 else "http"
        if host.startswith("www.gov.uk/"):
            return f"https://{host}"
        return f"{scheme}://{host}{path}"


# --- documents -----------------------------------------------------------------------------


def _phase_plan(rng: random.Random, start: int, count: int) -> list[tuple[str, int]]:
    """``count`` phases from a commitment in ``start``: progress and plans alternating, as in the seeds."""
    phases = [("commitment", start)]
    year = start + 1
    while len(phases) < count:
        phases.append(("progress", year))
        if len(phases) < count:
            phases.append(("plan", year + 1))
        year += 1
    return phases


_HEADING_STYLES = [
    {
        "commitment": "Departmental digital strategy commitments ({month} {year})",
        "progress": "Progress during {year}",
        "plan": "Planned activities in {year}",
    },
    {
        "commitment": "Commitments ({month} {year})",
        "progress": "Progress in {year}",
        "plan": "Planned activities for {year}",
    },
    {"commitment": "Commitment for {year}", "progress": "Progress for {year}", "plan": "Plans for {year}"},
    {
        "commitment": "Digital strategy commitments ({year})",
        "progress": "Progress during {year}",
        "plan": "Plans in {year}",
    },
]


class _Document:
    """The parts every format shares: organisations, their phases and their prose."""

    def __init__(self, rng: random.Random, group: random.Random, action: int, fmt: str, scale: float) -> None:
        # what the files of one action share comes from ``group``: title, years, organisations
        self.start = group.randint(2008, 2022)
        self.month = group.choice(_MONTHS)
        self.action = action
        lead = group.choice(["Cabinet Office", "Each department", "Departments", "The centre", "Government"])
        self.title = f"Action {action}: {lead} will {group.choice(_ACTIONS)}"
        self.orgs = _organisations(group, max(2, round(group.uniform(8, 17) * scale)))
        self.rng = rng
        self.fmt = fmt
        if len(self.orgs) > 2 and rng.random() < 0.08:  # one organisation did not answer in this file
            del self.orgs[rng.randrange(len(self.orgs))]
        self.style = rng.choice(_HEADING_STYLES)
        self.phase_count = 1 if fmt == "source-2012" else rng.randint(3, 7)
        self.writer = _Writer(rng, self.orgs, curly=rng.random() < 0.6)

    def heading(self, kind: str, year: int) -> str:
        text = self.style[kind].format(month=self.month, year=year)
        if self.rng.random() < 0.03:  # a variant spelling of the same phase
            text = text.title() if self.rng.random() < 0.5 else text.lower()
        return text

    def phase_body(
        self, org: _Org, kind: str, year: int, earlier: list[tuple[str, list[list[_Clause]]]]
    ) -> tuple[list[list[str]], list[list[_Clause]]]:
        """Paragraphs (each a list of lines: one line, or an intro and its bullets) and their clauses."""
        rng = self.rng
        writer = self.writer
        tense = "past" if kind == "progress" else "future"
        roll = rng.random()
        if roll < 0.02:
            return [[rng.choice(_PLACEHOLDERS).format(acr=org.acronym)]], []
        if roll < 0.025:
            return [], []
        if roll < 0.04:
            return [[rng.choice(_NOT_APPLICABLE).format(acr=org.acronym)]], []
        if roll < 0.08 and earlier:  # text copied from another year, verbatim or with the tense changed
            _, copied = rng.choice(earlier)
            return [[" ".join(writer.render(c, tense) for c in para)] for para in copied], copied
        paragraphs: list[list[str]] = []
        clauses: list[list[_Clause]] = []
        for _ in range(rng.choice((1, 1, 1, 1, 2, 2, 3))):
            if self.fmt != "source-2012" and rng.random() < 0.12:
                intro = rng.choice(
                    ["This included:", "The work covered:", "Highlights were:"]
                    if tense == "past"
                    else [f"{org.acronym} will focus on:", "The plans cover:", "Priorities are:"]
                )
                paragraphs.append([intro, *(writer.thing(year) for _ in range(rng.randint(2, 6)))])
                continue
            para = [writer.clause(org, year) for _ in range(rng.choice((1, 2, 2, 2, 3, 3, 4)))]
            text = " ".join(
                writer.render(c, tense) if rng.random() < 0.9 else writer.sentence(org, year, tense) for c in para
            )
            if self.fmt == "publication-2015" and rng.random() < 0.04:
                where = rng.choice(
                    [
                        "Details are at",
                        "The plan is published at",
                        "See",
                        "More information:",
                        f"{org.acronym} reports progress at",
                        "The {year} update is at",
                    ]
                )
                text += f" {where.format(year=year)} {writer.url(org, year)}"
            paragraphs.append([text])
            clauses.append(para)
        return paragraphs, clauses

    def entries(self) -> list[tuple[_Org, list[tuple[str, int, str, list[list[str]]]]]]:
        """Per organisation: ``(kind, year, heading, paragraphs)`` for each phase."""
        result = []
        for org in self.orgs:
            plan = _phase_plan(self.rng, self.start, self.phase_count)
            if len(plan) >= 3 and self.rng.random() < 0.04:  # a missing phase
                del plan[self.rng.randrange(1, len(plan) - 1)]
            phases = []
            earlier: list[tuple[str, list[list[_Clause]]]] = []
            for kind, year in plan:
                paragraphs, clauses = self.phase_body(org, kind, year, earlier)
                if clauses:
                    earlier.append((kind, clauses))
                phases.append((kind, year, self.heading(kind, year), paragraphs))
            result.append((org, phases))
        return result


def _source_2012(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    out = [
        "{{DEPARTMENTRESPONSE}}",
        f"#{doc.title}",
        "",
        "{div .section}",
        "",
        "{navigation}",
        "",
        rng.choice(
            [
                "Here's how departments are responding to this action:",
                "Here’s how organisations are responding to this action:",
                "Responses from each organisation are below.",
            ]
        ),
        "",
        "",
    ]
    br = rng.choice(["<br>", " <br> ", "<br/>"])
    structure: list[tuple[str, tuple[str, ...]]] = []
    for org, phases in doc.entries():
        words = org.name.split()
        cuts = (
            sorted(rng.sample(range(1, len(words)), min(len(words) - 1, rng.randint(0, 3)))) if len(words) > 1 else []
        )
        chunks = [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
        out += [
            "{div .department}",
            "##" + br.join(chunks),
            f"{{: .logo-{rng.choice(['single', _slug(org.acronym)])}}}",
        ]
        if rng.random() < 0.3:
            out.append("")
        out.append("{div .statement}")
        _, _, _, paragraphs = phases[0]
        for k, para in enumerate(paragraphs):
            text = para[0]
            if k == len(paragraphs) - 1 and not text.startswith(("Coming", "TBC", "To be", "Awaiting", "[")):
                roll = rng.random()
                if roll < 0.8:
                    text += f" [{rng.choice(_LINK_TEXTS)}]({doc.writer.url(org, doc.start)})"
                elif roll < 0.86:
                    text += " [Read more »]"
            if k:
                out.append("")
            out.append(text)
        out += ["{/div}", "{/div}", ""]
        # the reader takes a statement for the commitment of 2012 (its default statement-phase)
        structure.append((org.name, ("commitment 2012",)))
    out += ["{navigation}", "{/div}", "", ""]
    return "\n".join(out), structure


def _publication(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    day = rng.randint(1, 28)
    out = [
        doc.title,
        f"Updated {day} {rng.choice(_MONTHS)} {doc.start + doc.phase_count // 2 + 1}",
        f"This action forms part of the {rng.choice(_STRATEGIES)}.",
        rng.choice(
            [
                "Here’s how departments are responding to this action:",
                "Here's how organisations are responding to this action:",
                "Each organisation's response follows.",
            ]
        ),
    ]
    structure = []
    for org, phases in doc.entries():
        out.append(org.name)
        keys = []
        for kind, year, heading, paragraphs in phases:
            out.append(heading)
            keys.append(f"{kind} {year}")
            for para in paragraphs:
                out.append(para[0])
                out += [f"- {item}" for item in para[1:]]
        structure.append((org.name, tuple(keys)))
    return "\n".join(out) + "\n", structure


def _markdown(doc: _Document) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    rng = doc.rng
    out: list[str] = []
    if rng.random() < 0.2:
        out += ["---", f'title: "{doc.title}"', f"updated: {doc.start + 2}-{rng.randint(1, 12):02d}-01", "---", ""]
    out += [f"# {doc.title}", "", f"This action forms part of the {rng.choice(_STRATEGIES)}.", ""]
    marker = rng.choice(["-", "*", "1."])
    structure = []
    for org, phases in doc.entries():
        out += [f"## {org.name}", ""]
        keys = []
        for kind, year, heading, paragraphs in phases:
            out += [f"### {heading}", ""]
            keys.append(f"{kind} {year}")
            for para in paragraphs:
                text = para[0]
                if len(para) == 1 and rng.random() < 0.15:
                    text += f" See [{rng.choice(_LINK_TEXTS)}]({doc.writer.url(org, year)})."
                if len(para) == 1 and len(text) > 160 and rng.random() < 0.3:  # a hard-wrapped paragraph
                    cut = text.rfind(" ", 0, len(text) // 2)
                    text = text[:cut] + "\n" + text[cut + 1 :]
                out += [text, ""]
                if len(para) > 1:
                    out += [f"{marker} {item}" for item in para[1:]] + [""]
            if rng.random() < 0.03:
                out += [f"<!-- checked by the {rng.choice(_UNITS)} team -->", ""]
        structure.append((org.name, tuple(keys)))
    return "\n".join(out), structure


_WRITERS = {"source-2012": _source_2012, "publication-2015": _publication, "markdown": _markdown}


def generate_one(index: int, seed: int = 1, formats: Sequence[str] = SEED_FORMATS, scale: float = 1.0) -> CorpusFile:
    """File ``index`` of the corpus for ``seed``: the same file whatever the corpus size.

    Consecutive files form a group, one file per format, answering the same action
    (number ``index // len(formats) + 1``) with mostly the same organisations, as the
    2012 source and the 2015 publication of one action do.
    """
    rng = random.Random(f"response-lint bench {seed} {index}")
    number = index // len(formats)
    group = random.Random(f"response-lint bench {seed} action {number}")
    fmt = formats[index % len(formats)]
    doc = _Document(rng, group, number + 1, fmt, scale)
    text, structure = _WRITERS[fmt](doc)
    roll = rng.random()
    if roll < 0.05:
        text = text.replace("\n", "\r\n")
    encoding, bom = "utf-8", b""
    roll = rng.random()
    if roll < 0.02:
        bom = b"\xef\xbb\xbf"
    elif roll < 0.03:
        encoding = "cp1252"  # as Word exports it
    data = bom + text.encode(encoding)
    name = f"{index:05d}-{fmt}{EXTENSION[fmt]}"
    return CorpusFile(name, fmt, data, tuple(structure))


def generate(count: int, seed: int = 1, formats: Sequence[str] = SEED_FORMATS, scale: float = 1.0) -> list[CorpusFile]:
    """``count`` files, cycling through ``formats``; ``scale`` multiplies the entries per file (8 to 17)."""
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)} (expected {', '.join(ALL_FORMATS)})")
    return [generate_one(i, seed, formats, scale) for i in range(count)]


def write(files: Sequence[CorpusFile], folder: Path) -> list[Path]:
    """Write ``files`` into ``folder`` (created if needed); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in files:
        path = folder / item.name
        path.write_bytes(item.data)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="number of files (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplies the entries per file, 8 to 17 at 1 (default 1)"
    )
    parser.add_argument(
        "--formats",
        default=",".join(SEED_FORMATS),
        help=f"comma-separated formats (default: the seed formats; all: {','.join(ALL_FORMATS)})",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus"), help="folder to write into")
    args = parser.parse_args(argv)
    if args.count < 1 or args.scale <= 0:
        parser.error("--count must be at least 1 and --scale above 0")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    try:
        files = generate(args.count, args.seed, formats, args.scale)
    except ValueError as exc:
        parser.error(str(exc))
    write(files, args.out)
    total = sum(len(f.data) for f in files)
    print(f"wrote {len(files)} files, {total / 1e6:.2f} MB, into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
