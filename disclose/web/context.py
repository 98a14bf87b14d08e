from disclose.council.models import CouncilProfile


def council(request):
    """The council profile, for page headers and contact details."""
    return {"council": CouncilProfile.current()}
