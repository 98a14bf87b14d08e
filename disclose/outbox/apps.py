from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "disclose.outbox"
    label = "outbox"
    verbose_name = "Outbox"
