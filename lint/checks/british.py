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

# (pattern, replacement): applied at each place the pattern matches, one at a time.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (regexcache.compile(p), r)
    for p, r in (
        (r"is(?=ation|ations|ational|e|ed|es|ing|er|ers|able|ability)", "iz"),  # organisation, realise, recognisable
        (r"ys(?=(?:e|ed|es|ing|er|ers)$)", "yz"),  # analyse, paralysed
        (
            r"our(?=$|s$|ed$|ing$|ite|ites|able|ably|ful|fully|less|ism|ist|hood|er|ers|al|ally|ise|ize|is|iz|y|s)",
            "or",
        ),  # colour, behaviour, favourite
        (r"(?<=[bcdfghkmnpstv])re(?=$|s$)", "er"),  # centre, fibres
        (r"(?<=[bcdfghkmnpstv])red$", "ered"),  # centred
        (r"(?<=[bcdfghkmnpstv])ring$", "ering"),  # centring
        (r"ence(?=$|s$)", "ense"),  # defence, licence, offences
        (r"ogue(?=$|s$)", "og"),  # catalogue, dialogues
        (r"(?<=[aeiou])ll(?=ed$|ing$|er$|ers$|ation|ations)", "l"),  # travelled, modelling, cancellation
        (r"(?<=[aeiou][a-z])l(?=$|s$|ment|ments|ful|fully)", "ll"),  # fulfil, enrolment, skilful
        (r"mme(?=$|s$)", "m"),  # programme, programmes
        (r"(?<=gra)mm(?=ed$|ing$|er$|ers$)", "m"),  # programmed stays; kilogramme
        (r"ae", "e"),  # paediatric, anaemia
        (r"oe(?=[a-z])", "e"),  # oestrogen, manoeuvre
        (r"(?<=[gd])e(?=ment)", ""),  # judgement, acknowledgement
        (r"(?<=g)e(?=ing$)", ""),  # ageing
        (r"que(?=$|s$)", "ck"),  # cheque
        (r"(?<=^t)yre", "ire"),  # tyre
        (r"(?<=m)ou(?=ld|lt)", "o"),  # mould, moult, smoulder
        (r"ough$", "ow"),  # plough
        (r"^sc(?=ept)", "sk"),  # sceptical
        (r"euvre", "euver"),  # manoeuvre
        (r"(?<=[a-z])ise$", "ice"),  # practise (verb) -> practice
        (r"^grey", "gray"),  # grey
        (r"(?<=[a-z])xion", "ction"),  # connexion
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
            for pattern, replacement in _RULES:
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
