"""Signing in and out. Sign-out is a POST (a link could be followed by a prefetch)."""

from django.contrib.auth import views as auth_views

from disclose.web.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]
