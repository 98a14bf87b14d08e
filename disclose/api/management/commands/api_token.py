"""`disclose api-token issue|revoke|list`: machine clients' tokens (issue 16)."""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclose.api.models import ApiToken
from disclose.api.scopes import SCOPES
from disclose.api.tokens import TokenProblem, issue_token, revoke_token


def _expires(value: str) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Enter --expires as a date like 2027-06-30, not '{value}'.") from None
    return timezone.make_aware(datetime.combine(day, time.max.replace(microsecond=0)))


class Command(BaseCommand):
    help = (
        "Tokens for machine clients of the API: `issue --name NAME --scope SCOPE ... "
        "--expires DATE` prints the token once; `revoke PREFIX` stops it working; `list` "
        f"shows them all. Scopes: {', '.join(SCOPES)}."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="Issue a token and print it, once.")
        issue.add_argument("--name", required=True, help="Who uses it, e.g. 'Police portal'.")
        issue.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=sorted(SCOPES),
            dest="scopes",
            help="What it may do; give --scope again for more than one.",
        )
        issue.add_argument("--expires", required=True, type=_expires, help="The last day it works.")
        issue.add_argument("--per-minute", type=int, default=120, help="Calls a minute allowed.")
        revoke = actions.add_parser("revoke", help="Stop a token working, now.")
        revoke.add_argument("prefix", help="The token's prefix, as `list` shows it.")
        actions.add_parser("list", help="Every token, with what it may do and until when.")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "issue":
            try:
                token, secret = issue_token(
                    name=options["name"],
                    scopes=options["scopes"],
                    expires_at=options["expires"],
                    per_minute=options["per_minute"],
                )
            except TokenProblem as problem:
                raise CommandError(str(problem)) from None
            self.stdout.write(secret)
            self.stderr.write(
                f"Issued '{token.name}' ({', '.join(token.scopes)}), until "
                f"{timezone.localtime(token.expires_at):%d %B %Y}. Copy the token now: it is "
                "not shown again."
            )
            return None
        if action == "revoke":
            token = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError(f"No token has the prefix '{options['prefix']}'.")
            revoke_token(token)
            return self.stdout.write(f"Revoked '{token.name}'. It no longer works.")
        for token in ApiToken.objects.order_by("name"):
            self.stdout.write(
                f"{token.prefix}  {token.status:8}  {timezone.localtime(token.expires_at):%Y-%m-%d}"
                f"  {token.name}  ({', '.join(token.scopes)})"
            )
        return None
