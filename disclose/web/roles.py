"""The one gate for pages meant for some roles only.

A page someone's role does not allow answers 404, like a page that does not
exist, so nobody learns what lies behind it (DESIGN.md: healthchecks).
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from disclose.casework.actors import roles_of


def has_any_role(user, roles: Iterable[str], *, superuser: bool = True) -> bool:
    """True for a signed-in member of staff in post who holds one of `roles`.
    A superuser passes too, unless `superuser` is False: the pages that show a
    child's record need the role itself (web/access.py)."""
    held = roles_of(user)
    if held and not superuser:
        held = held & user.role_codes()
    return bool(held & frozenset(roles))


def role_check(*roles: str, superuser: bool = True) -> Callable[[object], bool]:
    """A predicate for templates and views: may this user use these pages?"""
    allowed = frozenset(roles)
    return lambda user: has_any_role(user, allowed, superuser=superuser)


def for_roles(*roles: str):
    """Decorate a view: signed in, and holding one of `roles`, or 404."""
    allowed = frozenset(roles)

    def decorate(view):
        @login_required
        @wraps(view)
        def gated(request, *args, **kwargs):
            if not has_any_role(request.user, allowed):
                raise Http404("No such page")
            return view(request, *args, **kwargs)

        return gated

    return decorate
