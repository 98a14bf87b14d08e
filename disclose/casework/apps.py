from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "disclose.casework"
    label = "casework"

    def ready(self) -> None:
        from . import record_entries

        record_entries.connect()
