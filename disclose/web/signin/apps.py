"""The admin site, replaced by one whose sign-in is Disclose's own (two factors)."""

from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    default_site = "disclose.web.signin.admin_site.TwoFactorAdminSite"

    def ready(self) -> None:
        super().ready()
        from . import flow  # noqa: F401  (connects the sign-in time stamp to user_logged_in)
