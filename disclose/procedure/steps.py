"""Each step of the procedure, declared once.

A declaration says who may take the step, on what (the request as a whole,
one subject's part, or one paper file or microfilm holding), from which states
and to which, what it asks for, what must be true first, which paragraph of
the procedure it rests on, and the words people see. Everything else is built
from these: the services' table (casework/services.py), what each person may do
now (casework/actions.py `actions_for`), the step pages and their forms (web/),
the scenario runner's verbs (scenarios/), and the procedure picture.

`refusal()` is the one answer to "may this person take this step now?". The
services ask it inside their transaction, with the request locked; the pages
ask it to decide which buttons to show. Both give it the same facts (`Case`).
Deny by default: a step not declared, taken by a role not listed, in a state
not listed, on a part someone else holds, or whose pre-checks fail, is refused
with a stable code and a message that says what to do.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import hard_copies as hc
from . import reassignment as moves
from . import states as s
from .case import Case, HoldingFacts, PartFacts
from .roles import REQUESTOR
from .states import Actor, Part, Refusal

REQUEST, PART, HOLDING = "request", "part", "holding"
STAFF = "staff"  # a step about a member of staff, not about one request (staff_leaves)

Check = Callable[[Actor, Case, PartFacts | None, HoldingFacts | None], Refusal | None]


@dataclass(frozen=True)
class Field:
    """One thing a step asks for. `kind` says what it is, and so how a page
    asks for it and how a scenario file gives it: text, choice, staff,
    holding, item (a hard copy, by title), person, subject, date, bool, texts
    (a list of titles), items (the hard copies asked for), lawful_basis,
    document (one kept for the request), file (to upload)."""

    name: str
    kind: str = "text"
    label: str = ""  # the question on the page
    missing: str = ""  # the error when a required answer is not given: what to do
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (code, words)
    only: str = ""  # staff: their role; holding: its kind; item: which items
    long: bool = False  # text: a paragraph, not a line
    hint: str = ""
    arg: str = ""  # the service's argument, when it is named otherwise
    # staff: only from the team that holds the part (its own team, else the actor's)
    within_team: bool = False

    @property
    def argument(self) -> str:
        return self.arg or self.name

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.choices)


@dataclass(frozen=True)
class Words:
    """What people read: the button that leads to the step's page, the page's
    heading, the checkbox that confirms an irreversible step, the banner once
    it is done, what it will do (shown before), and the step's line in the
    request's timeline."""

    button: str
    title: str = ""
    done: str = ""
    timeline: str = ""
    warning: str = ""
    confirm: str = ""
    unconfirmed: str = ""  # the error when the confirmation is not ticked
    picture: str = ""  # the step's place in the picture of the procedure, if drawn there
    submit: str = ""  # the button that takes the step, on its page (default: `button`)

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", self.title or self.button)
        object.__setattr__(self, "done", self.done or self.timeline)
        object.__setattr__(self, "submit", self.submit or self.button)


@dataclass(frozen=True)
class StepSpec:
    name: str
    on: str  # REQUEST, PART, HOLDING or STAFF
    roles: frozenset[str]
    request_states: frozenset[str]
    paragraph: str
    words: Words
    part_states: frozenset[str] | None = None  # for steps on a part
    leaves: str | None = None  # the state the request or part is in after
    holder_only: bool = False  # only the person the part is assigned to
    fields: tuple[Field, ...] = ()
    checks: tuple[Check, ...] = ()
    verb: str = ""  # the service and scenario verb, when several steps share one
    page: bool = True  # has a page of its own (the match page is its own page)
    # Hard copies come only once the information has been supplied (2.2): in
    # the wrong state, that is the reason given.
    after_supply: bool = False

    @property
    def service(self) -> str:
        return self.verb or self.name

    @property
    def slug(self) -> str:
        return self.name.replace("_", "-")


# --- pre-checks: pure functions over the facts ----------------------------


def _all_matched(actor, case: Case, part, holding) -> Refusal | None:
    unmatched = [str(p.number) for p in case.parts if not p.matched]
    if unmatched:
        return Refusal(
            "subject_not_matched",
            f"Match subject {', '.join(unmatched)} to a person in the records, or record "
            "that they are not known, first.",
            "1",
        )
    return None


def _not_triaged(actor, case: Case, part, holding) -> Refusal | None:
    if case.triaged:
        return Refusal("already_done", "The scope check has already been confirmed.", "1")
    return None


def _routes_found(actor, case: Case, part, holding) -> Refusal | None:
    """Forwarding goes ahead per subject (2.1): refused only when no part waiting
    to be forwarded has anyone to hold it. A part whose holder is missing waits,
    with its reason, and is forwarded once the record is put right."""
    if case.forward_ready:
        return None
    if case.forward_problems:
        return Refusal("no_route_holder", " ".join(case.forward_problems), "2.1")
    if case.state == s.FORWARDED:
        return Refusal(
            "wrong_state", "Every subject of this request has already been forwarded.", "2.1"
        )
    return None


def _holds_or_logs(actor, case: Case, part, holding) -> Refusal | None:
    """Whoever holds the request closes it: a SCIMT officer, or the holder of one of its parts."""
    if "scimt_officer" in actor.roles or any(p.assignee == actor.ref for p in case.parts):
        return None
    return Refusal(
        "not_assigned_to_you",
        "You do not hold any part of this request. Ask the person who does, or the SCIMT.",
        "2.1",
    )


