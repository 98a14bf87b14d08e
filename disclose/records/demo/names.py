"""Realistic UK names (Faker's en_GB lists) and the mistakes people make typing them."""

from functools import lru_cache
from itertools import accumulate
from random import Random

from faker.providers.person.en_GB import Provider as _Names
from nicknames import NickNamer

_MALE = tuple(_Names.first_names_male)
_FEMALE = tuple(_Names.first_names_female)
_SURNAMES = tuple(_Names.last_names)
_SURNAME_WEIGHTS = tuple(accumulate(_Names.last_names.values()))
_VOWELS = "aeiou"
# Sounds that are spelt more than one way, as a clerk hears them on the phone.
_SOUNDS = (
    ("ph", "f"),
    ("ck", "k"),
    ("y", "i"),
    ("ie", "y"),
    ("ee", "ea"),
    ("th", "t"),
    ("son", "sen"),
    ("Mac", "Mc"),
    ("Mc", "Mac"),
    ("ll", "l"),
    ("nn", "n"),
    ("ey", "y"),
)


class Names:
    def __init__(self, rng: Random) -> None:
        self.rng = rng

    def forename(self, sex: str) -> str:
        return self.rng.choice(_MALE if sex == "M" else _FEMALE)

    def surname(self) -> str:
        return self.rng.choices(_SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]

    def family_surname(self) -> str:
        """Mostly one surname; some hyphenated or double-barrelled."""
        roll = self.rng.random()
        if roll < 0.04:
            return f"{self.surname()}-{self.surname()}"
        if roll < 0.05:
            return f"{self.surname()} {self.surname()}"
        return self.surname()

    def known_as(self, forename: str) -> str | None:
        options = _nicknames(forename)
        return self.rng.choice(options) if options else None

    def misspell(self, name: str) -> str:
        """One plausible typing or hearing error; never returns the name unchanged."""
        for _attempt in range(10):
            wrong = _ERRORS[self.rng.randrange(len(_ERRORS))](self.rng, name)
            if wrong != name and len(wrong) >= 2:
                return wrong
        return name + name[-1]


@lru_cache(maxsize=4096)
def _nicknames(forename: str) -> tuple[str, ...]:
    found = _namer().nicknames_of(forename.lower())
    return tuple(sorted(n.capitalize() for n in found if len(n) > 2))


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


def _swap(rng: Random, name: str) -> str:
    i = rng.randrange(1, max(2, len(name) - 1))
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :] if i < len(name) else name


def _drop(rng: Random, name: str) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + name[i + 1 :]


def _double(rng: Random, name: str) -> str:
    i = rng.randrange(1, len(name))
    return name[:i] + name[i] + name[i:]


def _vowel(rng: Random, name: str) -> str:
    places = [i for i, c in enumerate(name) if i and c in _VOWELS]
    if not places:
        return name
    i = rng.choice(places)
    return name[:i] + rng.choice(_VOWELS.replace(name[i], "")) + name[i + 1 :]


def _sound(rng: Random, name: str) -> str:
    found = [(a, b) for a, b in _SOUNDS if a in name]
    if not found:
        return name
    a, b = rng.choice(found)
    return name.replace(a, b, 1)


_ERRORS = (_swap, _drop, _double, _vowel, _sound, _sound)
