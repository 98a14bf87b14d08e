"""An `expect:` block that does not hold says what happened instead (exit 1)."""

from disclose.scenarios.expect import failures


def trail(**changes) -> dict:
    base = {
        "request": {"reference": "AR-2026-000001", "state": "closed", "assignee": None},
        "subjects": [
            {
                "subject": 1,
                "person": "P1",
                "route": "closed_paper:dcpt_csm",
                "paragraph": "2.1.3",
                "assignee": "csm_d",
                "state": "supplied",
            },
            {
                "subject": 2,
                "person": None,
                "route": "not_known",
                "paragraph": "1",
                "assignee": None,
                "state": "complete",
            },
        ],
        "steps": [
            {"n": 1, "ok": True, "error": None},
            {"n": 2, "ok": False, "error": {"code": "wrong_state", "message": "Not now."}},
        ],
        "case_notes": [{"person": "P1", "author": "scimt1", "text": "..."}],
        "messages": [{"to": "requestor", "kind": "basic_information", "text": "..."}],
        "holdings": [{"id": "H1", "status": "in_storage"}],
        "disclosures": [{"kind": "basic_information", "basis": "consent", "by": "scimt1"}],
        "notifications": [{"to": "csm_d", "kind": "task_forwarded"}],
        "audit": {"events": 3, "chain_verified": True},
    }
    base.update(changes)
    return base


def test_expectations_that_hold_report_nothing():
    expect = {
        "route": ["closed_paper:dcpt_csm", "not_known"],
        "assigned_after_forward": ["csm_d", None],
        "state": "closed",
        "assignee": None,
        "messages": ["basic_information"],
        "no_messages": ["decision_declined"],
        "refused": [{"step": 2, "code": "wrong_state"}],
        "case_notes": {"P1": 1},
        "holdings": {"H1": "in_storage"},
        "chain_verified": True,
        "notified": ["csm_d"],
        "disclosures": [{"kind": "basic_information", "basis": "consent"}],
    }
    assert failures(expect, trail()) == []


def test_a_single_route_must_hold_for_every_subject():
    assert failures({"route": "closed_paper:dcpt_csm"}, trail()) == [
        "expect.route: subject 2 has 'not_known', expected 'closed_paper:dcpt_csm'"
    ]


def test_a_missing_message_names_what_was_sent():
    assert failures({"messages": ["information_supplied"]}, trail()) == [
        "expect.messages: no 'information_supplied' message was sent; sent: ['basic_information']"
    ]


def test_refused_lists_exactly_the_refused_steps():
    assert failures({"refused": []}, trail()) == [
        "expect.refused: step 2 was refused (wrong_state: Not now.)"
    ]
    assert failures({"refused": [{"step": 1, "code": "wrong_state"}]}, trail()) == [
        "expect.refused: step 1 went ahead, expected refusal 'wrong_state'",
        "expect.refused: step 2 was refused (wrong_state: Not now.)",
    ]
    assert failures({"refused": [{"step": 2, "code": "not_a_csm"}]}, trail()) == [
        "expect.refused: step 2 was refused with 'wrong_state', expected refusal 'not_a_csm'"
    ]


def test_counts_states_and_holdings_that_differ_are_named():
    found = failures(
        {"case_notes": 2, "state": "forwarded", "holdings": {"H1": "retrieved"}}, trail()
    )
    assert found == [
        "expect.state: the request ended with state 'closed', expected 'forwarded'",
        "expect.case_notes: 1 case notes were written, expected 2",
        "expect.holdings: H1 is 'in_storage', expected 'retrieved'",
    ]


def test_no_expect_block_means_nothing_to_check():
    assert failures(None, trail(steps=[])) == []


def test_words_the_requestor_must_read_and_must_never_read_are_checked():
    told = trail(
        messages=[{"to": "requestor", "kind": "decision_declined", "text": "Ask the court."}],
        case_notes=[{"person": "P1", "author": "csm1", "text": "Reason: partner investigated."}],
    )
    assert failures({"message_says": {"decision_declined": "Ask the court."}}, told) == []
    assert failures({"never_told": ["investigated"]}, told) == []
    assert failures({"case_note_says": "partner investigated"}, told) == []
    leaked = trail(
        messages=[{"to": "requestor", "kind": "decision_declined", "text": "Partner investigated."}]
    )
    (problem,) = failures({"never_told": ["investigated"]}, leaked)
    assert "decision_declined" in problem
    (problem,) = failures({"message_says": {"decision_declined": "Ask the court."}}, leaked)
    assert "no 'decision_declined' message says" in problem
    (problem,) = failures({"case_note_says": "partner"}, leaked)
    assert "no case note says" in problem
