from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "disclose.intake"
    label = "intake"
    verbose_name = "Email intake"
