"""`disclose rundemo` (what `make run` calls): migrate, load the demo council on
first run, print one sign-in per role, and serve on localhost with the
background worker (`disclose run-worker`) beside it."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from disclose.records import twofactor
from disclose.records.demo.council import (
    LOGINS_FILE,
    add_login,
    load_demo_council,
    read_logins,
)
from disclose.records.models import Person, Staff


class Command(BaseCommand):
    help = "Run Disclose with the demo council on http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("DISCLOSE_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("DISCLOSE_PORT", "8000"))
        )
        parser.add_argument(
            "--persons",
            type=int,
            default=5000,
            help="people in the demo council, on first run (default 5,000)",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="prepare and print the sign-ins, then stop"
        )
        parser.add_argument(
            "--sign-in-as",
            metavar="USERNAME",
            help="give anyone in the demo records a password and security key, print them, then stop",
        )
        parser.add_argument(
            "--codes",
            action="store_true",
            help="print each demo login's security code as an authenticator app shows it now, then stop",
        )

    def handle(
        self, *args, host: str, port: int, persons: int, no_serve: bool, codes: bool, **options
    ):
        if options.get("sign_in_as"):
            self._add_login(options["sign_in_as"], f"http://{host}:{port}")
            return
        if codes:
            self._print_codes(read_logins(settings.DATA_DIR / LOGINS_FILE))
            return
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not Person.objects.exists():
            self.stdout.write(f"Loading the demo council ({persons:,} people)...")
        logins = load_demo_council(persons=persons)
        if logins:
            from disclose.casework.demo.requests import seed_demo_requests

            made = seed_demo_requests(logins)
            if made:
                self.stdout.write(f"Demo requests at different stages: {', '.join(made)}.")
        base = f"http://{host}:{port}"
        self._print_logins(base, logins)
        self._print_mail()
        if no_serve:
            return
        from waitress import serve

        from disclose.wsgi import application

        self.stdout.write(f"Serving on {base}/ - press Ctrl+C to stop.")
        # The background worker (reminders, issue 7) runs beside the server.
        worker = subprocess.Popen([sys.executable, "-m", "disclose.cli", "run-worker"])  # noqa: S603
        try:
            serve(application, host=host, port=port, threads=8)
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    def _add_login(self, username: str, base: str) -> None:
        try:
            login = add_login(username)
        except Staff.DoesNotExist:
            raise CommandError(
                f"No member of staff in post has the username {username}. "
                "Find usernames in Admin, Staff."
            ) from None
        self._print_logins(base, [login])

    def _print_logins(self, base: str, logins: list[dict]) -> None:
        if not logins:
            self.stdout.write(f"Sign in at {base}/sign-in/ with your own account.")
            return
        self.stdout.write(f"Sign in at {base}/sign-in/ as:")
        width = max(len(login["label"]) for login in logins) + 2
        self.stdout.write(f"  {'role':<{width}}{'username':<28}password")
        for login in logins:
            self.stdout.write(
                f"  {login['label']:<{width}}{login['username']:<28}{login['password']}"
            )
        self._print_keys(logins)
        self.stdout.write(f"Administration: {base}/admin/ (as the administrator above).")

    def _print_keys(self, logins: list[dict]) -> None:
        """Every account signs in with two factors (issue 6): each demo login's
        authenticator app key, to type or paste into an app."""
        self.stdout.write(
            "Each sign-in then asks for a security code. Add these keys to an authenticator "
            "app (type the key, or open the otpauth link on a device with one), or run "
            "`disclose rundemo --codes` to see the codes now:"
        )
        for login in logins:
            if login.get("totp_secret"):
                self.stdout.write(f"  {login['username']:<28}key {login['totp_secret']}")
                self.stdout.write(f"  {'':<28}{login['otpauth_uri']}")
            else:
                self.stdout.write(
                    f"  {login['username']:<28}no key yet: set one up at the first sign-in"
                )

    def _print_codes(self, logins: list[dict]) -> None:
        if not logins:
            self.stdout.write("No demo logins: run `disclose rundemo` first.")
        for login in logins:
            if login.get("totp_secret"):
                code = twofactor.code_now(login["totp_secret"])
                self.stdout.write(f"  {login['username']:<28}{code}")
        self.stdout.write("Each code works once and changes every 30 seconds.")

    def _print_mail(self) -> None:
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            self.stdout.write(
                f"Emails are not sent: each is written to a file in {settings.EMAIL_FILE_PATH}."
            )
        else:
            self.stdout.write(
                f"Emails are sent by {settings.EMAIL_BACKEND} "
                f"(SMTP {settings.EMAIL_HOST}:{settings.EMAIL_PORT})."
            )
