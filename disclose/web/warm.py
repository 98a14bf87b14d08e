"""What every server process would otherwise do on its first pages, done once
in the parent process before it starts them (issue 11).

Gunicorn starts its processes by forking the parent, and starts a new one each
time it replaces one (max_requests). Without this, each new process imported
every view on its first page (1.2 s), and compiled the request page's
templates and built the working-day calendar on its first request page
(240 ms against 65). Forked
processes share what the parent has built. Nothing here touches the database,
whose connections must not be shared across a fork.

Last, everything loaded so far is moved out of the garbage collector's sight
(gc.freeze): it lives as long as the process, yet each full collection walked
all of it, pausing a page for 120-140 ms every couple of hundred pages; now
8 ms. It also keeps the processes from copying the parent's memory when the
collector would have touched it.
"""

import gc
from pathlib import Path

from django.apps import apps
from django.template import engines
from django.urls import get_resolver

from disclose.procedure import working_days


def warm() -> int:
    """Import every view, build the calendar, compile Disclose's own templates,
    then freeze what is loaded. Gives how many templates it compiled."""
    get_resolver().url_patterns  # noqa: B018 - imports the URL modules and every view
    working_days.add_working_days(working_days.EARLIEST_RECEIVED, 1)  # the calendar, cached
    engine = engines["django"]
    compiled = 0
    for folder in _template_folders(engine.engine.dirs):
        for path in sorted(folder.rglob("*.html")):
            engine.get_template(path.relative_to(folder).as_posix())
            compiled += 1
    gc.freeze()
    return compiled


def _template_folders(dirs) -> list[Path]:
    """The folders settings.TEMPLATES names, and Disclose's own apps' (not
    Django's admin's, which are compiled only as far as ours extend them)."""
    folders = [Path(folder) for folder in dirs if Path(folder).is_dir()]
    for app in apps.get_app_configs():
        folder = Path(app.path) / "templates"
        if app.name.startswith("disclose.") and folder.is_dir():
            folders.append(folder)
    return folders
