from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "disclose.portal"
    label = "portal"
    verbose_name = "Agency portal"
