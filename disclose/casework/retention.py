"""Retention (issue 6, item 8): a closed request is kept for the council's
retention period (CouncilProfile.retention_years, counted from the day it was
closed), then purged: the request, its parts, messages, notifications,
identity checks, disclosures, file movements, hard copies, time limits and
its documents (the stored files too).

What stays:
- one audit event per purged request (`request_purged`), with its reference,
  when it was received and closed, and how many of each thing were removed,
  so the audit trail still says the request existed and when it went. Audit
  events are never deleted (the PostgreSQL triggers forbid it) and the chain
  still verifies: events refer to a request by its reference, not by a key;
- the case notes on a child's record, which belong to the child's record and
  its own retention rules;
- documents a CSM asked to be filed on the person's record (2.2): they stay
  on the record, no longer linked to the request;
- the copy of what was supplied (2.1.2.2): its summary and the documents
  themselves stay on the person's record, keeping the request's reference;
- the record-system entries in the outbox (case notes and documents on the
  person's record). The request's emails in the outbox go with it.
"""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from disclose.audit.log import record
from disclose.council.models import CouncilProfile
from disclose.outbox.models import Outgoing
from disclose.procedure import states

from . import document_store
from .models import (
    ClockStop,
    Disclosure,
    Dispatch,
    Document,
    Extension,
    FileMovement,
    HardCopyItem,
    HardCopyList,
    IdentityCheck,
    Message,
    Reminder,
    Request,
    RequestSubject,
    StaffNotification,
    SuppliedInformation,
)

# Removed in this order: each before the rows it protects (on_delete=PROTECT).
PARTS: list[tuple[str, type[Model]]] = [
    ("hard copy items", HardCopyItem),
    ("dispatches", Dispatch),
    ("hard copy lists", HardCopyList),
    ("disclosures", Disclosure),
    ("file movements", FileMovement),
    ("messages", Message),
    ("staff notifications", StaffNotification),
    ("reminders", Reminder),
    ("identity checks", IdentityCheck),
    ("clock stops", ClockStop),
    ("extensions", Extension),
]


@dataclass
class Purged:
    reference: str
    received: datetime.date
    closed: datetime.date
    counts: dict[str, int] = field(default_factory=dict)


def cutoff(now: datetime.datetime | None = None, years: int | None = None) -> datetime.datetime:
    """Requests closed before this moment have been kept long enough."""
    now = now or timezone.now()
    years = CouncilProfile.current().retention_years if years is None else years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February, in a year without one
        return now.replace(year=now.year - years, day=28)


def due_for_purge(now: datetime.datetime | None = None):
    return Request.objects.filter(
        state=states.CLOSED, closed_at__isnull=False, closed_at__lt=cutoff(now)
    ).order_by("closed_at", "id")


def purge_closed_requests(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> list[Purged]:
    """Purge every closed request past its retention period; with dry_run, only
    say what would go. Each request goes in its own transaction, with its stub."""
    done = []
    for pk in list(due_for_purge(now).values_list("pk", flat=True)):
        if dry_run:
            done.append(_describe(Request.objects.get(pk=pk)))
        else:
            done.append(_purge(pk))
    return done


def _describe(request: Request) -> Purged:
    counts = {"subjects": request.subjects.count()}
    for words, model in PARTS:
        counts[words] = model.objects.filter(request=request).count()
    counts["emails in the outbox"] = _outbox_emails(request).count()
    documents = Document.objects.filter(request=request)
    counts["documents"] = documents.filter(on_person_record=False).count()
    counts["documents kept on the person's record"] = documents.filter(
        on_person_record=True
    ).count()
    counts["copies of what was supplied, kept"] = SuppliedInformation.objects.filter(
        request=request
    ).count()
    return Purged(
        reference=request.reference,
        received=request.received,
        closed=timezone.localdate(request.closed_at),
        counts=counts,
    )


def _outbox_emails(request: Request):
    return Outgoing.objects.filter(
        request_reference=request.reference, channel=Outgoing.Channel.EMAIL
    )


def _purge(pk: int) -> Purged:
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=pk)
        purged = _describe(request)
        for _words, model in PARTS:
            model.objects.filter(request=request).delete()
        _outbox_emails(request).delete()
        documents = Document.objects.filter(request=request)
        documents.filter(on_person_record=True).update(request=None, subject=None)
        SuppliedInformation.objects.filter(request=request).update(request=None, subject=None)
        for name in documents.values_list("storage_name", flat=True):
            # The file goes only once its row is gone for good.
            transaction.on_commit(partial(document_store.discard, name))
        documents.delete()
        RequestSubject.objects.filter(request=request).delete()
        request.delete()
        record(
            event_type="request_purged",
            request_reference=purged.reference,
            detail={
                "reference": purged.reference,
                "received": purged.received.isoformat(),
                "closed": purged.closed.isoformat(),
                "retention_years": CouncilProfile.current().retention_years,
                "removed": purged.counts,
            },
        )
    return purged
