from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "disclose.casework"
    label = "casework"

    def ready(self) -> None:
        from . import (
            any_of,  # noqa: F401 - registers the lookup field__any_of
            record_entries,
            time_limits_changed,
        )

        record_entries.connect()
        time_limits_changed.connect(self)
