from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "disclose.casework"
    label = "casework"
