"""`disclose run-worker`: the background worker for reminders (issue 7), the
audit sequencer (issue 11) and the outbox (everything that leaves Disclose,
disclose/outbox/).

It books the reminders job and an outbox delivery run to go now, unless one
is already waiting (the delivery run picks up anything a worker that died
left half-sent), then
runs django-tasks' database worker (`db_worker`), which takes jobs from the
database as they fall due. Run as many as you like, on any machine that
reaches the database. `make run` (`disclose rundemo`) starts one beside the
server.

Beside the job queue, a thread chains new audit events every few seconds and
writes the daily checkpoint (disclose/audit/sequencer.py); with --batch it
does that once, after the jobs. Another writes the worker's heartbeat, which
/health/ reads (casework/heartbeat.py).
"""

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand

from disclose.audit import checkpoints, sequencer
from disclose.casework import heartbeat
from disclose.casework.tasks import schedule_reminders
from disclose.intake.tasks import schedule_polling
from disclose.outbox.tasks import schedule_delivery


class Command(BaseCommand):
    help = (
        "Run the background worker: the outbox (emails and record-system entries), "
        "reminders, escalation and the daily digest; chaining new audit events and "
        "the daily audit checkpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run the jobs due now, then stop")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between looks for new jobs"
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        if schedule_reminders():
            self.stdout.write("Reminders booked to run now.")
        schedule_delivery()
        if schedule_polling():
            self.stdout.write("The SCIMT mailbox will be polled now.")
        stop = threading.Event()
        if not batch:
            sequencer.run_in_background(stop)
            heartbeat.run_in_background(stop)
        try:
            self._run_jobs(batch, interval, options)
        finally:
            stop.set()
        if batch:  # the jobs' own events too
            sequencer.chain_waiting()
            checkpoints.write_if_due()

    def _run_jobs(self, batch: bool, interval: float, options: dict) -> None:
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=options.get("verbosity", 1),
        )
