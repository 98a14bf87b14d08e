"""Who may see a request, and which steps they may take on it now.

A request names children and families: staff see it only if they work on it
(they hold or have held a part, logged it, or were given a task on it), manage
the team holding a part, or their role oversees all requests (SCIMT,
information governance, administrators). Anyone else gets a 404, the same as a
reference that does not exist (DESIGN.md: healthchecks' _get_check_for_user).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from disclose.audit.models import AuditEvent
from disclose.casework.actors import actor_of as actor_for
from disclose.casework.actors import part_of as part_for
from disclose.casework.models import (
    FileMovement,
    HardCopyItem,
    HardCopyList,
    Request,
    RequestSubject,
    StaffNotification,
)
from disclose.procedure import hard_copies as hard_copy_rules
from disclose.procedure import states
from disclose.procedure.states import Actor, check_step
from disclose.records.models import Holding, Staff

OVERSEERS = frozenset({"scimt_officer", "information_governance", "admin"})
# Steps a social worker takes on the subject's holdings (2.1.3.3).
_HOLDING_STEPS = {
    "request_paper_files": Holding.Kind.PAPER,
    "request_microfilm": Holding.Kind.MICROFILM,
}
_PART_STEPS = (
    "match_subject",
    "reverify_identity",
    "pass_to_csm",
    "decide",
    "allocate",
    "request_paper_files",
    "request_microfilm",
    "supply_information",
    # Hard copies (2.2), once the information has been supplied.
    "request_hard_copies",
    "decide_hard_copies",
    "reassign_hard_copy_approval",
    "confirm_third_party",
    "attach_hard_copy_file",
)
_UPLOADERS = frozenset({"scimt_officer", "social_worker", "team_manager", "csm"})


def can_see(user: Staff, request: Request) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if actor_for(user).roles & OVERSEERS or request.owner_id == user.pk:
        return True
    mine = (
        Q(assignee=user)
        | Q(worker=user)
        | Q(decided_by=user)
        | Q(identity_reverified_by=user)
        | Q(team__team_manager=user)
        | Q(assignee__team__team_manager=user)
    )
    if user.has_role("team_manager") and user.team_id:
        mine |= Q(assignee__team_id=user.team_id)  # My work's team view
    if request.subjects.filter(mine).exists():
        return True
    # Held before (a CSM who passed it on, a team manager who allocated): a
    # task landed on them, or they took a step on it.
    if StaffNotification.objects.filter(request=request, staff=user).exists():
        return True
    if AuditEvent.objects.filter(
        request_reference=request.reference,
        actor=user,
        category=AuditEvent.Category.CHANGE,
    ).exists():
        return True
    # Business support fetch and return the files asked for on any request.
    return user.has_role("business_support") and request.file_movements.exists()


def get_request_for_user(user: Staff, reference: str, queryset=None) -> Request:
    """The request, or 404 when there is none or this person may not see it."""
    rows = Request.objects if queryset is None else queryset
    request = rows.filter(reference=reference).first()
    if request is None or not can_see(user, request):
        raise Http404("No such request")
    return request


@dataclass
class Actions:
    """The steps this person may take now: on the request, on each part (by
    subject number), and on each holding out for it (by holding pk)."""

    request: list[str] = field(default_factory=list)
    parts: dict[int, list[str]] = field(default_factory=dict)
    holdings: dict[int, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.request or any(self.parts.values()) or any(self.holdings.values()))


def allowed_actions(
    user: Staff,
    request: Request,
    subjects: list[RequestSubject],
    movements: list[FileMovement],
    hard_copy_lists: list[HardCopyList] = (),
    documents: int = 0,
) -> Actions:
    """Ask the procedure (states.check_step) about every step, and add the
    object checks the services make, so a button shown is a step that will
    go ahead. `subjects` come with person__holdings prefetched, the lists with
    their items and approver."""
    actor = actor_for(user)
    actions = Actions()

    def ok(verb: str, subject: RequestSubject | None = None) -> bool:
        part = part_for(subject) if subject is not None else None
        return check_step(verb, actor, request_state=request.state, part=part) is None

    copies = HardCopies(user, actor, hard_copy_lists, documents)

    all_matched = all(s.matched for s in subjects)
    if request.state == states.RECEIVED and not request.triaged_at and ok("triage"):
        actions.request.append("triage")
    if ok("verify_identity"):
        actions.request.append("verify_identity")
    if all_matched and request.state == states.IDENTITY_VERIFIED:
        actions.request += [v for v in ("share_basic_information",) if ok(v)]
    if all_matched and ok("forward"):
        actions.request.append("forward")
    for subject in subjects:
        actions.parts[subject.number] = [
            verb
            for verb in _PART_STEPS
            if ok(verb, subject) and _has_holding(verb, subject) and copies.ready(verb, subject)
        ]
    latest = _latest_movements(movements)
    for holding_id, movement in latest.items():
        verbs = []
        if movement.kind == FileMovement.Kind.REQUESTED and ok("retrieve_files"):
            verbs.append("retrieve_files")
        if movement.kind != FileMovement.Kind.RETURNED and ok("return_files"):
            verbs.append("return_files")
        actions.holdings[holding_id] = verbs
    if ok("dispatch_hard_copies") and copies.sendable():
        actions.request.append("dispatch_hard_copies")
    if _may_upload(user, actor, request, subjects, copies):
        actions.request.append("upload_document")
    if _may_close(user, actor, request, subjects, latest, ok):
        actions.request.append("close")
    return actions


@dataclass
class HardCopies:
    """The object checks of the hard-copy steps (casework/steps/hard_cop*.py)."""

    user: Staff
    actor: Actor
    lists: list[HardCopyList]
    documents: int

    def _items(self, subject: RequestSubject) -> list[HardCopyItem]:
        return [i for lst in self.lists if lst.subject_id == subject.pk for i in lst.items.all()]

    def _waiting(self, subject: RequestSubject) -> list[HardCopyList]:
        return [
            lst
            for lst in self.lists
            if lst.subject_id == subject.pk and lst.state == hard_copy_rules.AWAITING_APPROVAL
        ]

    def _own(self, subject: RequestSubject) -> bool:
        # Business support serve every request; a social worker only their own.
        if "business_support" in self.actor.roles:
            return True
        return self.user.pk in (subject.worker_id, subject.assignee_id)

    def ready(self, verb: str, subject: RequestSubject) -> bool:
        if verb == "decide_hard_copies":
            return any(lst.approver_id == self.user.pk for lst in self._waiting(subject))
        if verb == "reassign_hard_copy_approval":
            return any(
                lst.approver is not None and not lst.approver.is_active
                for lst in self._waiting(subject)
            )
        if verb == "confirm_third_party":
            return self._own(subject) and any(
                i.third_party and i.confirmed is None and i.status in hard_copy_rules.CONFIRMABLE
                for i in self._items(subject)
            )
        if verb == "attach_hard_copy_file":
            statuses = set(hard_copy_rules.SENDABLE)
            if "business_support" not in self.actor.roles:
                statuses.add(hard_copy_rules.AWAITING_APPROVAL)
            return (
                self._own(subject)
                and self.documents > 0
                and any(i.status in statuses and not i.document_id for i in self._items(subject))
            )
        return True

    def sendable(self) -> bool:
        facts = [
            hard_copy_rules.ItemFacts(i.title, i.status, i.third_party, i.confirmed, key=i.pk)
            for lst in self.lists
            for i in lst.items.all()
        ]
        return hard_copy_rules.plan_dispatch(facts).refusal is None


def _may_upload(user, actor, request, subjects, copies: HardCopies) -> bool:
    """As casework's upload_document: business support once copies are
    approved; otherwise the SCIMT officer who logged it or someone holding a part."""
    approved = {*hard_copy_rules.SENDABLE, hard_copy_rules.DISPATCHED}
    if "business_support" in actor.roles and any(
        i.status in approved for lst in copies.lists for i in lst.items.all()
    ):
        return True
    holds = request.owner_id == user.pk or any(
        user.pk in (s.assignee_id, s.worker_id) for s in subjects
    )
    return bool(actor.roles & _UPLOADERS) and holds


def _has_holding(verb: str, subject: RequestSubject) -> bool:
    kind = _HOLDING_STEPS.get(verb)
    if kind is None:
        return True
    if subject.person is None:
        return False
    return any(
        h.kind == kind and h.status == Holding.Status.IN_STORAGE
        for h in subject.person.holdings.all()
    )


def _latest_movements(movements: list[FileMovement]) -> dict[int, FileMovement]:
    latest: dict[int, FileMovement] = {}
    for movement in sorted(movements, key=lambda m: m.pk):
        latest[movement.holding_id] = movement
    return latest


def _may_close(user, actor, request, subjects, latest, ok) -> bool:
    """close: the procedure's check, the holder rule, and nothing outstanding."""
    if not ok("close"):
        return False
    holds = any(s.assignee_id == user.pk for s in subjects)
    if not holds and "scimt_officer" not in actor.roles:
        return False
    forwarded = request.state == states.FORWARDED
    part_states = [s.state for s in subjects] if forwarded else []
    out = sum(1 for m in latest.values() if m.kind != FileMovement.Kind.RETURNED)
    return states.check_close(part_states, out) is None
