"""Scope (section 1): is this request one for this procedure at all?

The procedure covers professionals in other agencies asking for specific
information. Anything else is sent where it belongs, with the council's
contact details, as soon as it is received.
"""

from .decisions import Decision
from .facts import RequestFacts


def triage(request: RequestFacts) -> Decision | None:
    """None when the request belongs to this procedure; otherwise where it goes instead."""
    if request.kind == "own_records":
        return Decision(
            route="redirect:subject_access",
            paragraph="1",
            rationale=(
                "A request for a person's own records is a subject access request, dealt with "
                "by the Complaints and Information Team under the Subject Access to Records Policy."
            ),
            message_kind="redirect_subject_access",
        )
    if request.kind == "own_adoption_records":
        return Decision(
            route="redirect:adoption_records",
            paragraph="1",
            rationale=(
                "A request for a person's own adoption records is dealt with by the Adoption "
                "Records Manager under the Adoption Regulations."
            ),
            message_kind="redirect_adoption_records",
        )
    if request.kind == "view_records":
        return Decision(
            route="redirect:view_records",
            paragraph="1",
            rationale=(
                "A request from another agency to view records is dealt with under the "
                "'Other Agency Requests to View Records' procedure."
            ),
            message_kind="redirect_view_records",
        )
    if request.kind == "school_incident_notification":
        return Decision(
            route="redirect:support_to_schools",
            paragraph="2.4",
            rationale=(
                "Ofsted notifications about incidents in schools go to the Group Manager, "
                "Support to Schools Service."
            ),
            message_kind="redirect_support_to_schools",
        )
    if request.extent == "extensive":
        return Decision(
            route="advise:view_records",
            paragraph="1",
            rationale=(
                "A lot of information or a detailed history was asked for, so the professional "
                "is encouraged to view the records instead."
            ),
            message_kind="advise_view_records",
        )
    return None
