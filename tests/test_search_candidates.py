"""How candidates are found (issue 11): bounded, deterministic, strongest key
first; a namesake who only sounds alike does not stop the search; a year of
birth one out across a decade still counts."""

from datetime import date

import pytest

from disclose.records.search import candidates, query, search_persons
from disclose.records.search.candidates import Lookup, candidate_ids
from disclose.records.search.keys import code
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

DOB = date(2010, 3, 4)


def test_ties_at_the_cap_are_broken_by_person_order_every_time(monkeypatch):
    smiths = [make_person(f"Child{n}", "Smith", date(2000 + n, 1, 1)) for n in range(6)]
    monkeypatch.setattr(query, "MAX_CANDIDATES", 3)
    first = [m.person for m in search_persons(surname="Smith")]
    again = [m.person for m in search_persons(surname="Smith")]
    assert first == again
    assert set(first) == set(smiths[:3])


def test_a_bucket_too_big_to_read_whole_is_read_in_person_order(monkeypatch):
    smiths = [make_person(f"Child{n}", "Smith") for n in range(5)]
    monkeypatch.setattr(candidates, "PER_KEY", 2)
    lookup = Lookup()
    lookup.add(code("s", "SM0"), 10, bounded=False)
    assert candidate_ids(lookup, cap=10) == [p.pk for p in smiths[:2]]


def test_someone_found_under_a_strong_key_is_never_cut_for_weaker_ones(monkeypatch):
    # Six people share only the date of birth; they were added first, so a cut
    # by person order alone would keep them and drop Olivia.
    for n in range(6):
        make_person(f"Other{n}", f"Person{n}", DOB)
    olivia = make_person("Olivia", "Smith", DOB)
    monkeypatch.setattr(query, "MAX_CANDIDATES", 2)
    assert search_persons(forename="Olivia", surname="Smith", dob=DOB)[0].person == olivia


def test_a_namesake_who_only_sounds_alike_does_not_hide_a_closer_spelling():
    # Caro sounds like Cara (KR), not like Carol (KRL); Cara scores over 0.9,
    # which used to stop the search before Carol was ever looked at.
    make_person("Cara", "Coleman", date(2001, 5, 6))
    carol = make_person("Carol", "Coleman", date(1975, 9, 10))
    found = {m.person: m for m in search_persons(forename="Caro", surname="Coleman")}
    assert carol in found
    assert "Forename spelt similarly to Caro" in found[carol].reasons


def test_a_year_one_out_across_a_decade_gets_date_credit():
    ian = make_person("Ian", "Hughes", date(1969, 6, 15))
    make_person("Ian", "Hughes", date(1985, 2, 1))
    match = search_persons(forename="Ian", surname="Hughes", dob=date(1970, 6, 15))[0]
    assert match.person == ian
    assert "Year of birth differs by one" in match.reasons
    assert match.score >= 0.9


def test_a_year_one_out_finds_the_person_by_surname_and_date_alone():
    person = make_person("Ruby", "Walsh", date(1999, 12, 31))
    match = search_persons(surname="Walsh", dob=date(2000, 12, 31))[0]
    assert match.person == person
    assert match.reasons == ["Surname matches", "Year of birth differs by one"]


def test_a_person_found_at_both_steps_is_listed_once():
    # Donnna: both found by their names' sound, then looked for wider (nobody
    # matched exactly); the wider step leaves out those already found.
    make_person("Danny", "Collins", date(2006, 5, 11))
    make_person("Donna", "Collins", date(2011, 5, 23))
    shown = [m.person.pk for m in search_persons(forename="Donnna", surname="Collins")]
    assert len(shown) == len(set(shown)) == 2


def test_the_person_shown_is_the_record_as_the_orm_reads_it():
    # Persons are built from the columns read for scoring, not read again.
    person = make_person("Ruby", "Walsh", date(1999, 12, 31), nhs_number="943 476 5919")
    (match,) = search_persons(forename="Ruby", surname="Walsh", dob=date(1999, 12, 31))
    stored = type(person).objects.get(pk=person.pk)
    fields = [f.attname for f in type(person)._meta.concrete_fields]
    assert [getattr(match.person, f) for f in fields] == [getattr(stored, f) for f in fields]
    assert match.person.updated_at.tzinfo is not None


def test_a_search_with_a_date_looks_under_every_dated_key_the_index_can_hold():
    # query._strict_keys builds the dated keys itself, date by date; they must
    # stay those keys.dated_keys gives, or a record indexed under one is missed.
    from disclose.records.search.keys import dated_keys
    from disclose.records.search.names import near_dates
    from disclose.records.search.scoring import Query

    # A near date pairs with the forename as typed, not each of its forms.
    typed = Query(forename="Bill", surname="Smith-Jones", dob=DOB)
    exact = dated_keys("Bill", "Smith-Jones", [DOB], query=True)
    near = dated_keys("Bill", "Smith-Jones", near_dates(DOB))
    wanted = {code(k, v) for k, v in exact | near}
    assert wanted <= set(query._strict_keys(typed).bounded)


def test_a_new_surname_not_on_record_and_a_date_one_digit_wrong_still_find_the_person():
    # Married since the record was made, and the date typed a digit out: the
    # forename as typed and the near date find her (fd keys).
    person = make_person("Rebecca", "Ashworth", date(1990, 6, 14))
    matches = search_persons(forename="Rebecca", surname="Kowalczyk", dob=date(1990, 6, 15))
    assert [m.person for m in matches] == [person]
    assert "Date of birth differs by one digit" in matches[0].reasons


def test_people_found_by_the_names_sound_alone_never_take_the_place_of_those_born_that_day(
    monkeypatch,
):
    # Both names typed beyond their sound: only the date finds Sophie Walsh,
    # in the wider step. Earlier namesakes of the names as typed, born on
    # other dates, fill the cap on people found by the names' sound alone.
    monkeypatch.setattr(query, "MAX_WIDER_DATED", 2)
    for year in (1981, 1984, 1987):
        make_person("Sohpie", "Wlash", date(year, 11, 23))
    sophie = make_person("Sophie", "Walsh", DOB)
    matches = search_persons(forename="Sohpie", surname="Wlash", dob=DOB)
    assert matches[0].person == sophie
    assert "Date of birth matches" in matches[0].reasons
    assert len(matches) == 3  # the two namesakes the cap lets in, below her
