from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.council.profile import ProfileError, load_profile, parse_profile_file


class Command(BaseCommand):
    help = (
        "Load a council's profile (contacts, names, time limits) from a YAML file. "
        "Keys left out keep their current values; a file with any mistake changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="the profile, e.g. docs/profiles/example-council.yaml"
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            changed = load_profile(parse_profile_file(path), source=str(path))
        except ProfileError as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(f"Nothing was changed. Fix these in {path}:\n{lines}") from exc
        if changed:
            self.stdout.write(f"Council profile updated: {', '.join(changed)}.")
        else:
            self.stdout.write("Council profile already matches the file. Nothing was changed.")
