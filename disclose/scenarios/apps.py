from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "disclose.scenarios"
    label = "scenarios"
