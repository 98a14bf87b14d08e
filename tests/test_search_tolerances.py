"""Each tolerance of person search, one by one, with the reason the officer reads."""

from datetime import date

import pytest

from disclose.records.search import search_persons
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

DOB = date(2010, 3, 4)


def first(**query):
    matches = search_persons(**query)
    assert matches, f"nobody found for {query}"
    return matches[0]


@pytest.fixture
def crowd():
    """People who should not be confused with the one searched for."""
    return [
        make_person("Jayden", "Smith", date(2011, 7, 19)),
        make_person("Olivia", "Smith", DOB),
        make_person("William", "Jones", date(1980, 1, 2)),
        make_person("Katie", "Brown", date(1999, 12, 30)),
    ]


def test_a_misspelt_forename_finds_the_person_by_its_sound(crowd):
    jayden = make_person("Jayden", "Smith", DOB)
    match = first(forename="Jaden", surname="Smith", dob=DOB)
    assert match.person == jayden
    assert "Forename sounds like Jaden" in match.reasons


def test_a_surname_spelt_another_way_finds_the_person(crowd):
    smyth = make_person("Amelia", "Smyth", DOB)
    match = first(forename="Amelia", surname="Smith", dob=DOB)
    assert match.person == smyth
    assert "Surname sounds like Smith" in match.reasons


def test_thomson_finds_thompson_without_a_date_of_birth(crowd):
    thompson = make_person("Grace", "Thompson", DOB)
    match = first(forename="Grace", surname="Thomson")
    assert match.person == thompson
    assert "Surname sounds like Thomson" in match.reasons


def test_transposed_letters_in_a_surname_still_find_the_person(crowd):
    smith = make_person("Harriet", "Smith", date(2004, 6, 1))
    match = first(forename="Harriet", surname="Smtih")
    assert match.person == smith
    assert "Surname spelt similarly to Smtih" in match.reasons


def test_a_dropped_letter_in_a_forename_still_finds_the_person(crowd):
    person = make_person("Jennifer", "Walsh", DOB)
    assert first(forename="Jenifer", surname="Walsh", dob=DOB).person == person
    assert first(forename="Jennfer", surname="Walsh").person == person


def test_a_forename_and_surname_typed_the_other_way_round_find_the_person(crowd):
    grace = make_person("Grace", "Thompson", DOB)
    match = first(forename="Thompson", surname="Grace")
    assert match.person == grace
    assert match.reasons[0] == "Forename and surname the other way round"


def test_names_typed_in_each_others_box_with_the_date_find_the_person(crowd):
    grace = make_person("Grace", "Thompson", DOB)
    match = first(forename="Thompson", surname="Grace", dob=DOB)
    assert match.person == grace
    assert match.reasons[0] == "Forename and surname the other way round"
    assert "Date of birth matches" in match.reasons


def test_both_names_misspelt_beyond_their_sound_find_the_person_by_the_date(crowd):
    # Neither name shares a key with the record: only the date finds her,
    # in the step that looks wider when nobody fits well.
    sophie = make_person("Sophie", "Walsh", DOB)
    match = first(forename="Sohpie", surname="Wlash", dob=DOB)
    assert match.person == sophie
    assert "Date of birth matches" in match.reasons


def test_a_nickname_finds_the_formal_name(crowd):
    william = make_person("William", "Harris", DOB)
    match = first(forename="Bill", surname="Harris", dob=DOB)
    assert match.person == william
    assert "Bill is another form of William" in match.reasons


def test_a_formal_name_finds_the_nickname_on_the_record(crowd):
    katie = make_person("Katie", "Wood", DOB)
    match = first(forename="Kathryn", surname="Wood")
    assert match.person == katie
    assert "Kathryn is another form of Katie" in match.reasons


def test_two_short_forms_of_one_name_find_each_other(crowd):
    kate = make_person("Kate", "Wood", DOB)
    match = first(forename="Katie", surname="Wood", dob=DOB)
    assert match.person == kate
    assert "Katie and Kate can both be short for Katherine" in match.reasons


def test_a_uk_diminutive_the_nicknames_package_lacks_is_known(crowd):
    alfred = make_person("Alfred", "Pike", DOB)
    match = first(forename="Alfie", surname="Pike", dob=DOB)
    assert match.person == alfred
    assert "Alfie is another form of Alfred" in match.reasons


