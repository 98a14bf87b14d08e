"""Search quality on a labelled synthetic set (issue 2, raised in issue 11): 10,000
people, 300 queries of each error kind; the right person in the top 5 for at least
99.5% of queries, first for at least 98% (99% of those with a date of birth), and
first or tied with someone the query cannot tell apart from them
(labelled.cannot_tell_apart) for at least 99.8%. Queries that, as typed, fit
someone else on record at least as well as their labelled person
(labelled.fits_someone_else_as_well: the names typed are another person's, or
that person bears the name the query was typed from, and their date of birth
is the one typed, or is out by the same kind of slip as the labelled person's)
are counted as set aside, and of the rest, those with a date
of birth find their person first at least 99% of the time (issue 11's target,
measured at a million people by benchmarks/search.py).

At 10,000 people every query with a date of birth finds its person first or tied.
At a million (SQLite, 1,641 queries with a date of birth, December 2026) 3.5% do
not. 72 queries (4.4%) fit someone else as well: another Paul Smith born on the
mistyped date, a surname and a date one digit out that fit Paul Barnes and Henry
Barnes alike, or "Debs Harper" with a date one digit out from two Deborah
Harpers. Of the rest, 99.7% find their person first; the 5 that do not fit
someone else almost as well: Gary Burgess born 5 Sep typed as 9 May, when a Mary
Burgess was born on 9 May. benchmarks/search.py measures that scale."""

from collections import defaultdict
from dataclasses import dataclass

import pytest
from django.db import connection, transaction

from disclose.records.search import search_persons
from disclose.records.search.labelled import (
    MAKERS,
    cannot_tell_apart,
    fits_someone_else_as_well,
    make_queries,
    score_of,
)
from disclose.records.search.synthetic import make_population

# django_db so that pytest-django creates the test database this module builds in.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PEOPLE = 10_000
PER_KIND = 300
# The rank recorded when someone else came first whom the query cannot tell
# from the right person (twins, namesakes): in the top 5, not first.
TIED = 0.5


@dataclass
class Measured:
    """The rank (0 = first) at which each query found its person: by error kind
    (ranks), of the queries with a date of birth (dated), and the same for the
    queries that fit no one else as well (rest, dated_rest)."""

    ranks: dict[str, list[float | None]]
    dated: list[float | None]
    rest: dict[str, list[float | None]]
    dated_rest: list[float | None]


def _analyze() -> None:
    """Let PostgreSQL's planner see the population (ANALYZE sees this
    transaction's rows). Without it, it planned with whatever an earlier test
    on the same worker left: in one CI run the people's table was recorded as
    163 pages of no rows, each search took a second, not a few milliseconds,
    and this module half an hour."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("records_person", "records_personname", "records_searchkey"):
            cursor.execute(f"ANALYZE {table}")


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker) -> Measured:
    """The ranks of every query, built once for the module inside a
    transaction that is rolled back, so other tests never see the population."""
    found_at = Measured(defaultdict(list), [], defaultdict(list), [])
    with django_db_blocker.unblock(), transaction.atomic():
        truths = make_population(PEOPLE, seed=2026)
        _analyze()
        for labelled in make_queries(truths, per_kind=PER_KIND, seed=17):
            matches = search_persons(**labelled.query, limit=20)
            found = [m.person.pk for m in matches]
            rank = found.index(labelled.expected) if labelled.expected in found else None
            if rank and cannot_tell_apart(score_of(labelled), matches[0].score):
                rank = TIED
            named = fits_someone_else_as_well(labelled)
            dated = bool(labelled.query.get("dob"))
            found_at.ranks[labelled.kind].append(rank)
            if not named:
                found_at.rest[labelled.kind].append(rank)
            if dated:
                found_at.dated.append(rank)
            if dated and not named:
                found_at.dated_rest.append(rank)
        transaction.set_rollback(True)
    return found_at


@pytest.fixture(scope="module")
def outcomes(measured) -> dict[str, list[int | None]]:
    return measured.ranks


def _share(ranks: list[int | None], top: float) -> float:
    return sum(1 for r in ranks if r is not None and r < top) / len(ranks)


def _table(m: Measured) -> str:
    everything = [r for kind in m.ranks.values() for r in kind]
    rest = [r for kind in m.rest.values() for r in kind]
    lines = [
        f"Search quality: {len(everything)} queries against {PEOPLE:,} people",
        f"{'error kind':<28}{'queries':>8}{'top 5':>9}{'first':>9}{'or tied':>9}"
        f"{'aside':>7}{'first*':>9}",
    ]
    rows = [(kind, m.ranks[kind], m.rest[kind]) for kind in m.ranks]
    rows += [("with a date of birth", m.dated, m.dated_rest), ("all", everything, rest)]
    for kind, kind_ranks, kind_rest in rows:
        lines.append(
            f"{kind:<28}{len(kind_ranks):>8}"
            f"{_share(kind_ranks, 5):>9.1%}{_share(kind_ranks, TIED):>9.1%}"
            f"{_share(kind_ranks, 1):>9.1%}{len(kind_ranks) - len(kind_rest):>7}"
            f"{_share(kind_rest, TIED) if kind_rest else 1.0:>9.1%}"
        )
    lines.append(
        "aside: fitting someone else on record as well; first*: first, of the other queries"
    )
    return "\n".join(lines)


def test_the_figures_are_printed_for_every_error_kind(measured, record_property):
    table = _table(measured)
    print(f"\n{table}")
    record_property("summary", table)  # shown at the end of the run by tests/conftest.py
    assert all(kind in table for kind in MAKERS)


def test_every_error_kind_is_tried_at_least_300_times(outcomes):
    assert set(outcomes) == set(MAKERS)
    assert all(len(ranks) >= 300 for ranks in outcomes.values())


def test_the_right_person_is_in_the_top_five_for_99_5_percent_of_queries(outcomes):
    everything = [r for kind in outcomes.values() for r in kind]
    assert _share(everything, 5) >= 0.995


def test_the_right_person_is_first_for_98_percent_of_queries(outcomes):
    # Measured 98.4%: the rest are namesakes when no date of birth is typed.
    everything = [r for kind in outcomes.values() for r in kind]
    assert _share(everything, TIED) >= 0.98


def test_the_right_person_is_first_for_99_percent_of_queries_with_a_date_of_birth(measured):
    assert len(measured.dated) >= 1500
    assert _share(measured.dated, TIED) >= 0.99


def test_of_dated_queries_fitting_no_one_else_as_well_99_percent_come_first(measured):
    # Issue 11's target. A query that fits someone else as well (the date as
    # mistyped is another namesake's, or is one digit from theirs as from the
    # labelled person's) cannot find its own person first but by luck.
    assert len(measured.dated_rest) >= 1500
    assert _share(measured.dated_rest, TIED) >= 0.99


def test_the_right_person_is_first_or_tied_for_99_8_percent_of_queries(outcomes):
    everything = [r for kind in outcomes.values() for r in kind]
    assert _share(everything, 1) >= 0.998


def test_no_error_kind_falls_far_behind_the_others(outcomes):
    for kind, ranks in outcomes.items():
        assert _share(ranks, 5) >= 0.99, kind
        assert _share(ranks, 1) >= 0.995, kind
