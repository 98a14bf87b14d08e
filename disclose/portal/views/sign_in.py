"""Signing in and out of the portal (signin.py holds the rules)."""

from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import signin
from ..forms import CodeForm, EmailForm
from ..sessions import BROWSER_COOKIE, begin, end, give_browser_cookie
from .errors import not_found

LINK_GONE = (
    "This sign-in link does not work. It may have expired or been used already, or "
    "been opened in a different browser from the one you asked for it in."
)


def sign_in(request):
    if request.professional is not None:
        return redirect("portal:home")
    form = EmailForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            started = signin.start(
                email=form.cleaned_data["email"],
                link_url=lambda token: request.build_absolute_uri(
                    reverse("portal:sign_in_link", args=[token])
                ),
            )
        except signin.SignInRefused as refused:
            form.add_error("email", str(refused))
        else:
            response = redirect("portal:check_email")
            give_browser_cookie(response, started.browser_token)
            return response
    return render(request, "portal/sign_in.html", {"form": form})


def check_email(request):
    return render(request, "portal/check_email.html")


def sign_in_link(request, token: str):
    opened = signin.open_link(link=token, browser=request.COOKIES.get(BROWSER_COOKIE, ""))
    if opened is None:
        return not_found(request, LINK_GONE)
    return redirect("portal:enter_code")


def enter_code(request):
    browser = request.COOKIES.get(BROWSER_COOKIE, "")
    if signin.waiting_for_code(browser) is None:
        return not_found(request, LINK_GONE)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = signin.enter_code(browser=browser, code=form.cleaned_data["code"])
        if outcome.professional is not None:
            response = redirect("portal:home")
            rotate_token(request)
            begin(response, outcome.professional)
            return response
        if not outcome.tries_left:
            return render(request, "portal/code_locked.html", status=403)
        form.add_error(
            "code",
            f"The code is not right. Check the email and try again ({outcome.tries_left} "
            f"{'try' if outcome.tries_left == 1 else 'tries'} left)",
        )
    return render(request, "portal/enter_code.html", {"form": form})


@require_POST
def sign_out(request):
    response = redirect("portal:signed_out")
    end(request, response)
    return response


def signed_out(request):
    return render(request, "portal/signed_out.html")