def test_either_part_of_a_double_barrelled_surname_finds_the_person(crowd):
    person = make_person("Ruby", "Smith-Jones", DOB)
    by_first = first(forename="Ruby", surname="Smith", dob=DOB)
    by_second = first(forename="Ruby", surname="Jones")
    by_both = first(forename="Ruby", surname="Smith Jones", dob=DOB)
    assert by_first.person == by_second.person == by_both.person == person
    assert "Surname Smith is part of Smith-Jones" in by_first.reasons
    assert "Surname matches" in by_both.reasons


def test_a_former_name_finds_the_person(crowd):
    person = make_person("Chloe", "Evans", DOB, other_names=(("", "Parry", "former"),))
    match = first(forename="Chloe", surname="Parry", dob=DOB)
    assert match.person == person
    assert "Former name Parry" in match.reasons


def test_an_alias_finds_the_person(crowd):
    person = make_person("Dean", "Morris", DOB, other_names=(("Danny", "Price", "alias"),))
    match = first(forename="Danny", surname="Price")
    assert match.person == person
    assert "Alias Danny Price" in match.reasons


def test_a_known_as_name_finds_the_person(crowd):
    person = make_person("Bethany", "Lloyd", DOB, other_names=(("Tilly", "", "known_as"),))
    match = first(forename="Tilly", surname="Lloyd", dob=DOB)
    assert match.person == person
    assert "Known as Tilly" in match.reasons


def test_day_and_month_swapped_finds_the_person(crowd):
    person = make_person("Isla", "Hughes", date(2012, 5, 9))
    match = first(forename="Isla", surname="Hughes", dob=date(2012, 9, 5))
    assert match.person == person
    assert "Date of birth with day and month swapped" in match.reasons


@pytest.mark.parametrize(
    "typed", [date(2012, 5, 8), date(2012, 8, 9), date(2013, 5, 9)], ids=["day", "month", "year"]
)
def test_one_wrong_digit_in_the_date_of_birth_finds_the_person(crowd, typed):
    person = make_person("Isla", "Hughes", date(2012, 5, 9))
    match = first(surname="Hughes", dob=typed)
    assert match.person == person
    assert "Date of birth differs by one digit" in match.reasons


def test_a_wholly_wrong_date_of_birth_still_finds_the_name_ranked_lower(crowd):
    person = make_person("Grace", "Thompson", DOB)
    match = first(forename="Grace", surname="Thompson", dob=date(2012, 11, 20))
    assert match.person == person
    assert match.reasons == ["Forename matches", "Surname matches"]
    assert match.score < 0.7


def test_an_nhs_number_with_spaces_finds_the_person_exactly(crowd):
    person = make_person("Leo", "Ward", DOB, nhs_number="9434765919")
    matches = search_persons(nhs_number="943 476 5919")
    assert [m.person for m in matches] == [person]
    assert matches[0].reasons == ["NHS number matches"]


def test_an_identifier_held_apart_from_the_person_finds_them(crowd):
    person = make_person("Leo", "Ward", DOB, identifiers=(("UPN", "A123-456"),))
    match = first(nhs_number="a123 456")
    assert match.person == person
    assert "UPN matches" in match.reasons


def test_a_date_of_birth_alone_finds_everyone_born_that_day(crowd):
    found = {m.person for m in search_persons(dob=DOB)}
    assert crowd[1] in found and crowd[0] not in found


def test_a_surname_alone_finds_the_family(crowd):
    found = {m.person for m in search_persons(surname="Smith")}
    assert found == {crowd[0], crowd[1]}


def test_a_forename_alone_finds_nobody(crowd):
    assert search_persons(forename="Jayden") == []


def test_the_exact_match_is_ranked_above_the_near_ones(crowd):
    twin = make_person("Oliver", "Smith", DOB)
    matches = search_persons(forename="Olivia", surname="Smith", dob=DOB)
    assert [m.person for m in matches[:2]] == [crowd[1], twin]
    assert matches[0].score == 1.0 > matches[1].score
    assert matches[0].reasons == ["Forename matches", "Surname matches", "Date of birth matches"]


def test_someone_sharing_only_a_birthday_is_not_offered(crowd):
    matches = search_persons(forename="Zachary", surname="Quinn", dob=DOB)
    assert matches == []
