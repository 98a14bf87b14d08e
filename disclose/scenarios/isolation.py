"""Running scenario files against throw-away databases, never the server's.

The command re-runs itself in a child process whose environment points
DATABASE_URL at a SQLite file in a new temporary folder (and the data folder,
documents and email there too: email goes to Django's in-memory outbox, never
to an SMTP server). The child migrates one template database, then gives each
file its own copy, so files cannot see each other's rows. The folder is
deleted afterwards.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

CHILD_ACTION = "_run-isolated"
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"


def isolated_environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'template.sqlite3'}",
        DISCLOSE_DATA_DIR=str(folder / "data"),
        DISCLOSE_DOCUMENTS_DIR=str(folder / "documents"),
        DISCLOSE_EMAIL_BACKEND=LOCMEM_EMAIL,
        DJANGO_SETTINGS_MODULE="disclose.settings",
        DISCLOSE_SCENARIO_SANDBOX=str(folder),
    )
    for name in (
        "DATABASE_URL_FILE",
        "DISCLOSE_DATA_DIR_FILE",
        "DISCLOSE_EMAIL_BACKEND_FILE",
        "DISCLOSE_DOCUMENTS_DIR_FILE",
    ):
        env.pop(name, None)  # a *_FILE setting would win over the value set here
    return env


def run_isolated(paths: list[str]) -> list[dict[str, Any]]:
    """Run each file in a child process on a fresh database; one result per file:
    {"file", "trail"} or {"file", "crash"} when the run itself broke."""
    with tempfile.TemporaryDirectory(prefix="disclose-scenario-") as tmp:
        folder = Path(tmp)
        out = folder / "results.json"
        command = [
            sys.executable,
            "-m",
            "disclose.cli",
            "scenario",
            CHILD_ACTION,
            "--results",
            str(out),
            *(str(Path(p).resolve()) for p in paths),  # the child runs in the temporary folder
        ]
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            command,
            env=isolated_environment(folder),
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"The scenario process failed:\n{done.stderr or done.stdout}")
        results = json.loads(out.read_text(encoding="utf-8"))
    for path, result in zip(paths, results, strict=True):
        result["file"] = path  # as the person named it
        if "trail" in result:
            result["trail"]["file"] = path
    return results


def run_in_child(paths: list[str], results: Path) -> None:
    """In the child: migrate once, then run each file on its own copy of the database."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    database = connections["default"]
    template = Path(settings.DATABASES["default"]["NAME"]).resolve()
    sandbox = Path(os.environ.get("DISCLOSE_SCENARIO_SANDBOX", "/nonexistent")).resolve()
    if database.vendor != "sqlite" or sandbox not in template.parents:
        # Only ever started by run_isolated; never let it near a real database.
        raise RuntimeError("Refusing to run scenarios outside a throw-away SQLite database.")
    call_command("migrate", verbosity=0, interactive=False)
    database.close()
    found = []
    for n, path in enumerate(paths, start=1):
        copy = template.with_name(f"scenario-{n}.sqlite3")
        _copy_database(template, copy)
        database.settings_dict["NAME"] = str(copy)
        found.append(_run_one(path))
        database.close()
    results.write_text(json.dumps(found, default=str), encoding="utf-8")


def _copy_database(source: Path, target: Path) -> None:
    # SQLite's backup API copies a consistent database, WAL pages included.
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _run_one(path: str) -> dict[str, Any]:
    from .parse import ScenarioInvalid, load_file
    from .runner import run_scenario

    try:
        return {"file": path, "trail": run_scenario(load_file(path))}
    except ScenarioInvalid as invalid:  # found only once run (request.logged_by)
        return {"file": path, "invalid": invalid.problems}
    except Exception:  # noqa: BLE001 - one broken run must not hide the other files' results
        return {"file": path, "crash": traceback.format_exc()}