def _the_requestors_own(actor, case: Case, part, holding) -> Refusal | None:
    """A professional on the agency portal acts only on a request they asked
    (issue 16); staff are checked by the step's other rules."""
    if REQUESTOR in actor.roles and case.reference not in actor.requests:
        return Refusal("not_your_request", "This is not one of your requests.", "1")
    return None


def _asked_holds_or_logs(actor, case: Case, part, holding) -> Refusal | None:
    """The requestor withdraws their own request; staff as for closing it."""
    if REQUESTOR in actor.roles:
        return _the_requestors_own(actor, case, part, holding)
    return _holds_or_logs(actor, case, part, holding)


def _nothing_outstanding(actor, case: Case, part, holding) -> Refusal | None:
    # Before it is forwarded no part is in anyone's hands: the SCIMT may close
    # a request whose requestor could not be verified, or whose basic facts
    # were all that was needed.
    forwarded = case.state == s.FORWARDED
    return s.check_close([p.state for p in case.parts] if forwarded else [], case.files_out)


def _holding_in_storage(kind: str) -> Check:
    def check(actor, case: Case, part: PartFacts | None, holding) -> Refusal | None:
        if part is not None and kind in part.holdings_in_storage:
            return None
        return Refusal(
            "holding_not_in_storage",
            f"There is no {kind} record in storage for this subject to ask for.",
            "2.1.3.3",
        )

    return check


def _holding_requested(actor, case, part, holding: HoldingFacts | None) -> Refusal | None:
    if holding is None or holding.last != "requested":
        return Refusal(
            "holding_not_requested",
            "This holding has not been asked for on this request. The worker asks for it first.",
            "2.1.3.3",
        )
    return None


def _holding_out(actor, case, part, holding: HoldingFacts | None) -> Refusal | None:
    if holding is None or holding.last not in ("requested", "retrieved"):
        return Refusal(
            "holding_not_out", "This holding is not out of storage for this request.", "2.1.3.5"
        )
    return None


def _waiting_lists(part: PartFacts) -> list:
    return [lst for lst in part.hard_copy_lists if lst.state == hc.AWAITING_APPROVAL]


def _no_list_waiting() -> Refusal:
    return Refusal(
        "no_hard_copies_waiting",
        "No list of hard copies is waiting for a decision on this request.",
        "2.2",
    )


def _my_list_waiting(actor, case, part: PartFacts, holding) -> Refusal | None:
    waiting = _waiting_lists(part)
    if not waiting:
        return _no_list_waiting()
    if any(lst.approver == actor.ref for lst in waiting):
        return None
    first = waiting[0]
    return hc.check_approver(actor.ref, first.approver or "", first.approver_name)


def _list_of_a_leaver_waiting(actor, case, part: PartFacts, holding) -> Refusal | None:
    waiting = _waiting_lists(part)
    if not waiting:
        return _no_list_waiting()
    for lst in waiting:
        if lst.approver_active:
            return hc.check_reassign(
                approver_active=True, approver_name=lst.approver_name, to_is_csm=True, reason="-"
            )
    return None


def _may_move(actor, case, part: PartFacts, holding) -> Refusal | None:
    return moves.check_reassigner(actor, part)


def _own_case(actor, case, part: PartFacts, holding) -> Refusal | None:
    """Business support serve every request; a social worker only their own."""
    if "business_support" in actor.roles or actor.ref in (part.worker, part.assignee):
        return None
    return Refusal(
        "not_assigned_to_you",
        "This part of the request is not assigned to you. Only its worker, or business "
        "support, can record this.",
        "2.2",
    )


def _third_party_to_confirm(actor, case, part: PartFacts, holding) -> Refusal | None:
    items = [i for lst in part.hard_copy_lists for i in lst.items]
    if any(i.third_party and i.confirmed is None and i.status in hc.CONFIRMABLE for i in items):
        return None
    return Refusal(
        "no_such_item", "No third-party item on this request is waiting for an answer.", "2.2"
    )


def _item_without_file(actor, case: Case, part: PartFacts, holding) -> Refusal | None:
    statuses = set(hc.SENDABLE)
    items = [i for lst in part.hard_copy_lists for i in lst.items]
    if "business_support" not in actor.roles:
        statuses.add(hc.AWAITING_APPROVAL)
    elif not any(i.status in statuses for i in items):
        # Business support copy only what a CSM has approved (section 1, note).
        return Refusal(
            "hard_copies_not_approved",
            "No hard copy on this request is approved to be sent.",
            "2.2",
        )
    if case.documents and any(i.status in statuses and not i.has_file for i in items):
        return None
    return Refusal(
        "no_such_document",
        "There is no hard copy waiting for a file, or no document kept for this request to "
        "attach. Upload the document to the request first.",
        "2.2",
    )


def _sendable(actor, case: Case, part, holding) -> Refusal | None:
    items = [i for p in case.parts for lst in p.hard_copy_lists for i in lst.items]
    return hc.plan_dispatch(items).refusal


def _clock_running(actor, case: Case, part: PartFacts | None, holding) -> Refusal | None:
    stopped = part.clock_stopped if part is not None else case.clock_stopped
    if stopped:
        return Refusal(
            "clock_already_stopped",
            "The clock is already stopped. Restart it before stopping it again.",
            "1",
        )
    return None


