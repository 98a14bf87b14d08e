"""A professional acting on their own request, as the procedure's steps see them.

The steps are declared for roles (procedure/steps.py). The requestor is one
more: `requestor`, held by nobody on the staff and given only to a professional
signed in to the portal, for the steps declared for it (withdraw,
narrow_request), on the requests they asked (`Actor.requests`). The services
take this actor exactly as they take a member of staff: the same declaration,
the same checks, the same transaction, case note and audit event.
"""

from dataclasses import dataclass

from disclose.procedure.roles import REQUESTOR
from disclose.procedure.states import Actor

from .access import own_references
from .models import Professional


@dataclass(frozen=True)
class PortalRequestor:
    professional: Professional
    name: str  # as they gave it on the request

    # What the services ask of whoever acts (casework/steps/_base.py).
    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = False
    team_id = None
    team = None

    @property
    def username(self) -> str:
        return f"requestor:{self.professional.pk}"

    @property
    def display_name(self) -> str:
        return f"{self.name} (the requestor, on the agency portal)"

    def role_codes(self) -> frozenset[str]:
        return frozenset({REQUESTOR})

    def as_actor(self) -> Actor:
        refs = own_references(self.professional).values_list("draft__request_reference", flat=True)
        return Actor(ref=self.username, roles=self.role_codes(), requests=frozenset(refs))
