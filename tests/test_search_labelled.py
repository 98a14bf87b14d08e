"""The labelled set knows when a query, as typed, names someone else on record
(labelled.names_someone_else): such a query cannot be expected to find its
labelled person first, so the quality figures set it aside."""

from datetime import date

import pytest

from disclose.records.search.labelled import LabelledQuery, names_someone_else
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

BORN = date(1980, 5, 12)
ONE_DIGIT_OUT = date(1980, 5, 13)


def named(expected, **query) -> bool:
    return names_someone_else(LabelledQuery("test", query, expected.pk))


@pytest.fixture
def paul():
    """The labelled person: each query below is typed for him."""
    return make_person("Paul", "Smith", BORN, nhs_number="943 476 5919")


def test_a_mistyped_date_that_is_another_namesakes_date_names_them(paul):
    make_person("Paul", "Smith", ONE_DIGIT_OUT)
    assert named(paul, forename="Paul", surname="Smith", dob=ONE_DIGIT_OUT)


def test_a_mistyped_date_that_nobody_else_with_the_name_holds_names_no_one_else(paul):
    make_person("Paul", "Smith", date(1980, 5, 14))  # one digit from the typed date, not on it
    make_person("Peter", "Smith", ONE_DIGIT_OUT)
    make_person("Paul", "Smyth", ONE_DIGIT_OUT)  # sounds alike, is not the name typed
    assert not named(paul, forename="Paul", surname="Smith", dob=ONE_DIGIT_OUT)


def test_the_labelled_person_fitting_exactly_is_not_someone_else(paul):
    assert not named(paul, forename="Paul", surname="Smith", dob=BORN)


def test_names_compare_without_case_accents_hyphens_or_spaces(paul):
    make_person("Paul", "Smith-Jones", ONE_DIGIT_OUT)
    assert named(paul, forename="PAUL", surname="smith jones", dob=ONE_DIGIT_OUT)
    make_person("Zoë", "Price", ONE_DIGIT_OUT)
    assert named(paul, forename="zoe", surname="Price", dob=ONE_DIGIT_OUT)


def test_a_former_name_or_known_as_on_record_is_a_name_of_theirs(paul):
    make_person("Paul", "Evans", ONE_DIGIT_OUT, other_names=(("", "Smith", "former"),))
    assert named(paul, forename="Paul", surname="Smith", dob=ONE_DIGIT_OUT)
    make_person("Dominic", "Hart", ONE_DIGIT_OUT, other_names=(("Dom", "", "known_as"),))
    assert named(paul, forename="Dom", surname="Hart", dob=ONE_DIGIT_OUT)


def test_an_alias_is_one_whole_name_not_a_forename_to_pair_with_any_surname(paul):
    make_person("Mary", "Smith", ONE_DIGIT_OUT, other_names=(("Paula", "Brown", "alias"),))
    assert not named(paul, forename="Paula", surname="Smith", dob=ONE_DIGIT_OUT)
    assert named(paul, forename="Paula", surname="Brown", dob=ONE_DIGIT_OUT)


def test_without_a_date_any_namesake_is_named_and_with_one_only_those_born_then(paul):
    make_person("Paul", "Smith", date(1990, 1, 1))
    make_person("Paul", "Smith")  # no date of birth on record
    assert named(paul, forename="Paul", surname="Smith")
    assert not named(paul, forename="Paul", surname="Smith", dob=BORN)


def test_a_surname_and_date_alone_name_anyone_with_both(paul):
    make_person("Emma", "Smith", ONE_DIGIT_OUT)
    assert named(paul, surname="Smith", dob=ONE_DIGIT_OUT)
    assert not named(paul, surname="Smith", dob=BORN)


def test_an_nhs_number_typed_names_only_whoever_holds_it(paul):
    make_person("Paul", "Smith", BORN)  # a namesake without the number
    assert not named(paul, forename="Paul", surname="Smith", nhs_number="9434765919")
    make_person("Anne", "Lee", identifiers=(("NHS number", "9434765919"),))
    assert named(paul, nhs_number="943 476 5919")
    assert not named(paul, nhs_number="943 476 5919", dob=BORN)  # she has no date on record
    assert not named(paul, forename="Paul", nhs_number="943 476 5919")