def _a_stage_running(actor, case: Case, part: PartFacts | None, holding) -> Refusal | None:
    """Something is due: the request's first contact or basic facts before
    forward; after it, the part's decision, supply, or hard copies not yet sent."""
    if part is None:
        running = case.state in (s.RECEIVED, s.IDENTITY_VERIFIED, s.IDENTITY_NOT_VERIFIED)
    elif part.state == s.SUPPLIED:
        running = any(
            lst.state == hc.AWAITING_APPROVAL
            or (lst.state == hc.APPROVED and any(i.status in hc.SENDABLE for i in lst.items))
            for lst in part.hard_copy_lists
        )
    else:
        running = True
    if running:
        return None
    return Refusal(
        "stage_not_open", "Nothing on this request is waiting with a time limit to extend.", "1"
    )


def _clock_stopped(actor, case: Case, part: PartFacts | None, holding) -> Refusal | None:
    if case.clock_stopped or (part is not None and part.clock_stopped):
        return None
    return Refusal("clock_not_stopped", "The clock is not stopped.", "1")


_UPLOADERS = frozenset({"scimt_officer", "social_worker", "team_manager", "csm"})


def _may_upload(actor, case: Case, part, holding) -> Refusal | None:
    """Business support once hard copies are approved; otherwise the SCIMT
    officer who logged it or someone who holds or held a part."""
    approved = {*hc.SENDABLE, hc.DISPATCHED}
    if "business_support" in actor.roles and any(
        i.status in approved for p in case.parts for lst in p.hard_copy_lists for i in lst.items
    ):
        return None
    works_on = case.owner == actor.ref or actor.ref in case.holders
    if actor.roles & _UPLOADERS and works_on:
        return None
    return Refusal(
        "not_permitted_for_role",
        "You can add documents only to a request you are working on.",
        "2.2",
    )


# --- the declarations -------------------------------------------------------

_IDENTITY = (
    Field(
        "method",
        "choice",
        "How did you check their identity?",
        "Select how you checked the requestor's identity",
        choices=(
            ("call_back", "Called back on a known number"),
            ("secure_email", "Secure email from the agency"),
            ("known_contact", "Known contact"),
            ("id_document", "Identity document"),
        ),
    ),
    Field(
        "outcome",
        "choice",
        "Is the requestor who they say they are?",
        "Select whether the requestor's identity was verified",
        choices=(("verified", "Verified"), ("failed", "Not verified")),
    ),
)


def _holding(kind: str = "") -> tuple[Field, ...]:
    return (
        Field(
            "holding",
            "holding",
            "Which holding do you need?",
            "Select the holding you need",
            only=kind,
        ),
    )


def _reason(label: str, missing: str) -> Field:
    return Field("reason", "text", label, missing, long=True)


_CONFIRMS_DECISION = "I have checked this decision. It is case noted and cannot be changed"
_HOLDERS = frozenset({"csm", "team_manager", "social_worker"})
_CLOCK_PART_STATES = frozenset(
    {s.AWAITING_DECISION, s.AWAITING_ALLOCATION, s.ALLOCATED, s.IDENTITY_REVERIFIED, s.SUPPLIED}
)
_VERIFIED = frozenset({s.IDENTITY_VERIFIED, s.BASIC_INFORMATION_SHARED})
_AFTER_SUPPLY = frozenset({s.FORWARDED, s.CLOSED})  # hard copies (2.2)
# The clock's fields. Not `on` in a scenario file: YAML reads a bare `on` as true.
_STOP_FIELDS = (
    Field(
        "reason",
        "choice",
        "Why is the clock stopped?",
        "Select why the clock is stopped",
        choices=(
            ("consent", "Waiting for consent"),
            ("clarification", "Waiting for clarification"),
            ("identity", "Waiting for proof of identity"),
        ),
    ),
    Field("note", "text", "Note (optional)", required=False, long=True),
    Field("stopped_on", "date", "When did the clock stop?", required=False, arg="on"),
)
_RESTART_FIELDS = (
    Field("restarted_on", "date", "When did the clock restart?", required=False, arg="on"),
)
_EXTEND_FIELDS = (
    Field(
        "stage",
        "choice",
        "Which time limit?",
        "Select the time limit to extend",
        choices=(
            ("acknowledge", "Acknowledge"),
            ("basic_facts", "Share basic facts"),
            ("csm_decision", "CSM's decision"),
            ("supply", "Supply the information"),
            ("hard_copies", "Hard copies"),
        ),
    ),
    Field("new_due", "date", "New due date", "Enter the new due date"),
    _reason("Why is the time limit extended?", "Say why the time limit is extended"),
)


def _spec(name, on, roles, request_states, paragraph, words, **more) -> StepSpec:
    part_states = more.pop("part_states", None)
    return StepSpec(
        name=name,
        on=on,
        roles=frozenset(roles),
        request_states=frozenset(request_states),
        paragraph=paragraph,
        words=words,
        part_states=frozenset(part_states) if part_states is not None else None,
        **more,
    )


