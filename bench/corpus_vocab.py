"""The words and organisations the benchmark corpus (:mod:`bench.corpus`) draws from.

Departments, towns, topics, verbs, stock phrases and placeholders, and the organisations
made from them (:func:`organisations`): names, acronyms and web domains. Only lists and
pure functions of a seeded ``random.Random``; the order of every list is part of the
corpus (file ``i`` depends only on the seed and ``i``), so append, never reorder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# fmt: off
DEPARTMENTS = [
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
TOWNS = [
    "Leeds", "Bristol", "Norwich", "Swansea", "Dundee", "Derby", "Exeter", "Carlisle", "Lincoln", "Newport",
    "Stirling", "Wrexham", "Ipswich", "Preston", "Sunderland", "Reading", "Luton", "Plymouth", "Aberdeen", "Bangor",
    "Lancaster", "Chester", "Durham", "Wakefield", "Salford", "Hereford", "Truro", "Inverness", "Armagh",
    "Stockport", "Gateshead", "Peterborough"
]
COUNCIL_KINDS = [
    "City Council", "Borough Council", "District Council", "County Council", "Council"
]
TOPICS = [
    "Transport", "Housing", "Skills", "Culture", "Health", "Justice", "Employment", "Energy", "Environment",
    "Rural Affairs", "Education", "Communities", "Enterprise", "Tourism", "Heritage", "Fisheries", "Water",
    "Infrastructure", "Innovation", "Social Care", "Sport", "Youth"
]
ROLES = [
    "Information Commissioner", "Chief Scientific Adviser", "Children's Commissioner", "Surveillance Commissioner",
    "Parliamentary Ombudsman", "Chief Statistician"
]
VERBS = [
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
ADJECTIVES = [
    "new", "shared", "secure", "cloud-based", "online", "digital", "open", "common", "integrated", "modern",
    "single", "national", "regional", "mobile", "self-service", "automated", "user-centred", "flexible",
    "paperless", "low-cost", "scalable", "accessible", "bilingual", "interactive", "resilient", "cross-government",
    "in-house", "outdated", "bespoke", "multi-channel", "web-based", "real-time", "key"
]
NOUNS = [
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
QUALIFIERS = [
    "for {people}", "for its {n} regional offices", "used by {big} {people}", "shared with {partner}",
    "for internal staff", "in English and Welsh", "for {topic} cases", "on GOV.UK", "for frontline teams",
    "across {n} sites", "for {people} in {town}", "built on open standards", "hosted in the public cloud",
    "for the {unit} directorate", "for {n} arm’s length bodies"
]
MODIFIERS = [
    "by {month} {year}", "during {year}", "before the end of {year}", "in the first quarter of {year}",
    "with {partner}", "in partnership with {partner}", "so that {people} can {goal}", "for around {big} users",
    "at a cost of £{money}m", "saving around £{money}m a year", "in line with the Digital Service Standard",
    "following user research with {n} {people}", "through an agile discovery", "within {n} weeks",
    "under the new technology code of practice", "with support from the {unit} team",
    "after a {n}-week alpha", "ahead of the contract ending in {year}", "in {n} local offices",
    "as {people} asked in the {year} survey"
]
LEADS = [
    "In {month} {year}", "During {year}", "Early in {year}", "By the end of {year}", "Working with {partner}",
    "To help {people} {goal}", "As part of {programme}", "Across {town} and {town2}",
    "Following feedback from {people}", "With funding from {partner}", "After the {n}-week discovery",
    "Since {month} {year}"
]
CODENAMES = [
    "Phoenix", "Atlas", "Horizon", "Beacon", "Compass", "Keystone", "Lighthouse", "Meridian", "Pathfinder",
    "Quantum", "Sentinel", "Tern", "Kestrel", "Harbour", "Juniper", "Orbit", "Granite", "Willow"
]
PARTNERS = [
    "GDS", "local authorities", "partner organisations", "the voluntary sector", "suppliers", "other departments",
    "the devolved administrations", "arm’s length bodies", "the NHS", "housing associations", "the police",
    "universities", "the Crown Commercial Service", "trade bodies", "charities"
]
PEOPLE = [
    "users", "citizens", "businesses", "staff", "claimants", "applicants", "landlords", "farmers", "students",
    "carers", "small firms", "drivers", "employers", "pensioners", "tenants", "schools", "exporters", "volunteers"
]
GOALS = [
    "apply online", "track their case", "pay securely", "book appointments without calling", "update their details",
    "find guidance quickly", "renew a licence in minutes", "report a change of circumstances",
    "get a decision faster", "upload evidence", "see their records", "get help by phone or webchat",
    "sign in once", "check their eligibility", "claim what they are owed"
]
UNITS = [
    "digital", "technology", "data", "service design", "information", "transformation", "customer experience",
    "estates", "security", "finance", "operations", "policy", "research"
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"
]
ACTIONS = [
    "lead the design of common technology platforms for digital services", "make its services digital by default",
    "open up its data through APIs", "improve assisted digital support for people who are offline",
    "train its senior leaders in digital skills", "adopt open standards for documents",
    "publish performance data for every transactional service", "reduce the cost of its transactions",
    "move its websites onto GOV.UK", "recruit a digital leader for each department",
    "redesign services with more than 100,000 transactions a year", "share technology and hosting across government",
    "remove barriers to digital procurement", "build in-house digital capability",
    "measure user satisfaction across its services"
]
STRATEGIES = [
    "Government Digital Strategy", "Digital Transformation Strategy", "Technology Code of Practice", "Data Strategy",
    "Local Digital Declaration", "Government Transformation Strategy"
]
PLACEHOLDERS = [
    "Coming soon...", "Coming soon…", "TBC", "To be confirmed", "Awaiting {acr} confirmation", "Content to follow",
    "Update to follow.", "[Insert progress update]", "Text to come", "TODO: add the figures",
    "Lorem ipsum dolor sit amet."
]
NOT_APPLICABLE = [
    "This action is not applicable to {acr}.",
    "{acr} does not offer transactional services, so this action does not apply.",
    "There is nothing further to report for {acr} in this period."
]
RETIRED = [
    "www.dwp.gov.uk", "www.decc.gov.uk", "www.dcms.gov.uk", "www.education.gov.uk", "www.hm-treasury.gov.uk",
    "www.communities.gov.uk", "www.defra.gov.uk", "www.dh.gov.uk"
]
LINK_TEXTS = [
    "Read more »", "Read more »", "Read more »", "Find out more", "Read the strategy", "Digital strategy (PDF)",
    "more", "click here"
]
# fmt: on


@dataclass
class Org:
    name: str
    acronym: str
    kind: str
    domain: str


def acronym(name: str) -> str:
    small = {"of", "for", "and", "the", "&", "on", "in"}
    return "".join(w[0] for w in name.replace(",", "").split() if w.lower() not in small and w[0].isalpha()).upper()


def slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)


def organisations(rng: random.Random, count: int) -> list[Org]:
    """``count`` distinct organisations, a mix of departments, agencies, councils and invented bodies."""
    chosen: dict[str, Org] = {}
    attempts = 0
    while len(chosen) < count and attempts < count * 20:
        attempts += 1
        roll = rng.random()
        if roll < 0.45:
            name, acr, kind = rng.choice(DEPARTMENTS)
            domain = (
                f"www.{slug(acr)}.gov.uk" if rng.random() < 0.5 else f"www.gov.uk/government/organisations/{slug(name)}"
            )
        elif roll < 0.65:
            town = rng.choice(TOWNS)
            name, kind = f"{town} {rng.choice(COUNCIL_KINDS)}", "council"
            acr, domain = acronym(name), f"www.{town.lower()}.gov.uk"
        elif roll < 0.75:
            town = rng.choice(TOWNS)
            service = rng.choice(["Teaching Hospitals", "Community Health", "Royal Infirmary"])
            name = f"{town} {service} NHS Foundation Trust"
            kind, acr, domain = "trust", acronym(name), f"www.{slug(town)}-nhs.nhs.uk"
        elif roll < 0.88:
            first, second = rng.sample(TOPICS, 2)
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
            acr = acronym(name)
            domain = f"www.{slug(acr)}.gov.uk"
        else:
            name = f"Office of the {rng.choice(ROLES)}"
            kind, acr, domain = "department", acronym(name), f"www.{slug(name)[10:]}.org.uk"
        if name not in chosen:
            chosen[name] = Org(name, acr, kind, domain)
    orgs = list(chosen.values())
    if rng.random() < 0.8:
        orgs.sort(key=lambda o: o.name.removeprefix("The ").lower())
    return orgs
