"""`disclose serve`: the production server (issue 11, items 3 and 5).

Gunicorn, with several processes (one Python process uses one core, whatever
its threads), each serving one page at a time. A page still running after
--timeout seconds has its process stopped and replaced, so work abandoned by
its visitor does not starve everyone else; its SQL is stopped by PostgreSQL's
statement timeout (disclose/cli.py sets DISCLOSE_DB_STATEMENT_TIMEOUT for this
command). Run it behind a proxy that buffers slow clients (docs/deploy.md), and
run as many of these, on as many machines, as the one database allows: nothing
is kept in a process that another needs.
"""

import os

from django.core.management.base import BaseCommand
from django.db import connections


def _default_processes() -> int:
    return 2 * (os.cpu_count() or 1) + 1  # gunicorn's own advice


class Command(BaseCommand):
    help = "Serve Disclose with several processes (behind a proxy in production)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("DISCLOSE_BIND", "127.0.0.1:8000"),
            help="address:port to listen on (default 127.0.0.1:8000, or DISCLOSE_BIND)",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=int(os.environ.get("DISCLOSE_WEB_PROCESSES", 0)) or _default_processes(),
            help="server processes (default twice the cores plus one, or DISCLOSE_WEB_PROCESSES)",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("DISCLOSE_REQUEST_TIMEOUT", 30)),
            help="seconds a page may take before its process is replaced (default 30)",
        )

    def handle(self, *args, bind: str, processes: int, timeout: int, **options):
        from gunicorn.app.base import BaseApplication

        from disclose.web.warm import warm
        from disclose.wsgi import application

        warm()  # once here, not in each process on its first pages
        connections.close_all()  # nothing open is carried into the forked processes

        class Server(BaseApplication):
            def load_config(self):
                for key, value in {
                    "bind": [bind],
                    "workers": processes,
                    "worker_class": "sync",
                    "timeout": timeout,
                    "graceful_timeout": timeout,
                    "keepalive": 2,
                    # A process is replaced now and then, so a slow leak never grows.
                    "max_requests": 5000,
                    "max_requests_jitter": 500,
                    "accesslog": os.environ.get("DISCLOSE_ACCESS_LOG") or None,
                    "errorlog": "-",
                    # No control socket: several servers may run on one machine.
                    "control_socket_disable": True,
                }.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(f"Serving on http://{bind}/ with {processes} processes.")
        Server().run()