_DECLARATIONS = (
    # Section 1: the SCIMT is the first point of contact.
    _spec(
        "triage",
        REQUEST,
        {"scimt_officer"},
        {s.RECEIVED},
        "1",
        Words(
            "Confirm the scope check",
            done="Scope check confirmed",
            timeline="Scope checked",
            warning="The request is one for this procedure: a professional in another agency "
            "asking for specific information. Anything else was sent where it belongs when "
            "the request was logged.",
        ),
        checks=(_not_triaged,),
    ),
    _spec(
        "verify_identity",
        REQUEST,
        {"scimt_officer"},
        {s.RECEIVED, s.IDENTITY_NOT_VERIFIED},
        "1",
        Words(
            "Check the requestor's identity",
            done="Identity check recorded",
            timeline="Identity checked",
            picture="Requestor's identity checked",
            submit="Save",
        ),
        fields=_IDENTITY,
    ),
    _spec(
        "match_subject",
        PART,
        {"scimt_officer"},
        s.BEFORE_FORWARD | {s.AWAITING_NARROWING},
        "1",
        Words(
            "Find this person in the records",
            done="Subject matched",
            timeline="Subject matched",
        ),
        part_states={s.UNMATCHED, s.MATCHED},
        leaves=s.MATCHED,
        fields=(Field("subject", "subject"), Field("person", "person")),  # person: null = not known
        page=False,  # the match page searches the records first (requests_match.py)
    ),
    _spec(
        "share_basic_information",
        REQUEST,
        {"scimt_officer"},
        {s.IDENTITY_VERIFIED},
        "1",
        Words(
            "Share basic information",
            done="Basic information sent to the requestor",
            timeline="Basic information shared",
            warning="This emails the requestor the facts below and records them as a disclosure.",
            picture="Basic information shared",
            submit="Send basic information",
        ),
        leaves=s.BASIC_INFORMATION_SHARED,
        checks=(_all_matched,),
    ),
    _spec(
        "forward",
        REQUEST,
        {"scimt_officer"},
        _VERIFIED | {s.FORWARDED},  # again, for a subject that waited (2.1)
        "2.1",
        Words(
            "Forward the request",
            done="Request forwarded",
            timeline="Request forwarded",
            warning="This emails each person below, and may email the requestor. If you have "
            "not shared the basic information, it is sent first, unless you say why not.",
            confirm="I have checked each subject's route and who it will go to",
            unconfirmed="Confirm that you have checked each subject's route",
            picture="Forwarded on its route",
        ),
        leaves=s.FORWARDED,
        fields=(
            # Section 1: the basic facts come first. Forwarding without them
            # needs a reason, which the case note and the audit record.
            Field(
                "basic_information_skipped",
                "text",
                "If you have not shared the basic information, why not?",
                required=False,
                long=True,
                hint="Leave this empty if you have shared the basic information.",
            ),
        ),
        checks=(_all_matched, _routes_found),
    ),
    # Section 2: closed cases go to a CSM (2.1.2, 2.1.3).
    _spec(
        "pass_to_csm",
        PART,
        {"csm"},
        {s.FORWARDED},
        "2.1.2",
        Words(
            "Pass to another CSM",
            title="Pass to another children's service manager",
            done="Request passed to another CSM",
            timeline="Passed to another CSM",
            submit="Pass the request on",
        ),
        part_states={s.AWAITING_DECISION},
        holder_only=True,
        fields=(
            Field(
                "to",
                "staff",
                "Which children's service manager should deal with this?",
                "Choose the CSM to pass this request to",
                only="csm",
            ),
            _reason("Why are they the right person?", "Say why you are passing this request on"),
        ),
    ),
    _spec(
        "decide",
        PART,
        {"csm"},
        {s.FORWARDED},
        "2.1.2.1",
        Words(
            "Record your decision",
            title="Decide whether to share",
            done="Decision recorded",
            timeline="Decision recorded",
            confirm=_CONFIRMS_DECISION,
            unconfirmed="Confirm that you have checked your decision",
            picture="CSM decides",
            submit="Record decision",
        ),
        part_states={s.AWAITING_DECISION},
        leaves=s.AWAITING_ALLOCATION,
        holder_only=True,
        fields=(
            Field(
                "decision",
                "choice",
                "Do you agree to the request?",
                "Select approve or decline",
                choices=(("approve", "Approve: share the information"), ("decline", "Decline")),
            ),
            Field(
                "reason",
                "text",
                "Reason for your decision",
                "Give the reason for your decision",
                long=True,
                hint="For the case note on the person's record. It is never sent to the requestor.",
            ),
            # 2.1.2.1: the requestor is told of a decline. What they are told is
            # written for them; without it, the council profile's standard words.
            Field(
                "message_to_requestor",
                "text",
                "Message to the requestor (optional)",
                required=False,
                long=True,
                hint="Sent to the requestor if you decline. Leave it blank to send the "
                "council's standard message.",
            ),
            Field("lawful_basis", "lawful_basis", required=False),
        ),
    ),
    _spec(
        "allocate",
        PART,
        {"team_manager"},
        {s.FORWARDED},
        "2.1.2.1",
        Words(
            "Allocate to a social worker",
            done="Allocated",
            timeline="Allocated to a social worker",
            picture="Team manager allocates a worker",
            submit="Allocate",
        ),
        part_states={s.AWAITING_ALLOCATION},
        leaves=s.ALLOCATED,
        holder_only=True,
        fields=(
            Field(
                "worker",
                "staff",
                "Which social worker should supply the information?",
                "Choose a social worker",
                only="social_worker",
                # Issue 15, item 7: a worker of the team that holds the part;
                # reassignment moves work between teams.
                within_team=True,
            ),
        ),
    ),
    # Work moves when its holder has left or is off sick (scenario contract,
    # December 2026; procedure/reassignment.py).
    _spec(
        "reassign",
        PART,
        {"team_manager", "csm", moves.ADMINISTRATOR},
        {s.FORWARDED},
        moves.PARAGRAPH,
        Words(
            "Reassign",
            title="Reassign this part of the request",
            done="Reassigned",
            timeline="Reassigned",
            warning="The new holder is emailed. A case note records who moved it, from whom, "
            "to whom and why.",
            submit="Reassign",
        ),
        part_states=moves.OPEN_PART_STATES,
        fields=(
            Field(
                "to",
                "staff",
                "Who should hold it now?",
                "Choose who should hold it now",
                only="for_stage",  # the role the part needs now (step_forms.py)
            ),
            _reason("Why are you reassigning it?", "Say why you are reassigning it"),
        ),
        checks=(_may_move,),
    ),
    _spec(
        "reverify_identity",
        PART,
        {"social_worker"},
        {s.FORWARDED},
        "2.1.2.2",
        Words(
            "Check the requestor's identity again",
            done="Identity check recorded",
            timeline="Identity checked again",
            picture="Worker checks identity again",
            submit="Save",
        ),
        part_states={s.ALLOCATED},
        leaves=s.IDENTITY_REVERIFIED,
        holder_only=True,
        fields=_IDENTITY,
        verb="verify_identity",
    ),
    _spec(
        "request_paper_files",
        PART,
        {"social_worker"},
        {s.FORWARDED},
        "2.1.3.3",
        Words(
            "Ask for paper files",
            done="Business support have been asked for the files",
            timeline="Paper files asked for",
            picture="Paper files or microfilm fetched",
            submit="Ask business support",
        ),
        part_states={s.ALLOCATED, s.IDENTITY_REVERIFIED},
        holder_only=True,
        fields=_holding("paper"),
        checks=(_holding_in_storage("paper"),),
    ),
    _spec(
        "request_microfilm",
        PART,
        {"social_worker"},
        {s.FORWARDED},
        "2.1.3.3",
        Words(
            "Ask for microfilm",
            done="Business support have been asked for the microfilm",
            timeline="Microfilm asked for",
            submit="Ask business support",
        ),
        part_states={s.ALLOCATED, s.IDENTITY_REVERIFIED},
        holder_only=True,
        fields=_holding("microfilm"),
        checks=(_holding_in_storage("microfilm"),),
    ),
    _spec(
        "retrieve_files",
        HOLDING,
        {"business_support"},
        {s.FORWARDED},
        "2.1.3.3",
        Words(
            "Record as retrieved",
            title="Record files as retrieved",
            done="Recorded as retrieved from storage",
            timeline="Files retrieved from storage",
            submit="Record as retrieved",
        ),
        fields=_holding(),
        checks=(_holding_requested,),
    ),
    _spec(
        "return_files",
        HOLDING,
        {"business_support"},
        {s.FORWARDED, s.WITHDRAWN, s.CLOSED},
        "2.1.3.5",
        Words(
            "Record as returned to storage",
            title="Record files as returned to storage",
            done="Recorded as returned to storage",
            timeline="Files returned to storage",
            submit="Record as returned",
        ),
        fields=_holding(),
        checks=(_holding_out,),
    ),
    _spec(
        "supply_information",
        PART,
        {"social_worker"},
        {s.FORWARDED},
        "2.1.1",
        Words(
            "Supply information",
            done="Information supplied",
            timeline="Information supplied",
            warning="This emails the requestor and records a disclosure.",
            confirm="I have checked what I am supplying. The requestor is emailed and this "
            "cannot be undone",
            unconfirmed="Confirm that you have checked what you are supplying",
            picture="Worker supplies the information",
        ),
        part_states={s.ALLOCATED, s.IDENTITY_REVERIFIED},
        leaves=s.SUPPLIED,
        holder_only=True,
        fields=(
            Field(
                "summary", "text", "What did you supply?", "Describe what you supplied", long=True
            ),
            # 2.1.2.2: a document uploaded to the request and named here is
            # filed on the person's record as the copy of what was supplied.
            Field(
                "documents",
                "texts",
                "Documents supplied",
                required=False,
                hint="Upload each document to the request first. Each one named here is "
                "filed on the person's record as the copy of what was supplied.",
            ),
            # An open case without consent: no CSM recorded a basis, so the worker does.
            Field("lawful_basis", "lawful_basis", required=False),
        ),
    ),
    _spec(
        "close",
        REQUEST,
        {"scimt_officer", "social_worker", "team_manager", "csm"},
        set(s.REQUEST_STATES) - {s.CLOSED},
        "2.1",
        Words(
            "Close the request",
            done="Request closed",
            timeline="Request closed",
            confirm="I understand that a closed request cannot be opened again",
            unconfirmed="Confirm that you understand the request cannot be opened again",
            picture="Request closed",
        ),
        leaves=s.CLOSED,
        fields=(
            Field(
                "reason",
                "text",
                "Why are you closing the request? (optional)",
                required=False,
                long=True,
            ),
        ),
        checks=(_holds_or_logs, _nothing_outstanding),
    ),
    # Section 1: the professional asked for a lot of information and was
    # encouraged to view the records; they narrow it to specific information,
    # and it goes on through the procedure as any specific request.
    _spec(
        "narrow_request",
        REQUEST,
        # The SCIMT records the requestor's reply; on the portal they narrow it themselves.
        {"scimt_officer", REQUESTOR},
        {s.AWAITING_NARROWING},
        "1",
        Words(
            "Record a narrower request",
            title="Narrow the request to specific information",
            done="The request now asks for specific information",
            timeline="Request narrowed to specific information",
            warning="The request then goes on as a specific request: check the requestor's "
            "identity, find each person in the records and forward it.",
            submit="Save the narrower request",
        ),
        leaves=s.RECEIVED,
        fields=(
            Field(
                "details",
                "text",
                "What specific information does the requestor need now?",
                "Enter the specific information the requestor needs",
                long=True,
                hint="As the requestor put it. This replaces what they first asked for.",
            ),
            Field(
                "extent",
                "choice",
                "How much is the requestor asking for now?",
                "Select that the requestor now asks for specific information",
                choices=(("specific", "Specific information"),),
            ),
        ),
        checks=(_the_requestors_own,),
    ),
    # The requestor no longer needs the information. Not in the procedure's
    # words, but nothing may be left open for ever: every open part ends, hard
    # copies not yet decided or sent are withdrawn (2.2), and paper files out
    # still come back before the request closes (2.1.3.5).
    _spec(
        "withdraw",
        REQUEST,
        {"scimt_officer", "social_worker", "team_manager", "csm", REQUESTOR},
        set(s.REQUEST_STATES) - {s.CLOSED, s.WITHDRAWN},
        "1",
        Words(
            "Record that the requestor withdrew",
            title="Record that the requestor withdrew the request",
            done="Withdrawal recorded. Close the request once any files are back in storage",
            timeline="Withdrawn by the requestor",
            warning="Every part still open ends, hard copies not yet sent are withdrawn, and "
            "nothing more is sent, except an email to the requestor to acknowledge the "
            "withdrawal. Paper files that are out must still go back to storage before the "
            "request closes.",
            confirm="The requestor has withdrawn the request. Stop work on it",
            unconfirmed="Confirm that the requestor has withdrawn the request",
            submit="Record the withdrawal",
        ),
        leaves=s.WITHDRAWN,
        fields=(_reason("Why did the requestor withdraw?", "Say why the requestor withdrew"),),
        checks=(_asked_holds_or_logs,),
    ),
    # Hard copies (2.2, and the note at the end of section 1): only once the
    # information has been supplied, which may be after the request has closed.
    _spec(
        "request_hard_copies",
        PART,
        {"social_worker"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Ask for hard copies",
            done="The list of hard copies has been sent for approval",
            timeline="Hard copies asked for",
            picture="Hard copies, if asked for",
            submit="Send the list for approval",
        ),
        part_states={s.SUPPLIED},
        holder_only=True,
        fields=(Field("items", "items", missing="Enter the title of each document asked for"),),
        after_supply=True,
    ),
    _spec(
        "decide_hard_copies",
        PART,
        {"csm"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Decide on hard copies",
            done="Decision on hard copies recorded",
            timeline="Hard copies decided",
            confirm=_CONFIRMS_DECISION,
            unconfirmed="Confirm that you have checked your decision",
            submit="Record decision",
        ),
        part_states={s.SUPPLIED},
        fields=(
            Field(
                "decision",
                "choice",
                "Do you give permission for these hard copies?",
                "Select approve or refuse",
                choices=(
                    ("approve", "Approve: business support may copy and send them"),
                    ("refuse", "Refuse"),
                ),
            ),
            _reason("Reason for your decision", "Give the reason for your decision"),
            Field(
                "upload_to_documents",
                "bool",
                "Upload the copies to the person's documents",
                required=False,
            ),
        ),
        checks=(_my_list_waiting,),
        after_supply=True,
    ),
    _spec(
        "reassign_hard_copy_approval",
        PART,
        {"csm"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Reassign the decision on hard copies",
            done="The decision on hard copies has been reassigned",
            timeline="Decision on hard copies reassigned",
            submit="Reassign",
        ),
        part_states={s.SUPPLIED},
        fields=(
            Field(
                "to",
                "staff",
                "Which children's service manager should decide instead?",
                "Choose a CSM",
                only="csm",
            ),
            _reason(
                "Why are you reassigning the decision?", "Say why you are reassigning this decision"
            ),
        ),
        checks=(_list_of_a_leaver_waiting,),
        after_supply=True,
    ),
    _spec(
        "confirm_third_party",
        PART,
        {"social_worker", "business_support"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Record a third party's answer",
            done="The third party's answer has been recorded",
            timeline="Third party's answer recorded",
            submit="Save",
        ),
        part_states={s.SUPPLIED},
        fields=(
            Field("item", "item", "Which document?", "Select the document", only="to_confirm"),
            Field(
                "confirmed",
                "bool",
                "Did the agency agree to it being sent?",
                "Select whether the agency agreed",
                choices=(("yes", "Yes, they agreed"), ("no", "No, they did not agree")),
            ),
            # Who at the originating agency answered, how and when (2.2, NB). A
            # scenario file may give only the item and the answer.
            Field(
                "who", "text", "Who gave their answer?", "Say who gave their answer", required=False
            ),
            Field(
                "how",
                "choice",
                "How did they answer?",
                "Select how they answered",
                required=False,
                choices=(
                    ("email", "By email"),
                    ("phone", "By phone"),
                    ("letter", "By letter"),
                    ("in_person", "In person"),
                ),
            ),
            Field("answered_on", "date", "The date they answered", required=False, arg="on"),
        ),
        checks=(_own_case, _third_party_to_confirm),
        after_supply=True,
    ),
    _spec(
        "attach_hard_copy_file",
        PART,
        {"social_worker", "business_support"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Attach a file to a hard copy",
            done="File attached",
            timeline="File attached to a hard copy",
            submit="Attach",
        ),
        part_states={s.SUPPLIED},
        fields=(
            Field(
                "item",
                "item",
                "Which hard copy is the file for?",
                "Select the hard copy",
                only="to_attach",
            ),
            Field("document", "document", "Which document is it?", "Select the document"),
        ),
        checks=(_own_case, _item_without_file),
        after_supply=True,
    ),
    _spec(
        "dispatch_hard_copies",
        REQUEST,
        {"business_support"},
        _AFTER_SUPPLY,
        "2.2",
        Words(
            "Send the hard copies",
            done="Hard copies sent",
            timeline="Hard copies sent",
            warning="Third-party information its agency has not confirmed is held back (2.2).",
            confirm="I have checked the copies. Once sent they cannot be taken back",
            unconfirmed="Confirm that you have checked the copies",
            submit="Send",
        ),
        fields=(
            Field(
                "method",
                "choice",
                "How are you sending them?",
                "Select how you are sending them",
                choices=(
                    ("secure_email", "Secure email, with the files attached"),
                    ("cryptshare", "Cryptshare"),
                    ("portal", "The agency portal, where the requestor downloads them"),
                ),
            ),
            Field("transfer_reference", "text", "Cryptshare transfer reference", required=False),
        ),
        checks=(_sendable,),
        after_supply=True,
    ),
    # Documents kept for a request: a copy of what was supplied (2.1.2.2), an
    # item for hard copies, or the copy business support produced (2.2).
    _spec(
        "upload_document",
        REQUEST,
        _UPLOADERS | {"business_support"},
        set(s.REQUEST_STATES),
        "2.2",
        Words(
            "Upload a document",
            done="Document uploaded",
            timeline="Document uploaded",
            submit="Upload",
        ),
        fields=(
            Field("file", "file", "Choose a file", "Choose a file to upload"),
            Field("title", "text", "Title", required=False),
        ),
        checks=(_may_upload,),
    ),
    # Time limits: the clock stops while waiting on the requestor, and a due
    # date may be extended. Before forward the SCIMT officer, who holds the
    # request, does it for the whole request; after, each part's holder.
    _spec(
        "stop_clock",
        REQUEST,
        {"scimt_officer"},
        s.BEFORE_FORWARD,
        "1",
        Words("Stop the clock", done="Clock stopped", timeline="Clock stopped"),
        fields=_STOP_FIELDS,
        page=False,  # the time-limits pages (web/views/time_limits.py)
        checks=(_clock_running,),
    ),
    _spec(
        "restart_clock",
        REQUEST,
        {"scimt_officer"},
        s.BEFORE_FORWARD,
        "1",
        Words("Restart the clock", done="Clock restarted", timeline="Clock restarted"),
        fields=_RESTART_FIELDS,
        checks=(_clock_stopped,),
        page=False,  # the time-limits pages (web/views/time_limits.py)
    ),
    _spec(
        "extend",
        REQUEST,
        {"scimt_officer"},
        s.BEFORE_FORWARD,
        "1",
        Words("Extend a time limit", done="Time limit extended", timeline="Time limit extended"),
        fields=_EXTEND_FIELDS,
        page=False,  # the time-limits pages (web/views/time_limits.py)
        checks=(_a_stage_running,),
    ),
    _spec(
        "stop_part_clock",
        PART,
        _HOLDERS,
        {s.FORWARDED},
        "2.1",
        Words("Stop the clock", done="Clock stopped", timeline="Clock stopped"),
        part_states=_CLOCK_PART_STATES,
        holder_only=True,
        fields=_STOP_FIELDS,
        verb="stop_clock",
        page=False,  # the time-limits pages (web/views/time_limits.py)
        checks=(_clock_running,),
    ),
    _spec(
        "restart_part_clock",
        PART,
        _HOLDERS,
        {s.FORWARDED},
        "2.1",
        Words("Restart the clock", done="Clock restarted", timeline="Clock restarted"),
        part_states=_CLOCK_PART_STATES,
        holder_only=True,
        fields=_RESTART_FIELDS,
        checks=(_clock_stopped,),
        verb="restart_clock",
        page=False,  # the time-limits pages (web/views/time_limits.py)
    ),
    _spec(
        "extend_part",
        PART,
        _HOLDERS,
        {s.FORWARDED},
        "2.1",
        Words("Extend a time limit", done="Time limit extended", timeline="Time limit extended"),
        part_states=_CLOCK_PART_STATES,
        holder_only=True,
        fields=_EXTEND_FIELDS,
        verb="extend",
        page=False,  # the time-limits pages (web/views/time_limits.py)
        checks=(_a_stage_running,),
    ),
    # Staff who leave (scenario contract, December 2026): an administrator
    # records it, here or on the staff page of the admin screens.
    _spec(
        "staff_leaves",
        STAFF,
        {moves.ADMINISTRATOR},
        (),
        moves.PARAGRAPH,
        Words(
            "Record as having left",
            done="Recorded as having left",
            timeline="Recorded as having left",
        ),
        fields=(Field("staff", "staff", "Who has left?", "Choose who has left", only="any"),),
        page=False,  # the admin screens' staff page (records/admin.py)
    ),
)

