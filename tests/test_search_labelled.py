"""The labelled set knows when a query, as typed, fits someone else on record at
least as well as its labelled person (labelled.fits_someone_else_as_well): the
names typed are theirs, or they bear the name the query was typed from, and
their date of birth is the one typed or is out by the same kind of slip. Such a
query cannot be expected to find its labelled person first, so the quality
figures set it aside."""

from datetime import date

import pytest

from disclose.records.search.labelled import LabelledQuery, fits_someone_else_as_well
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

BORN = date(1980, 5, 12)
ONE_DIGIT_OUT = date(1980, 5, 13)


def named(expected, **query) -> bool:
    return fits_someone_else_as_well(LabelledQuery("test", query, expected.pk))


@pytest.fixture
def paul():
    """The labelled person: each query below is typed for him."""
    return make_person("Paul", "Smith", BORN, nhs_number="943 476 5919")


def test_a_mistyped_date_that_is_another_namesakes_date_names_them(paul):
    make_person("Paul", "Smith", ONE_DIGIT_OUT)
    assert named(paul, forename="Paul", surname="Smith", dob=ONE_DIGIT_OUT)


def test_a_mistyped_date_that_nobody_else_with_the_name_holds_names_no_one_else(paul):
    make_person("Paul", "Smith", date(1980, 5, 24))  # two digits from the typed date
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


# "Barnes, 8 Apr 1961" typed for Paul Barnes, born 8 Apr 1966: one digit wrong.
TYPED = date(1961, 4, 8)


@pytest.fixture
def paul_barnes():
    return make_person("Paul", "Barnes", date(1966, 4, 8))


def test_someone_else_out_by_the_same_slip_fits_as_well(paul_barnes):
    make_person("Henry", "Barnes", date(1961, 4, 9))  # one digit from the typed date too
    assert named(paul_barnes, surname="Barnes", dob=TYPED)


def test_someone_else_out_by_another_kind_of_slip_does_not(paul_barnes):
    make_person("Henry", "Barnes", date(1961, 8, 4))  # day and month of the typed date swapped
    assert not named(paul_barnes, surname="Barnes", dob=TYPED)


def test_day_and_month_swapped_counts_only_someone_else_swapped_too():
    anne = make_person("Anne", "Barnes", date(1961, 8, 4))  # typed with day and month swapped
    make_person("Ruth", "Barnes", date(1961, 4, 9))  # one digit from the typed date
    assert not named(anne, surname="Barnes", dob=TYPED)
    make_person("Jane", "Barnes", date(1961, 4, 8))  # born on the typed date
    assert named(anne, surname="Barnes", dob=TYPED)


def test_someone_out_by_the_same_slip_whose_names_do_not_fit_does_not(paul_barnes):
    make_person("Henry", "Barnes", date(1961, 4, 9))
    make_person("Paul", "Barns", date(1961, 4, 9))  # sounds alike, is not the name typed
    assert not named(paul_barnes, forename="Paul", surname="Barnes", dob=TYPED)
    make_person("Paul", "Barnes", date(1961, 5, 8))
    assert named(paul_barnes, forename="Paul", surname="Barnes", dob=TYPED)


# "Debs Harper, 9 Aug 2007" typed for Deborah Harper, born 1 Aug 2007: a
# nickname and one digit wrong.
DEBS = {"forename": "Debs", "surname": "Harper", "dob": date(2007, 8, 9)}


@pytest.fixture
def deborah():
    return make_person("Deborah", "Harper", date(2007, 8, 1))


def test_a_namesake_of_the_labelled_person_out_by_the_same_slip_fits_as_well(deborah):
    make_person("Deborah", "Harper", date(2007, 1, 9))  # one digit from the typed date too
    assert named(deborah, **DEBS)


def test_a_namesake_out_by_another_kind_of_slip_does_not(deborah):
    make_person("Deborah", "Harper", date(2007, 9, 8))  # day and month of the typed date swapped
    assert not named(deborah, **DEBS)


def test_a_name_as_near_to_the_one_typed_but_not_the_labelled_persons_does_not(deborah):
    make_person("Debra", "Harper", date(2007, 1, 9))
    make_person("Deborah", "Harpur", date(2007, 1, 9))
    assert not named(deborah, **DEBS)


def test_the_name_typed_from_is_what_counts_not_every_name_on_record():
    # "Suan Bailey" typed for a Susan Bailey who was Susan Manning: another Susan
    # Bailey, known as Suzie, fits it as well. Manning was not typed.
    susan = make_person(
        "Susan", "Bailey", date(1989, 3, 18), other_names=(("", "Manning", "former"),)
    )
    make_person("Susan", "Bailey", date(1963, 3, 18), other_names=(("Suzie", "", "known_as"),))
    assert named(susan, forename="Suan", surname="Bailey", dob=date(1983, 3, 18))


def test_a_former_name_typed_exactly_is_the_name_typed_from():
    # "Deborah Mills" is her former name, typed exactly: a Deborah Harper who
    # was never a Mills does not fit it, though she bears her own name.
    wed = make_person("Deborah", "Harper", date(2007, 8, 1), other_names=(("", "Mills", "former"),))
    make_person("Deborah", "Harper", date(2007, 1, 9))
    assert not named(wed, forename="Deborah", surname="Mills", dob=DEBS["dob"])
    make_person("Deborah", "Mills", date(2007, 1, 9))
    assert named(wed, forename="Deborah", surname="Mills", dob=DEBS["dob"])


def test_only_the_names_typed_are_compared(deborah):
    make_person("Susan", "Harper", date(2007, 1, 9))  # a Harper, the same slip
    assert not named(deborah, **DEBS)
    assert named(deborah, surname="Harpr", dob=DEBS["dob"])  # no forename typed


def test_without_a_date_a_namesake_of_the_labelled_person_fits_as_well(deborah):
    assert not named(deborah, forename="Debs", surname="Harper")
    make_person("Deborah", "Harper", date(1971, 3, 2))
    assert named(deborah, forename="Debs", surname="Harper")
    assert named(deborah, forename="Debs", surname="Harpr")  # sounds unlike nothing on record
