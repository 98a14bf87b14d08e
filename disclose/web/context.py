from django.core.cache import cache
from django.db.models.signals import post_save

from disclose.council.models import CouncilProfile
from disclose.web.access import can_use_records

# The council's name and the SCIMT's contact details head every page. Read at
# most once a minute in each process, not once a page: that read was a
# twentieth of a page's work (issue 11). A change shows at once in the process
# that saved it and within the minute in the others. Rules that depend on the
# profile (time limits, trusted domains) read it themselves, never this copy.
SHOWN_FOR_SECONDS = 60
_SHOWN = "council-profile-shown"


def council(request) -> dict:
    """The council profile, for page headers and contact details, and whether the
    signed-in person may use the records (to offer the search link only to them)."""
    user = getattr(request, "user", None)
    profile = cache.get(_SHOWN)
    if profile is None:
        profile = CouncilProfile.current()
        cache.set(_SHOWN, profile, SHOWN_FOR_SECONDS)
    return {
        "council": profile,
        "can_use_records": bool(user and can_use_records(user)),
    }


def _forget_shown(**kwargs) -> None:
    cache.delete(_SHOWN)


post_save.connect(_forget_shown, sender=CouncilProfile, dispatch_uid="council-profile-shown")