STEPS: dict[str, StepSpec] = {spec.name: spec for spec in _DECLARATIONS}

# The services' verbs, each with the steps that share it: verify_identity is
# the SCIMT's check of the request, and the worker's check of their part.
VERBS: dict[str, tuple[StepSpec, ...]] = {}
for _spec_ in _DECLARATIONS:
    VERBS.setdefault(_spec_.service, ())
    VERBS[_spec_.service] += (_spec_,)
del _spec_


def fields_of(verb: str) -> tuple[Field, ...]:
    """The fields a verb takes: those of every step that shares it, once each."""
    seen: dict[str, Field] = {}
    for spec in VERBS[verb]:
        for one in spec.fields:
            seen.setdefault(one.name, one)
    return tuple(seen.values())


# Routes on which the allocated worker must verify the requestor again before
# supplying anything (2.1.2.2, 2.1.3.2). On an open case (2.1.1) the SCIMT's
# check stands.
REVERIFY_ROUTES = frozenset(
    {
        "closed_electronic:last_team_csm",
        "closed_electronic:dcpt_csm",
        "closed_mash_only:mash_csm",
        "closed_paper:last_team_csm",
        "closed_paper:dcpt_csm",
    }
)


def needed_next(state: str, route: str | None = None) -> str:
    """What the holder of a request or part in this state does next, in the
    words staff see (My work, the team's work, a step refused): the words
    declared with the state (states.py), but on a route where the worker must
    verify the requestor again before supplying (2.1.2.2, 2.1.3.2), that first."""
    if state == s.ALLOCATED and route in REVERIFY_ROUTES:
        return "Check the requestor's identity again, then supply"
    declared = s.PART_STATE_WORDS.get(state) or s.REQUEST_STATE_WORDS.get(state)
    return declared.needed if declared else ""


