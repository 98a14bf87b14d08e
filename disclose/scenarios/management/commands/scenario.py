"""`disclose scenario run FILE.yaml [FILE.yaml ...] [--json]` (shared/spec/scenarios.md).

Exit 0: every file ran and every expectation held. 1: an expectation failed (or
a run broke). 2: a file is invalid; nothing was run. Runs never touch the
server's database: see scenarios/isolation.py.
"""

import argparse
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from disclose.scenarios.expect import failures
from disclose.scenarios.isolation import CHILD_ACTION, run_in_child, run_isolated
from disclose.scenarios.parse import ScenarioInvalid, load_file
from disclose.scenarios.report import summary


class Command(BaseCommand):
    help = "Run scenario files through the service layer on a throw-away database."
    requires_system_checks = []  # checking a file must not need the server's database

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["run", CHILD_ACTION], metavar="run")
        parser.add_argument("files", nargs="+", metavar="FILE.yaml")
        parser.add_argument("--json", action="store_true", help="print the trail as JSON")
        parser.add_argument("--results", help=argparse.SUPPRESS)  # the child's output file

    def handle(self, *args, **options):
        if options["action"] == CHILD_ACTION:
            run_in_child(options["files"], Path(options["results"]))
            return
        sys.exit(self.run_files(options["files"], as_json=options["json"]))

    def run_files(self, paths: list[str], *, as_json: bool) -> int:
        scenarios, problems = {}, []
        for path in paths:
            try:
                scenarios[path] = load_file(path)
            except ScenarioInvalid as invalid:
                problems += invalid.problems
        if problems:
            self.stderr.write("\n".join(problems))
            self.stderr.write(
                f"{len(problems)} problem(s): fix them and run again. Nothing was run."
            )
            return 2
        results = run_isolated(paths)
        status, trails, refused = 0, [], 0
        for result in results:
            if "invalid" in result:
                self.stderr.write("\n".join(result["invalid"]))
                status, refused = 2, refused + 1
                continue
            if "crash" in result:
                self.stderr.write(f"{result['file']}: the run broke:\n{result['crash']}")
                status = max(status, 1)
                continue
            trail = result["trail"]
            found = failures(scenarios[result["file"]].expect, trail)
            trail["expectations"] = {
                "checked": scenarios[result["file"]].expect is not None,
                "failures": found,
            }
            trails.append(trail)
            if found:
                status = max(status, 1)
                self.stderr.write("\n".join(f"{result['file']}: {f}" for f in found))
            if not as_json:
                self.stdout.write(summary(trail, found) + "\n")
        if as_json and (trails or not refused):  # a file refused at receipt: nothing ran
            self.stdout.write(
                json.dumps(
                    trails[0] if len(paths) == 1 and trails else trails,
                    indent=2,
                    ensure_ascii=False,
                )
            )
        return status
