"""Forename groups: which forenames are forms of one another (Bill and William).

The `nicknames` package covers mostly American usage. The table below adds the
common UK diminutives it misses (Kath, Alfie, Gaz, Shaz, Liam...), so that an
officer typing the name a family uses still finds the formal name on the record.
"""

from functools import lru_cache

from nicknames import NickNamer

# Short form -> the formal names it usually stands for (lower case, ASCII).
UK_DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "abi": ("abigail",),
    "alfie": ("alfred",),
    "bex": ("rebecca",),
    "baz": ("barry",),
    "bev": ("beverley", "beverly"),
    "cath": ("catherine", "cathryn"),
    "chrissie": ("christine", "christina"),
    "dec": ("declan",),
    "debs": ("deborah", "debra"),
    "del": ("derek",),
    "den": ("dennis", "denise"),
    "evie": ("eve", "evelyn"),
    "gaz": ("gary", "gareth"),
    "gemma": ("jemma",),
    "gill": ("gillian",),
    "issy": ("isobel",),
    "izzy": ("isabel", "isabella", "isobel", "elizabeth"),
    "jaz": ("jasmine",),
    "jodie": ("josephine", "joanne"),
    "kat": ("katherine", "kathryn", "catherine"),
    "kath": ("katherine", "kathryn", "kathleen", "catherine"),
    "katie": ("katherine", "catherine", "kathleen"),
    "kaz": ("karen", "caroline", "karina"),
    "kirst": ("kirsty", "kirsten"),
    "liam": ("william",),
    "lyn": ("lynne", "lynda", "linda"),
    "maisie": ("margaret",),
    "mo": ("mohammed", "muhammad", "maureen"),
    "nikki": ("nicola",),
    "nicky": ("nicola",),
    "olly": ("oliver",),
    "ollie": ("oliver",),
    "shaz": ("sharon",),
    "stan": ("stanley",),
    "steph": ("stephanie",),
    "tel": ("terry", "terence"),
    "trace": ("tracey", "tracy"),
    "vikki": ("victoria",),
}

# Forenames related to very many others (Chris: 18 names) would make each
# search key bucket huge; past this many, keep the closest forms only.
MAX_FORMS = 12

_namer = NickNamer()


@lru_cache(maxsize=50_000)
def forename_forms(name: str) -> frozenset[str]:
    """The name itself and the formal names it may be a short form of.

    Two forenames belong together when their forms overlap: Katie and Kathryn
    (Kathryn is a form of Katie), Kate and Katie (both forms of Kathryn).
    """
    forms = {name}
    forms.update(UK_DIMINUTIVES.get(name, ()))
    forms.update(sorted(_namer.canonicals_of(name)))
    if len(forms) > MAX_FORMS:
        forms = {name, *UK_DIMINUTIVES.get(name, ()), *sorted(forms)[: MAX_FORMS - 1]}
    return frozenset(forms)


def relation(a: str, b: str) -> tuple[str, str]:
    """How two different forenames are related, if they are.

    ("direct", "") when one is a form of the other (Bill and William);
    ("shared", formal) when both are short for the same name (Kate and Katie,
    both short for Kathryn); ("", "") otherwise.
    """
    if a == b:
        return "", ""
    forms_a, forms_b = forename_forms(a), forename_forms(b)
    if a in forms_b or b in forms_a or a in _nick_of(b) or b in _nick_of(a):
        return "direct", ""
    common = sorted(forms_a & forms_b)
    return ("shared", common[0]) if common else ("", "")


@lru_cache(maxsize=50_000)
def _nick_of(name: str) -> frozenset[str]:
    return frozenset(_namer.nicknames_of(name)) | {
        short for short, formal in UK_DIMINUTIVES.items() if name in formal
    }


def short_forms(name: str) -> list[str]:
    """Known short forms of a formal name (for building test queries)."""
    return sorted(_nick_of(name))
