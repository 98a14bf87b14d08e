"""`disclose audit ...`: verify the chain, checkpoint it, chain waiting events, report on a
person or a user, set up grants."""

from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from disclose.audit import checkpoints, grants, guard, reports, tables
from disclose.audit.log import verify
from disclose.audit.sequencer import chain_waiting


def _since(value: str) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Enter --since as a date like 2026-11-01, not '{value}'.") from None
    return timezone.make_aware(datetime.combine(day, time.min))


class Command(BaseCommand):
    help = (
        "Audit trail tools: `verify` proves the hash chain against the checkpoints; "
        "`checkpoint` writes a signed checkpoint of the chain head now; `chain` chains the "
        "events waiting for the worker; `person PERSON_ID` and `user USERNAME` report who saw "
        "what; `reviews` lists searches and views made for a review, to check; "
        "`grant-app-role ROLE` limits the web app's role."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("verify", help="Prove the chain is intact or name the first bad event.")
        actions.add_parser("checkpoint", help="Write a signed checkpoint of the chain head now.")
        actions.add_parser("chain", help="Chain the events waiting for the worker, now.")
        for name, target in [("person", "person_id"), ("user", "username")]:
            report = actions.add_parser(name, help=f"Audit events for one {name}.")
            report.add_argument(target)
            report.add_argument("--since", type=_since, help="Only events on or after this date.")
            report.add_argument("--csv", action="store_true", help="CSV instead of a table.")
        reviews = actions.add_parser(
            "reviews", help="Searches and views made for a review under a reason, to check."
        )
        reviews.add_argument("--since", type=_since, help="Only events on or after this date.")
        reviews.add_argument("--csv", action="store_true", help="CSV instead of a table.")
        grant = actions.add_parser("grant-app-role", help="SQL to limit the web app's role.")
        grant.add_argument("role")
        grant.add_argument("--apply", action="store_true", help="Run the SQL, not just print it.")
        grant.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "verify":
            return self.verify()
        if action == "checkpoint":
            return self.checkpoint()
        if action == "chain":
            chained = chain_waiting()
            return self.stdout.write(f"Chained {tables.plural(chained, 'waiting event')}.")
        if action == "person":
            return self.person(options)
        if action == "user":
            return self.user(options)
        if action == "reviews":
            return self.reviews(options)
        return self.grant(options)

    def verify(self) -> None:
        result = verify()
        missing = guard.missing_triggers(connections[DEFAULT_DB_ALIAS])
        if missing:
            self.stderr.write(
                "Warning: the append-only guard is off (" + ", ".join(sorted(missing)) + "). "
                "Run `disclose migrate` as the database owner to put it back."
            )
        if not result.ok:
            raise CommandError(
                f"Audit chain broken: {result.problem}. Keep the database and the checkpoints "
                "as they are and tell your information governance lead."
            )
        waiting = f" ({result.waiting} not yet chained)" if result.waiting else ""
        self.stdout.write(
            f"Audit chain verified: {result.events} events{waiting}, none altered or missing."
        )
        if result.latest is None:
            self.stderr.write(
                f"Warning: there are no checkpoints in {checkpoints.folder()}, so events cut "
                "off the end would not show. Run `disclose run-worker`, or "
                "`disclose audit checkpoint`."
            )
        else:
            self.stdout.write(
                f"It matches {tables.plural(result.checkpoints, 'checkpoint')}; the latest, "
                f"of {result.latest.when}, is at event {result.latest.seq}."
            )

    def checkpoint(self) -> None:
        point = checkpoints.write()
        self.stdout.write(
            f"Checkpoint written to {point.path}: the chain is at event {point.seq}, "
            f"hash {point.hash}."
        )

    def person(self, options) -> None:
        person = reports.find_person(options["person_id"])
        if person is None:
            raise CommandError(f"No person has the id {options['person_id']}. Check the id.")
        rows = reports.person_trail(person=person, since=options["since"])
        if options["csv"]:
            return tables.write_csv(self.stdout, rows)
        self.stdout.write(
            f"Audit trail for {person.person_id} {person.full_name}: {tables.plural(len(rows), 'event')}"
        )
        lines = [
            [tables.place(r), tables.when(r), tables.who(r), r.what, r.request_reference]
            for r in rows
        ]
        tables.write_table(self.stdout, ["Seq", "When", "Who", "What", "Request"], lines)

    def user(self, options) -> None:
        user = reports.find_user(options["username"])
        if user is None:
            raise CommandError(f"No member of staff has the username {options['username']}.")
        rows = reports.user_trail(user=user, since=options["since"])
        if options["csv"]:
            return tables.write_csv(self.stdout, rows)
        self.stdout.write(
            f"Audit trail for {user.display_name} ({user.username}): {tables.plural(len(rows), 'event')}"
        )
        lines = [
            [tables.place(r), tables.when(r), r.what, tables.person(r), r.request_reference]
            for r in rows
        ]
        tables.write_table(self.stdout, ["Seq", "When", "What", "Person", "Request"], lines)

    def reviews(self, options) -> None:
        rows = reports.reviews(since=options["since"])
        if options["csv"]:
            return tables.write_csv(self.stdout, rows)
        self.stdout.write(f"Made for a review, to check: {tables.plural(len(rows), 'event')}")
        lines = [
            [tables.place(r), tables.when(r), tables.who(r), r.what, tables.person(r)] for r in rows
        ]
        tables.write_table(self.stdout, ["Seq", "When", "Who", "What", "Person"], lines)

    def grant(self, options) -> None:
        connection = connections[options["database"]]
        try:
            if options["apply"]:
                statements = grants.apply(connection, options["role"])
            else:
                statements = grants.grant_statements(connection, options["role"])
        except grants.GrantError as error:
            raise CommandError(str(error)) from None
        for statement in statements:
            self.stdout.write(statement + ";")
        if options["apply"]:
            self.stderr.write(f"Applied {len(statements)} statements for {options['role']}.")