def check_step(
    verb: str, actor: Actor, *, request_state: str, part: Part | None = None
) -> Refusal | None:
    """The state machine's answer alone (roles, states, holder): None if
    `actor` may take `verb` now, as far as the request's and part's states go."""
    step = STEPS.get(verb)
    if step is None:
        return Refusal("unknown_step", f"'{verb}' is not a step of this procedure.")
    left = moves.inactive(actor)
    if left is not None:
        return left
    if not actor.roles & step.roles:
        return Refusal(
            "not_permitted_for_role",
            f"Your role does not allow this step. It is for: {_role_list(step.roles)}.",
            step.paragraph,
        )
    if step.on == STAFF:
        return None  # about a member of staff: no request, no state
    if verb in {"share_basic_information", "forward"} and request_state in {
        s.RECEIVED,
        s.IDENTITY_NOT_VERIFIED,
    }:
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity first. Nothing is shared with an unverified requestor.",
            "1",
        )
    if request_state == s.WITHDRAWN and request_state not in step.request_states:
        return Refusal(
            "wrong_state",
            "The requestor has withdrawn this request, so nothing more is done or sent. "
            "Return any files to storage, then close it.",
            step.paragraph,
        )
    if request_state not in step.request_states:
        return _wrong_state(step, _now("The request", s.REQUEST_STATE_WORDS, request_state))
    if step.part_states is None:
        return None
    if part is None:
        return _wrong_state(step, "There is no part of this request for it.")
    if step.holder_only and part.assignee != actor.ref:
        return Refusal(
            "not_assigned_to_you",
            "This part of the request is not assigned to you. Only the person it is assigned to can do this.",
            step.paragraph,
        )
    if verb == "supply_information" and part.state == s.ALLOCATED and part.route in REVERIFY_ROUTES:
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity again before supplying information.",
            "2.1.2.2",
        )
    if verb == "supply_information" and part.state == s.ALLOCATED and not part.identity_checked:
        # Made directly to the worker (section 1): nobody has checked the requestor yet.
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity before supplying information.",
            "1",
        )
    if verb in _FETCHES and part.state == s.ALLOCATED and part.route in REVERIFY_ROUTES:
        # 2.1.3.2 comes before 2.1.3.3: nothing is fetched for a requestor not checked again.
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity again before asking for paper files or microfilm.",
            "2.1.3.2",
        )
    if part.state not in step.part_states:
        return _wrong_state(step, _now("This part", s.PART_STATE_WORDS, part.state, part.route))
    return None


