"""Search quality on a labelled synthetic set (issue 2, raised in issue 11): 10,000
people, 300 queries of each error kind; the right person in the top 5 for at least
99.5% of queries, first for at least 98% (99% of those with a date of birth), and
first or tied with someone the query cannot tell apart from them
(labelled.cannot_tell_apart) for at least 99.8%.

At 10,000 people every query with a date of birth finds its person first or tied;
at a million, about 4% of them are ties the query cannot decide (a surname and a
mistyped date that fit two people alike) and 0.4% lose to someone one other slip
away: benchmarks/search.py measures that scale."""

from collections import defaultdict

import pytest
from django.db import transaction

from disclose.records.search import search_persons
from disclose.records.search.labelled import MAKERS, cannot_tell_apart, make_queries, score_of
from disclose.records.search.synthetic import make_population

# django_db so that pytest-django creates the test database this module builds in.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PEOPLE = 10_000
PER_KIND = 300
# The rank recorded when someone else came first whom the query cannot tell
# from the right person (twins, namesakes): in the top 5, not first.
TIED = 0.5


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker) -> tuple[dict, list]:
    """The rank (0 = first) at which each query found its person, by error kind,
    and the ranks of the queries with a date of birth.

    The population is built once for the module, inside a transaction that is
    rolled back, so other tests never see it.
    """
    ranks: dict[str, list[int | None]] = defaultdict(list)
    dated: list[int | None] = []
    with django_db_blocker.unblock(), transaction.atomic():
        truths = make_population(PEOPLE, seed=2026)
        for labelled in make_queries(truths, per_kind=PER_KIND, seed=17):
            matches = search_persons(**labelled.query, limit=20)
            found = [m.person.pk for m in matches]
            rank = found.index(labelled.expected) if labelled.expected in found else None
            if rank and cannot_tell_apart(score_of(labelled), matches[0].score):
                rank = TIED
            ranks[labelled.kind].append(rank)
            if labelled.query.get("dob"):
                dated.append(rank)
        transaction.set_rollback(True)
    return ranks, dated


@pytest.fixture(scope="module")
def outcomes(measured) -> dict[str, list[int | None]]:
    return measured[0]


def _share(ranks: list[int | None], top: float) -> float:
    return sum(1 for r in ranks if r is not None and r < top) / len(ranks)


def _table(ranks: dict[str, list[int | None]], dated: list[int | None]) -> str:
    everything = [r for kind in ranks.values() for r in kind]
    lines = [
        f"Search quality: {len(everything)} queries against {PEOPLE:,} people",
        f"{'error kind':<28}{'queries':>8}{'top 5':>9}{'first':>9}{'or tied':>9}",
    ]
    for kind, kind_ranks in [*ranks.items(), ("with a date of birth", dated), ("all", everything)]:
        lines.append(
            f"{kind:<28}{len(kind_ranks):>8}"
            f"{_share(kind_ranks, 5):>9.1%}{_share(kind_ranks, TIED):>9.1%}"
            f"{_share(kind_ranks, 1):>9.1%}"
        )
    return "\n".join(lines)


def test_the_figures_are_printed_for_every_error_kind(measured, record_property):
    table = _table(*measured)
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
    _, dated = measured
    assert len(dated) >= 1500
    assert _share(dated, TIED) >= 0.99


def test_the_right_person_is_first_or_tied_for_99_8_percent_of_queries(outcomes):
    everything = [r for kind in outcomes.values() for r in kind]
    assert _share(everything, 1) >= 0.998


def test_no_error_kind_falls_far_behind_the_others(outcomes):
    for kind, ranks in outcomes.items():
        assert _share(ranks, 5) >= 0.99, kind
        assert _share(ranks, 1) >= 0.995, kind
