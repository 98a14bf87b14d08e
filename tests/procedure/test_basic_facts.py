"""Section 1: the basic factual information the SCIMT shares."""

from datetime import date

from disclose.procedure.basic_facts import basic_facts

from .builders import closed, open_, subject


def test_not_known_says_so():
    assert basic_facts(subject(known=False)).sentences("Jayden Smith") == [
        "Jayden Smith is not known to children's social care."
    ]


def test_a_closed_case_gives_its_closure_date_and_cp_history():
    said = basic_facts(subject(closed(end=date(2016, 5, 1)), cp_plan=True)).sentences(
        "Jayden Smith"
    )
    assert "The case is closed. It was closed on 1 May 2016." in said
    assert "There is a child protection history." in said


def test_an_open_case_names_the_worker_and_team():
    facts = basic_facts(subject(open_(worker="sw1")))
    said = facts.sentences("Ava Jones", names={"sw1": "Sasha Worker"})
    assert "The case is open." in said
    assert "The allocated worker is Sasha Worker in Team T1." in said
    assert "There is no child protection history." in said


def test_a_mash_enquiry_only_says_there_is_no_open_case():
    said = basic_facts(subject(mash_contacts=2)).sentences("Ava Jones")
    assert "There is no open case. The only record is an enquiry to the MASH." in said
