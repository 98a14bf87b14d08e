"""The `disclose` command: Django's management commands plus Disclose's own."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclose.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Disclose's commands are spelt with hyphens (`disclose import-records`);
    # Django names a command after its module, which cannot hold a hyphen.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if argv[1:2] == ["serve"]:
        # Before the settings are read: the app servers' SQL stops after 30 s
        # (a page's visitor has long gone); the worker and imports keep no limit.
        os.environ.setdefault("DISCLOSE_DB_STATEMENT_TIMEOUT", "30")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