_FETCHES = frozenset({"request_paper_files", "request_microfilm"})


def _wrong_state(step: StepSpec, now: str) -> Refusal:
    if step.after_supply:
        return Refusal(
            "information_not_yet_shared",
            "Hard copies can only be asked for after the information has been supplied. "
            "Supply the information first.",
            "1",
        )
    return Refusal("wrong_state", f"You cannot do this now. {now}", step.paragraph)


def _now(what: str, words: dict[str, s.StateWords], state: str, route: str | None = None) -> str:
    """Where the request or part stands, as staff see it on its tag, and what
    is needed next (needed_next): the words declared with the state, never its code."""
    declared = words.get(state)
    if declared is None:
        return f"{what} is not at a stage where this can be done."
    said = f"{what} is '{declared.staff}'."
    needed = needed_next(state, route)
    if needed:
        said += f" Next: {needed[0].lower()}{needed[1:]}."
    return said


def refusal(
    name: str,
    actor: Actor,
    case: Case,
    part: PartFacts | None = None,
    holding: HoldingFacts | None = None,
) -> Refusal | None:
    """None if `actor` may take step `name` now on this request (this part,
    this holding); otherwise why not. The states first, then the step's own
    pre-checks, in the order declared."""
    step = STEPS.get(name)
    found = check_step(name, actor, request_state=case.state, part=part.as_part() if part else None)
    if found is not None or step is None:
        return found
    for check in step.checks:
        found = check(actor, case, part, holding)
        if found is not None:
            return found
    return None


def _role_list(roles: frozenset[str]) -> str:
    words = {moves.ADMINISTRATOR: "administrator"}
    return ", ".join(sorted(words.get(r, r.replace("_", " ")) for r in roles))
