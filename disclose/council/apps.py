from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "disclose.council"
    label = "council"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers `disclose check`'s profile checks
