"""Every state is worded once, where it is declared (procedure/states.py), for
each audience: staff (a tag and, where someone must act, what they do next)
and the professional on the agency portal. The rules alone, no database."""

import pytest

from disclose.procedure import states as s

# GOV.UK Frontend's tag colours: any other would show as an unstyled tag.
TAG_COLOURS = {
    "grey",
    "green",
    "turquoise",
    "blue",
    "light-blue",
    "purple",
    "pink",
    "red",
    "orange",
    "yellow",
}
# What the portal never shows: state codes, and who inside the council holds it.
INTERNAL = ("_", "CSM", "SCIMT", "MASH", "DCPT")


def test_the_words_name_every_request_state_and_part_state_and_no_other():
    assert set(s.REQUEST_STATE_WORDS) == set(s.REQUEST_STATES)
    assert set(s.PART_STATE_WORDS) == set(s.PART_STATES)


@pytest.mark.parametrize(
    "state, words",
    [*s.REQUEST_STATE_WORDS.items(), *s.PART_STATE_WORDS.items()],
)
def test_every_state_has_words_for_staff_and_for_the_requestor(state, words):
    assert words.staff.strip() and words.requestor.strip()
    assert words.colour in TAG_COLOURS
    assert not any(internal in words.requestor for internal in INTERNAL), words.requestor
    assert words.requestor.endswith(".")  # a sentence to them, not a label


def test_every_state_someone_must_act_on_says_what_they_do_next():
    # A request before forward waits on the SCIMT officer (section 1); a
    # withdrawn one on its closing. A part waits on its holder until finished.
    for state in [*s.BEFORE_FORWARD, s.AWAITING_NARROWING, s.WITHDRAWN]:
        assert s.REQUEST_STATE_WORDS[state].needed, state
    waiting = set(s.PART_STATES) - s.FINISHED_PART_STATES - {s.UNMATCHED, s.MATCHED}
    for state in waiting:
        assert s.PART_STATE_WORDS[state].needed, state
    for state in s.FINISHED_PART_STATES:
        assert not s.PART_STATE_WORDS[state].needed, state


@pytest.mark.parametrize(
    "words, reasons",
    [(s.END_REASON_WORDS, s.END_REASONS), (s.CLOSE_REASON_WORDS, s.CLOSE_REASONS)],
)
def test_every_reason_a_part_ended_or_a_request_closed_is_worded_for_both(words, reasons):
    assert set(words) == set(reasons)
    for reason in reasons:
        assert words[reason].staff.strip() and words[reason].requestor.strip()
        assert "_" not in words[reason].requestor
