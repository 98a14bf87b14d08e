from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "disclose.council"
    label = "council"
