"""`disclose check`, with the council profile's checks (disclose.E001...).

They run here only: registered for every command, an error in the profile
would stop the worker, a restore or a migration, and the council could not
run Disclose while putting it right."""

from django.core import checks
from django.core.management.commands.check import Command as DjangoCheck

from disclose.council.checks import PROFILE_CHECKS


class Command(DjangoCheck):
    help = f"{DjangoCheck.help} Also checks the council profile's set-up."

    def handle(self, *app_labels, **options):
        added = [
            check
            for check in PROFILE_CHECKS
            if check not in checks.registry.registry.registered_checks
        ]
        for check in added:
            checks.register(check, "disclose")
        try:
            super().handle(*app_labels, **options)
        finally:
            checks.registry.registry.registered_checks.difference_update(added)
