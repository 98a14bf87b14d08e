"""A labelled synthetic population for testing and benchmarking person search.

Only invented people: names from Faker's en_GB lists, weighted so that common
names are common; families share surnames, some children are twins, some people
have former names, aliases and known-as names. Each query made from it names
the person it should find and the kind of error typed into it.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from disclose.records.models import Identifier, Person, PersonName

from .index import reindex_persons
from .names import clean
from .nicknames import short_forms

EXTRA_MALE = ["Jayden", "Alfie", "Archie", "Freddie", "Bill", "Ollie"]
EXTRA_FEMALE = ["Millie", "Evie", "Kath", "Katie", "Becky", "Shaz"]
EXTRA_SURNAMES = ["Smyth", "Simpson", "McDonald", "Macdonald"]
LATEST_DOB = date(2025, 12, 31)


@dataclass
class Truth:
    """What the record says about one synthetic person."""

    pk: int
    forename: str
    surname: str
    dob: date | None
    nhs: str
    other_names: list[tuple[str, str, str]] = field(default_factory=list)


class Vocabulary:
    """Faker's en_GB names with Zipf-like weights (Smith is common, Savage is not)."""

    def __init__(self, seed: int):
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        person = faker.provider("faker.providers.person")
        self.male = list(person.first_names_male) + EXTRA_MALE
        self.female = list(person.first_names_female) + EXTRA_FEMALE
        self.surnames = list(person.last_names) + EXTRA_SURNAMES
        self._weights = {id(v): [1 / (i + 15) for i in range(len(v))] for v in self._lists()}

    def _lists(self):
        return (self.male, self.female, self.surnames)

    def pick(self, rng: random.Random, names: list[str]) -> str:
        return rng.choices(names, weights=self._weights[id(names)])[0]


def nhs_number(rng: random.Random) -> str:
    """Ten digits whose last is a valid modulus 11 check digit, so it looks real."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _households(rng: random.Random, vocab: Vocabulary, n: int) -> Iterator[dict]:
    """Yield person dicts household by household: siblings share a surname, some are twins."""
    made = 0
    while made < n:
        surname = vocab.pick(rng, vocab.surnames)
        if rng.random() < 0.07:
            surname = f"{surname}-{vocab.pick(rng, vocab.surnames)}"
        born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 68))
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            sex = rng.choice("MF")
            names = vocab.male if sex == "M" else vocab.female
            twin = made and rng.random() < 0.04
            dob = born if twin else born + timedelta(days=rng.randint(300, 365 * 6))
            if dob > LATEST_DOB:  # a family still growing: a baby born this year
                dob = LATEST_DOB - timedelta(days=rng.randint(0, 330))
            born = dob
            yield {"forename": vocab.pick(rng, names), "surname": surname, "dob": dob, "sex": sex}
            made += 1
            if made >= n:
                return


def _other_names(rng: random.Random, vocab: Vocabulary, p: Person) -> list[tuple[str, str, str]]:
    names = []
    roll = rng.random()
    if roll < 0.08:
        names.append(("", vocab.pick(rng, vocab.surnames), "former"))
    elif roll < 0.11:
        pool = vocab.male if p.sex == "M" else vocab.female
        names.append((vocab.pick(rng, pool), vocab.pick(rng, vocab.surnames), "alias"))
    elif roll < 0.17:
        shorts = short_forms(clean(p.forename))
        if shorts:
            names.append((rng.choice(shorts).title(), "", "known_as"))
    return names


def make_population(n: int, *, seed: int = 1, start: int = 0, chunk: int = 10_000) -> list[Truth]:
    """Create n persons (with other names and identifiers) in bulk and index them."""
    rng, vocab, truths = random.Random(seed), Vocabulary(seed), []  # noqa: S311
    people = _households(rng, vocab, n)
    for offset in range(0, n, chunk):
        batch = [next(people) for _ in range(min(chunk, n - offset))]
        truths += _create_chunk(rng, vocab, batch, start + offset)
    return truths


def _create_chunk(rng, vocab, batch: list[dict], start: int) -> list[Truth]:
    persons, numbers = [], []
    for i, fields in enumerate(batch):
        nhs = nhs_number(rng) if rng.random() < 0.9 else ""
        if nhs and rng.random() < 0.3:
            nhs = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
        dob = fields.pop("dob")
        dob = dob if rng.random() > 0.01 else None
        # Some records hold the NHS number only as a linked identifier.
        on_person = nhs if rng.random() > 0.05 else ""
        persons.append(
            Person(person_id=f"SYN{start + i:08d}", dob=dob, nhs_number=on_person, **fields)
        )
        numbers.append(nhs)
    Person.objects.bulk_create(persons, batch_size=5000)
    truths, other_rows, id_rows = [], [], []
    for p, nhs in zip(persons, numbers, strict=True):
        others = _other_names(rng, vocab, p)
        other_rows += [
            PersonName(person=p, forename=f, surname=s, name_type=t) for f, s, t in others
        ]
        if nhs and not p.nhs_number:
            id_rows.append(Identifier(person=p, kind="NHS number", value=nhs))
        truths.append(Truth(p.pk, p.forename, p.surname, p.dob, nhs, others))
    PersonName.objects.bulk_create(other_rows, batch_size=5000)
    Identifier.objects.bulk_create(id_rows, batch_size=5000)
    reindex_persons([p.pk for p in persons])
    return truths


def sample_truths(n: int, *, seed: int = 1) -> list[Truth]:
    """What the records say about n people picked at random from the database
    (for measuring a population built earlier)."""
    # In id order: the database may return rows in any order, and the same
    # seed must pick the same people every run.
    ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    picked = random.Random(seed).sample(ids, min(n, len(ids)))  # noqa: S311
    truths = {
        p.pk: Truth(p.pk, p.forename, p.surname, p.dob, p.nhs_number)
        for p in Person.objects.filter(id__in=picked).order_by("id")
    }
    for pk, forename, surname, kind in (
        PersonName.objects.filter(person_id__in=picked)
        .order_by("id")
        .values_list("person_id", "forename", "surname", "name_type")
    ):
        truths[pk].other_names.append((forename, surname, kind))
    for pk, value in (
        Identifier.objects.filter(person_id__in=picked, kind="NHS number")
        .order_by("id")
        .values_list("person_id", "value")
    ):
        truths[pk].nhs = truths[pk].nhs or value
    return list(truths.values())


def make_person(
    forename: str,
    surname: str,
    dob: date | None = None,
    *,
    nhs_number: str = "",
    other_names: tuple[tuple[str, str, str], ...] = (),
    identifiers: tuple[tuple[str, str], ...] = (),
) -> Person:
    """One named person, with other names (forename, surname, type) and identifiers, indexed."""
    person = Person.objects.create(
        person_id=f"SYN-{Person.objects.count() + 1}",
        forename=forename,
        surname=surname,
        dob=dob,
        nhs_number=nhs_number,
    )
    PersonName.objects.bulk_create(
        PersonName(person=person, forename=f, surname=s, name_type=t) for f, s, t in other_names
    )
    Identifier.objects.bulk_create(
        Identifier(person=person, kind=kind, value=value) for kind, value in identifiers
    )
    reindex_persons([person.pk])
    return person
