from disclose.council.models import CouncilProfile
from disclose.web.access import can_use_records


def council(request) -> dict:
    """The council profile, for page headers and contact details, and whether the
    signed-in person may use the records (to offer the search link only to them)."""
    user = getattr(request, "user", None)
    return {
        "council": CouncilProfile.current(),
        "can_use_records": bool(user and can_use_records(user)),
    }
