"""The prose of one generated document (:class:`Writer`), in a consistent voice, for :mod:`bench.corpus`.

Clauses are made first and rendered in a tense later, so that a phase can be copied into
another year's tense, as the copy rules' defects need.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bench.corpus_vocab import (
    ADJECTIVES,
    CODENAMES,
    GOALS,
    LEADS,
    MODIFIERS,
    MONTHS,
    NOUNS,
    PARTNERS,
    PEOPLE,
    QUALIFIERS,
    RETIRED,
    TOPICS,
    TOWNS,
    UNITS,
    VERBS,
    Org,
    slug,
)

# a clause is rendered in a tense later, so that a phase can be copied into another tense:
# (frame, subject, verb, object, second verb, second object, style, lead phrase, modifiers)
Clause = tuple[int, str, int, str, int, str, int, str, tuple[str, ...]]
FRAMES = 6  # plain, lead phrase, two verbs, passive, lead phrase and two verbs, plain with two objects


class Writer:
    """Writes the prose of one document in a consistent voice."""

    def __init__(self, rng: random.Random, orgs: Sequence[Org], curly: bool) -> None:
        self.rng = rng
        self.orgs = orgs
        self.apostrophe = "’" if curly else "'"

    def _fill(self, template: str, year: int) -> str:
        rng = self.rng
        if "{" not in template:
            return template.replace("'", self.apostrophe)
        town, town2 = rng.sample(TOWNS, 2)
        return template.format(
            month=rng.choice(MONTHS),
            year=year + rng.choice((0, 0, 1)),
            n=rng.randint(3, 60),
            partner=rng.choice([*PARTNERS, rng.choice(self.orgs).acronym]),
            people=rng.choice(PEOPLE),
            goal=rng.choice(GOALS),
            big=f"{rng.randint(2, 950) * 1000:,}",
            money=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
            unit=rng.choice(UNITS),
            topic=rng.choice(TOPICS).lower(),
            town=town,
            town2=town2,
            programme=rng.choice(
                [
                    f"Project {rng.choice(CODENAMES)}",
                    f"the {rng.choice(CODENAMES)} programme",
                    f"its {rng.choice(TOPICS).lower()} transformation programme",
                ]
            ),
        ).replace("'", self.apostrophe)

    def thing(self, year: int) -> str:
        """An object phrase: article, adjectives, a noun and perhaps a qualifier."""
        rng = self.rng
        adjectives = rng.sample(ADJECTIVES, rng.choice((0, 0, 1, 1, 1, 2)))
        noun = " ".join([*adjectives, rng.choice(NOUNS)])
        if rng.random() < 0.35:
            noun += " " + self._fill(rng.choice(QUALIFIERS), year)
        article = rng.choice(("the", "its", "a")) if rng.random() < 0.9 else "their"
        if article == "a" and noun[0] in "aeiou":
            article = "an"
        return f"{article} {noun}"

    def clause(self, org: Org, year: int) -> Clause:
        rng = self.rng
        subject = rng.choice(
            [
                org.acronym,
                org.acronym,
                org.name,
                f"The {org.kind}",
                "We",
                f"The {rng.choice(UNITS)} team",
                "Our digital team",
            ]
        )
        frame = rng.randrange(FRAMES)
        count = rng.choice((0, 1, 1, 2)) if frame == 0 else rng.choice((0, 1, 1))
        modifiers = tuple(self._fill(m, year) for m in rng.sample(MODIFIERS, count))
        lead = self._fill(rng.choice(LEADS), year) if frame in (1, 4) else ""
        return (
            frame,
            subject,
            rng.randrange(len(VERBS)),
            self.thing(year),
            rng.randrange(len(VERBS)),
            self.thing(year),
            rng.randrange(5),
            lead,
            modifiers,
        )

    def render(self, clause: Clause, tense: str) -> str:
        frame, subject, verb_i, obj, verb2_i, obj2, style, lead, modifiers = clause
        base, past = VERBS[verb_i]
        base2, past2 = VERBS[verb2_i]
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

    def sentence(self, org: Org, year: int, tense: str) -> str:
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

    def paragraph(self, org: Org, year: int, tense: str) -> str:
        return " ".join(self.sentence(org, year, tense) for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4))))

    def url(self, org: Org, year: int) -> str:
        rng = self.rng
        host = rng.choice(RETIRED) if rng.random() < 0.2 else org.domain
        path = rng.choice(
            [
                "/digital-strategy",
                f"/publications/{year}/{rng.randint(1, 12):02d}/digital-strategy",
                f"/en/content/cms/about/our_goals/{slug(org.acronym)}.aspx",
                "/about/digital-strategy.pdf",
                f"/government/publications/{slug(org.name)}-digital-strategy",
                f"/resource-library/{slug(org.acronym)}-digital-strategy#section-{rng.randint(1, 9)}",
            ]
        )
        scheme = "https" if rng.random() < 0.6 else "http"
        if host.startswith("www.gov.uk/"):
            return f"https://{host}"
        return f"{scheme}://{host}{path}"
