"""`disclose intake-email FILE [--json]`: take in one email saved as a file
(.eml, or an Outlook .msg) as a draft request for the SCIMT to confirm."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.intake.intake import take_in


class Command(BaseCommand):
    help = "Take in an email (.eml or .msg) as a draft request for the SCIMT to confirm."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the email, saved as .eml or .msg")
        parser.add_argument("--json", action="store_true", help="print what was read, as JSON")

    def handle(self, *args, file: str, json: bool, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}. Check the path.") from None
        outcome = take_in(data, name=path.name, source="file")
        if json:
            self.stdout.write(_json(outcome.as_json()))
            return
        found = outcome.as_json()
        if outcome.status == "duplicate":
            self.stdout.write(f"Seen before, as {found['reference']}: nothing new was made.")
        elif outcome.status == "quarantined":
            self.stdout.write(f"Set aside as {found['reference']}: {found['reason']}")
        else:
            who = found["requestor"]
            self.stdout.write(
                f"Draft {found['reference']} from {who['name'] or who['email']}: "
                f"{len(found['subjects'])} person(s) named, "
                f"{len(found['attachments'])} attachment(s). A SCIMT officer must confirm it."
            )


def _json(value) -> str:
    return json.dumps(value, indent=2)
