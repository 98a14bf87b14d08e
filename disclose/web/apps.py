from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "disclose.web"
    label = "web"

    def ready(self) -> None:
        # django-otp's own admin for TOTP devices shows any member of staff's
        # authenticator key (its config and QR code pages), so an administrator
        # could copy someone's second factor. It is taken out; administrators
        # reset a person's two-factor from the staff list instead (audited).
        from django.contrib import admin
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if admin.site.is_registered(TOTPDevice):
            admin.site.unregister(TOTPDevice)
