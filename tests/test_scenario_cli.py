"""`disclose scenario run` end to end, as a person runs it: a separate process,
a throw-away database, and exit codes 0, 1 and 2 (shared/spec/scenarios.md)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from subprocesses import SUBPROCESS_SECONDS

ROOT = Path(__file__).resolve().parent.parent
DISCLOSE = Path(sys.executable).parent / "disclose"
EXAMPLE = ROOT / "tests" / "scenarios" / "closed-paper-team-gone.yaml"
SERVER_TABLES = ("records_person", "records_staff", "casework_request", "audit_auditevent")


def disclose(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(DISCLOSE), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=SUBPROCESS_SECONDS,
        check=False,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> dict:
    """A server's own database, migrated and holding a request already."""
    folder = tmp_path_factory.mktemp("server")
    env = {
        "DATABASE_URL": f"sqlite:///{folder / 'server.sqlite3'}",
        "DISCLOSE_DATA_DIR": str(folder),
    }
    assert disclose("migrate", "--verbosity", "0", env=env).returncode == 0
    return {"env": env, "path": folder / "server.sqlite3"}


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in SERVER_TABLES}  # noqa: S608


def test_the_spec_example_prints_a_trail_routed_to_the_dcpt_csm_and_leaves_the_server_db_alone(
    server,
):
    before = row_counts(server["path"])
    done = disclose("scenario", "run", "--json", str(EXAMPLE), env=server["env"])
    assert done.returncode == 0, done.stderr
    trail = json.loads(done.stdout)
    assert trail["scenario"] == "closed case, team gone, paper records"
    assert trail["subjects"][0]["route"] == "closed_paper:dcpt_csm"
    assert trail["subjects"][0]["assignee"] == "csm_d"
    assert trail["request"] == {"reference": "AR-2026-000001", "state": "closed", "assignee": None}
    assert [s["ok"] for s in trail["steps"]] == [True] * 12
    assert trail["holdings"] == [{"id": "H1", "status": "in_storage"}]
    assert trail["audit"]["chain_verified"] is True
    # Nothing was written to the server's database.
    assert row_counts(server["path"]) == before == dict.fromkeys(SERVER_TABLES, 0)


def test_a_failed_expectation_exits_1_and_says_which(tmp_path, server):
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "assigned_after_forward: csm_d", "assigned_after_forward: csm_t1"
        ),
        encoding="utf-8",
    )
    done = disclose("scenario", "run", "--json", str(EXAMPLE), str(wrong), env=server["env"])
    assert done.returncode == 1
    assert f"{wrong}: expect.assigned_after_forward: subject 1 has 'csm_d', expected 'csm_t1'" in (
        done.stderr
    )
    trails = json.loads(done.stdout)  # several files: a JSON array, one trail each
    assert [t["expectations"]["failures"] == [] for t in trails] == [True, False]
    # Each file had its own fresh database: both requests are the first of the year.
    assert [t["request"]["reference"] for t in trails] == ["AR-2026-000001"] * 2


def test_an_invalid_file_exits_2_naming_file_step_and_field_and_runs_nothing(tmp_path, server):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "holding: H1}\n  - {as: bs1, do: retrieve", "holding: H2}\n  - {as: bs1, do: retrieve"
        ),
        encoding="utf-8",
    )
    done = disclose("scenario", "run", str(EXAMPLE), str(bad), env=server["env"])
    assert done.returncode == 2
    assert f"{bad}: step 8: holding: unknown holding id 'H2'" in done.stderr
    assert done.stdout == ""  # nothing was run, not even the valid file


def test_the_summary_without_json_reads_as_steps_and_outcomes(server):
    done = disclose("scenario", "run", str(EXAMPLE), env=server["env"])
    assert done.returncode == 0
    assert "subject 1 (P1): closed_paper:dcpt_csm [2.1.3] to csm_d" in done.stdout
    assert "expectations: all held" in done.stdout


def test_the_internal_runner_refuses_to_run_on_a_database_outside_its_sandbox(tmp_path, server):
    before = row_counts(server["path"])
    done = disclose(
        "scenario",
        "_run-isolated",
        "--results",
        str(tmp_path / "out.json"),
        str(EXAMPLE),
        env=server["env"],
    )
    assert done.returncode != 0
    assert "Refusing to run scenarios outside a throw-away SQLite database" in done.stderr
    assert row_counts(server["path"]) == before


DIRECT = ROOT / "tests" / "scenarios" / "direct-request-to-allocated-worker.yaml"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # A team manager may not log a request at all: found before anything runs.
        (("logged_by: sw1", "logged_by: tm1"), "'tm1' may not log a request"),
        # A social worker, about a case not allocated to them: refused at receipt.
        (("worker: sw1}", "worker: null}"), "not_your_open_case"),
    ],
)
def test_a_request_logged_by_someone_who_may_not_exits_2_naming_logged_by(
    tmp_path, server, change, says
):
    """Contract, December 2026: anyone but the SCIMT, or the allocated worker of
    the open case, is refused at receipt; the run exits 2 naming the field."""
    bad = tmp_path / "logged.yaml"
    bad.write_text(DIRECT.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    done = disclose("scenario", "run", "--json", str(bad), env=server["env"])
    assert done.returncode == 2, done.stderr
    assert f"{bad}: request.logged_by: " in done.stderr and says in done.stderr
    assert done.stdout == ""
