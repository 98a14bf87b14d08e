from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "disclose.casework"
    label = "casework"

    def ready(self) -> None:
        from . import record_entries, time_limits_changed

        record_entries.connect()
        time_limits_changed.connect(self)
