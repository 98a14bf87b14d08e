"""Each audience's words for a state are the one declaration's
(procedure/states.py): the staff pages, the managers' dashboard and its
export, and the agency portal. A state added there is worded everywhere; none
shows its code."""

import pytest

from disclose.casework import reports
from disclose.portal import standing
from disclose.procedure import states as s
from disclose.procedure import steps
from disclose.web.views import requests_words


@pytest.mark.parametrize("state", s.REQUEST_STATES)
def test_a_request_state_reads_the_same_on_every_staff_page_and_the_dashboard(state):
    words = s.REQUEST_STATE_WORDS[state]
    assert requests_words.request_state(state) == (words.staff, words.colour)
    assert steps.needed_next(state) == words.needed
    # The dashboard's "by stage" and the requests export count it under its words.
    assert reports.STAGE_WORDS[state] == words.staff


@pytest.mark.parametrize("state", s.PART_STATES)
def test_a_part_state_reads_the_same_to_staff_everywhere(state):
    words = s.PART_STATE_WORDS[state]
    assert requests_words.part_state(state) == (words.staff, words.colour)
    assert steps.needed_next(state) == words.needed


@pytest.mark.parametrize("state", s.REQUEST_STATES)
def test_the_portal_words_a_request_state_from_the_declaration(state):
    assert standing.REQUEST_WORDS[state] == s.REQUEST_STATE_WORDS[state].requestor


@pytest.mark.parametrize("state", s.PART_STATES)
def test_the_portal_words_a_part_state_from_the_declaration(state):
    assert standing.PART_WORDS[state] == s.PART_STATE_WORDS[state].requestor


def test_the_reasons_read_from_the_declaration_for_each_audience():
    for reason, words in s.END_REASON_WORDS.items():
        assert requests_words.ENDED_BECAUSE[reason] == words.staff
        assert standing.ENDED_WORDS[reason] == words.requestor
    for reason, words in s.CLOSE_REASON_WORDS.items():
        assert requests_words.CLOSED_BECAUSE[reason] == words.staff
        assert standing.CLOSED_WORDS[reason] == words.requestor
