"""Signing in and out (issue 6, item 1).

First a password (or single sign-on: disclose/web/signin/oidc_views.py), then the code
from an authenticator app; someone without one sets it up first. Only then is the person
signed in. Sign-out is a POST (a link could be followed by a prefetch).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from disclose.audit.log import record
from disclose.audit.tables import plural
from disclose.records import twofactor
from disclose.records.models import Staff
from disclose.web.signin import flow, lockout
from disclose.web.signin.addresses import client_address
from disclose.web.signin.forms import CodeForm, PasswordForm, SetUpCodeForm


def ended_message(reason: str) -> str:
    """Why the last session ended, for the sign-in page."""
    if reason == "idle":
        why = f"you had not used Disclose for {plural(settings.DISCLOSE_IDLE_MINUTES, 'minute')}"
    elif reason == "absolute":
        why = f"you had been signed in for {plural(settings.DISCLOSE_SESSION_HOURS, 'hour')}"
    else:
        return "Sign in again to carry on." if reason else ""
    return f"You were signed out because {why}. Sign in again to carry on."


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = PasswordForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ended = self.request.session.pop(flow.ENDED, "")
        context["ended_message"] = ended_message(ended)
        context["sso_enabled"] = bool(settings.DISCLOSE_OIDC_ISSUER)
        return context

    def form_valid(self, form) -> HttpResponse:
        # The password is right; the person is signed in only after the second factor.
        flow.begin(self.request, form.get_user(), "password", self.get_success_url())
        return redirect("web:two_factor")


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def _code_accepted(request: HttpRequest, form: CodeForm, user: Staff, device) -> bool:
    """Check a posted code as one attempt: no other attempt on this account runs
    meanwhile, so the failures counted never pass the limit (lockout.one_at_a_time)."""
    with lockout.one_at_a_time(user.username, client_address(request)):
        minutes = lockout.minutes_locked(user.username, client_address(request))
        if minutes:
            lockout.record_while_locked(request, user.username, "code", minutes)
            flow.abandon(request)
            form.errors.clear()
            form.add_error(None, lockout.locked_message(minutes))
            return False
        if form.is_valid() and twofactor.check_code(device, form.cleaned_data["code"]):
            return True
        if form.is_valid() and form.refuse(request, user.username):
            flow.abandon(request)
        return False


def _code_page(request: HttpRequest, template: str, form: Form, **context) -> HttpResponse:
    context |= {"form": form, "restart": flow.PENDING not in request.session}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = flow.pending_user(request)
    if user is None:
        return redirect("web:sign_in")
    device = twofactor.confirmed_device(user)
    if device is None:
        return redirect("web:two_factor_set_up")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _code_accepted(request, form, user, device):
        return redirect(flow.finish(request, user, device))
    return _code_page(request, "web/two_factor.html", form)


@require_http_methods(["GET", "POST"])
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    user = flow.pending_user(request)
    if user is None:
        return redirect("web:sign_in")
    if twofactor.confirmed_device(user) is not None:
        return redirect("web:two_factor")
    if twofactor.needs_enrolment_code(user) and not flow.set_up_code_given(request):
        # After a reset the password alone is not enough: no key is shown until then.
        return _set_up_code_step(request, user)
    device = twofactor.device_to_set_up(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _code_accepted(request, form, user, device):
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        with_code = twofactor.needs_enrolment_code(user)
        twofactor.enrolment_code_used(user)
        detail = {"device": device.name, "set_up_code": with_code}
        record(event_type="two_factor_set_up", actor=user, detail=detail)
        return redirect(flow.finish(request, user, device))
    return _code_page(
        request,
        "web/two_factor_set_up.html",
        form,
        secret=twofactor.grouped(twofactor.secret(device)),
        otpauth_uri=twofactor.otpauth_uri(device),
        qr_code=twofactor.qr_code_svg(device),
    )


def _set_up_code_step(request: HttpRequest, user: Staff) -> HttpResponse:
    form = SetUpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        with lockout.one_at_a_time(user.username, address):
            minutes = lockout.minutes_locked(user.username, address)
            if minutes:
                lockout.record_while_locked(request, user.username, "set_up_code", minutes)
            else:
                typed = form.cleaned_data["set_up_code"]
                problem = twofactor.enrolment_code_problem(user, typed)
                if problem is None:
                    flow.note_set_up_code_given(request)
                    return redirect("web:two_factor_set_up")
                minutes = lockout.record_failure(request, user.username, "set_up_code")
                form.add_error("set_up_code", problem)
        if minutes:
            flow.abandon(request)
            form.errors.clear()
            form.add_error(None, lockout.locked_message(minutes))
    return _code_page(request, "web/two_factor_set_up_code.html", form)
