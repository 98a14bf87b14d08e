"""A professional's request arrives as a draft for the SCIMT, like an email
(disclose/intake/): the officer checks it and logs it with the same form and
the same confirm_draft, so nothing is typed twice and nothing goes round the
procedure. The Submission row makes the request theirs once logged."""

import uuid

from django.db import transaction
from django.utils import timezone

from disclose.audit.log import record
from disclose.intake.models import DraftRequest

from .forms_request import PortalRequestForm
from .models import Professional, Submission


def submit(*, professional: Professional, form: PortalRequestForm) -> Submission:
    answers = form.answers(email=professional.email)
    data = form.cleaned_data
    subjects = [
        {
            "forename": s["forename"],
            "surname": s["surname"],
            "dob": s["dob"].isoformat() if s["dob"] else None,
        }
        for s in data["subjects"]
    ]
    with transaction.atomic():
        draft = DraftRequest.objects.create(
            status=DraftRequest.Status.DRAFT,
            message_id=f"portal-{uuid.uuid4()}",
            source="portal",
            received_at=timezone.now(),
            from_address=professional.email,
            email_subject=f"Asked on the agency portal by {data['requestor_name']}",
            body=answers["details"],
            requestor_name=data["requestor_name"],
            requestor_email=professional.email,
            requestor_phone=data["requestor_phone"],
            requestor_role=data["requestor_role"],
            requestor_agency=data["requestor_agency"],
            subjects=subjects,
            answers=answers,
        )
        submission = Submission.objects.create(professional=professional, draft=draft)
        record(
            event_type="portal_request_submitted",
            detail={"professional": professional.email, "draft": draft.pk},
        )
    return submission
