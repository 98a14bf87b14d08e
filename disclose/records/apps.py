from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "disclose.records"
    label = "records"
