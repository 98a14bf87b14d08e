from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "disclose.audit"
    label = "audit"
