from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "disclose.records"
    label = "records"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers `disclose check`'s staff check
