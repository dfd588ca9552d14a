"""American forms of a British spelling, so a US-leaning dictionary accepts British English.

pyspellchecker's English list knows "organization" but not "organisation",
"center" but not "centre". Rather than list British words one by one,
:func:`american_forms` rewrites a word by the regular British → American
correspondences (-ise/-ize and -isation/-ization anywhere in a word, -yse/-yze,
-our/-or, -re/-er, -ence/-ense, -ogue/-og, doubled l, -mme/-m, ae/oe → e, …): a
word is British English when one of its American forms is a known word.
"""

from __future__ import annotations

import re

from lint import regexcache

# (literal, pattern, replacement): applied at each place the pattern matches, one at a time; the literal
# is in every match (a word without it is not searched: most words meet few of the rules)
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (literal, regexcache.compile(p), r)
    for literal, p, r in (
        (
            "is",
            r"is(?=ation|ations|ational|e|ed|es|ing|er|ers|able|ability)",
            "iz",
        ),  # organisation, realise, recognisable
        ("ys", r"ys(?=(?:e|ed|es|ing|er|ers)$)", "yz"),  # analyse, paralysed
        (
            "our",
            r"our(?=$|s$|ed$|ing$|ite|ites|able|ably|ful|fully|less|ism|ist|hood|er|ers|al|ally|ise|ize|is|iz|y|s)",
            "or",
        ),  # colour, behaviour, favourite
        ("re", r"(?<=[bcdfghkmnpstv])re(?=$|s$)", "er"),  # centre, fibres
        ("red", r"(?<=[bcdfghkmnpstv])red$", "ered"),  # centred
        ("ring", r"(?<=[bcdfghkmnpstv])ring$", "ering"),  # centring
        ("ence", r"ence(?=$|s$)", "ense"),  # defence, licence, offences
        ("ogue", r"ogue(?=$|s$)", "og"),  # catalogue, dialogues
        ("ll", r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$|ation|ations)", "l"),  # travelled, modelling, cancellation
        ("l", r"(?<=[aeiou][a-z])l(?=$|s$|ment|ments|ful|fully)", "ll"),  # fulfil, enrolment, skilful
        ("mme", r"mme(?=$|s$)", "m"),  # programme, programmes
        ("mm", r"(?<=gra)mm(?=ed$|ing$|er$|ers$)", "m"),  # programmed stays; kilogramme
        ("ae", r"ae", "e"),  # paediatric, anaemia
        ("oe", r"oe(?=[a-z])", "e"),  # oestrogen, manoeuvre
        ("ement", r"(?<=[gd])e(?=ment)", ""),  # judgement, acknowledgement
        ("eing", r"(?<=g)e(?=ing$)", ""),  # ageing
        ("que", r"que(?=$|s$)", "ck"),  # cheque
        ("yre", r"(?<=^t)yre", "ire"),  # tyre
        ("mou", r"(?<=m)ou(?=ld|lt)", "o"),  # mould, moult, smoulder
        ("ough", r"ough$", "ow"),  # plough
        ("scept", r"^sc(?=ept)", "sk"),  # sceptical
        ("euvre", r"euvre", "euver"),  # manoeuvre
        ("ise", r"(?<=[a-z])ise$", "ice"),  # practise (verb) -> practice
        ("grey", r"^grey", "gray"),  # grey
        ("xion", r"(?<=[a-z])xion", "ction"),  # connexion
    )
)
_MAX_FORMS = 64


def american_forms(word: str, depth: int = 3) -> set[str]:
    """Spellings of lower-case ``word`` with up to ``depth`` British → American rewrites (not ``word``)."""
    seen = {word}
    frontier = {word}
    for _ in range(depth):
        following: set[str] = set()
        for form in frontier:
            for literal, pattern, replacement in _RULES:
                if literal not in form:
                    continue
                for match in pattern.finditer(form):
                    changed = form[: match.start()] + replacement + form[match.end() :]
                    if changed not in seen:
                        following.add(changed)
        seen |= following
        frontier = following
        if not frontier or len(seen) > _MAX_FORMS:
            break
    seen.discard(word)
    return seen
