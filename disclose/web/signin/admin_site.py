"""/admin/ reached only through Disclose's sign-in: password and authenticator code.

Django's own admin sign-in form asks for a password alone, so it is never shown:
it sends people to /sign-in/, which comes back to the admin when both factors pass.
Someone signed in who is not an administrator is told they have no access.
"""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


class TwoFactorAdminSite(AdminSite):
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponseRedirect:
        index = reverse("admin:index", current_app=self.name)
        wanted = request.GET.get("next") or index
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = index
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(wanted)
            # Signed in without admin rights: sending them to sign in would only send
            # them back here, for ever (issue 15, item 8). Say so instead.
            raise PermissionDenied("Only administrators can use the admin pages.")
        return HttpResponseRedirect(f"{reverse('web:sign_in')}?{urlencode({'next': wanted})}")
