"""Reading a scenario file: YAML in, a checked Scenario out, or every problem at once.

Pure: no database. Each problem names the file, where in it, and what to fix:
"FILE: step 4: holding: unknown holding id 'H9'..." or
"FILE: records.teams[2].kind: ...". List positions count from 1, like steps.
"""

from pathlib import Path
from typing import Any

import yaml

from . import checks as c
from .expect import check_expect_block
from .records import parse_records
from .schema import (
    AGENCIES,
    CHANNELS,
    EXTENTS,
    REQUEST_KINDS,
    RequestorSpec,
    RequestSpec,
    Scenario,
    Step,
    SubjectSpec,
)
from .verbs import TEXT_FIELDS, VERBS, fields_for


class _SafeLoader(yaml.SafeLoader):
    """yaml's safe loader, except that dates stay text until checks.a_date reads them,
    so that 2016-13-01 is reported against its field rather than crashing the reader."""


_SafeLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

TOP_LEVEL = ("name", "description", "records", "request", "steps", "expect")


class ScenarioInvalid(ValueError):
    """A file that cannot be run. `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Problems:
    def __init__(self, filename: str):
        self.filename = filename
        self.lines: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.lines.append(f"{self.filename}: {where}: {problem}")

    def take(
        self,
        where: str,
        raw: dict,
        key: str,
        check: c.Check,
        ids: c.Ids,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        """Check raw[key]; on a problem, note it and return the default."""
        if key not in raw:
            if required:
                self.add(f"{where}{key}", "is missing")
            return default
        try:
            return check(raw[key], ids)
        except c.Bad as bad:
            self.add(f"{where}{key}", str(bad))
            return default

    def unknown_keys(self, where: str, raw: dict, allowed) -> None:
        for key in raw:
            if key not in allowed:
                self.add(f"{where}{key}", f"unknown field; use one of: {', '.join(allowed)}")


def load_file(path: str | Path) -> Scenario:
    """Read and check one file. Raises ScenarioInvalid naming every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioInvalid([f"{path}: cannot be read: {error.strerror}"]) from None
    except UnicodeDecodeError as error:
        raise ScenarioInvalid(
            [f"{path}: is not UTF-8 text (byte {error.start + 1}); save it as UTF-8"]
        ) from None
    return parse_text(text, str(path))


def parse_text(text: str, filename: str = "<scenario>") -> Scenario:
    problems = Problems(filename)
    try:
        raw = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "YAML"
        raise ScenarioInvalid([f"{filename}: {where}: not valid YAML ({error})"]) from None
    if not isinstance(raw, dict):
        raise ScenarioInvalid(
            [f"{filename}: the file must be a mapping with name, records, request and steps"]
        )
    problems.unknown_keys("", raw, TOP_LEVEL)
    name = problems.take(
        "", raw, "name", c.text, c.Ids(), required=True, default=Path(filename).stem
    )
    records, ids = parse_records(raw.get("records"), problems)
    request = _parse_request(raw.get("request"), problems, ids)
    ids = c.Ids(**{**ids.__dict__, "subjects": len(request.subjects) if request else 0})
    _check_logger(records, request, problems)
    steps = _parse_steps(raw.get("steps"), problems, ids)
    expect = raw.get("expect")
    if expect is not None:
        check_expect_block(expect, problems, ids, len(steps))
    if problems.lines:
        raise ScenarioInvalid(problems.lines)
    return Scenario(
        path=filename,
        name=name,
        records=records,
        request=request,
        steps=tuple(steps),
        expect=expect,
        description=str(raw.get("description") or ""),
    )


REQUESTOR_FIELDS = ("name", "agency", "email", "phone", "role", "address")
REQUEST_FIELDS = (
    "received",
    "logged_by",
    "channel",
    "requestor",
    "kind",
    "extent",
    "consent",
    "details",
    "subjects",
    "requestor_relationship",  # section 1: added to the contract (optional)
)
SUBJECT_FIELDS = ("forename", "surname", "dob")  # what the intake form takes


def _parse_request(raw: Any, problems: Problems, ids: c.Ids) -> RequestSpec | None:
    if not isinstance(raw, dict):
        problems.add("request", "is missing; say who asked, for what and about whom")
        return None
    problems.unknown_keys("request.", raw, REQUEST_FIELDS)
    take = problems.take
    requestor = None
    raw_requestor = raw.get("requestor")
    if not isinstance(raw_requestor, dict):
        problems.add("request.requestor", "is missing; give at least name and agency")
    else:
        problems.unknown_keys("request.requestor.", raw_requestor, REQUESTOR_FIELDS)
        at = "request.requestor."
        requestor = RequestorSpec(
            name=take(at, raw_requestor, "name", c.text, ids, required=True, default=""),
            agency=take(at, raw_requestor, "agency", c.enum(*AGENCIES), ids, True, "other"),
            **{
                k: take(at, raw_requestor, k, c.optional_text, ids, default="")
                for k in REQUESTOR_FIELDS[2:]
            },
        )
    kind = take("request.", raw, "kind", c.enum(*REQUEST_KINDS), ids, default="information")
    school = kind == "school_incident_notification"
    if school and requestor is not None and requestor.agency != "ofsted":
        problems.add(
            "request.kind",
            "a school_incident_notification comes only from Ofsted (paragraph 2.4); "
            "give requestor.agency: ofsted, or another kind",
        )
    return RequestSpec(
        received=take("request.", raw, "received", c.optional_date, ids),
        logged_by=take("request.", raw, "logged_by", c.optional_staff_ref, ids),
        channel=take("request.", raw, "channel", c.enum(*CHANNELS), ids, True, "email"),
        requestor=requestor,
        kind=kind,
        extent=take("request.", raw, "extent", c.enum(*EXTENTS), ids, default="specific"),
        consent=take("request.", raw, "consent", c.boolean, ids, required=True, default=False),
        details=take("request.", raw, "details", c.optional_text, ids, default=""),
        requestor_relationship=take(
            "request.", raw, "requestor_relationship", c.optional_text, ids, default=""
        ),
        # 2.4: a notification about an incident in a school may name no child.
        subjects=()
        if school and not raw.get("subjects")
        else _parse_subjects(raw.get("subjects"), problems, ids),
    )


def _check_logger(records, request: RequestSpec | None, problems: Problems) -> None:
    """Only the SCIMT, or a social worker (a request made to them directly about
    their open case: section 1), logs a request. Whether the case is theirs is
    for the service to say, at receipt."""
    named = records.staff_by_id(request.logged_by) if request and request.logged_by else None
    if named is not None and not {"scimt_officer", "social_worker"} & set(named.roles):
        problems.add(
            "request.logged_by",
            f"'{named.id}' may not log a request: only a scimt_officer, or the social_worker "
            "whose open case it is about",
        )


def _parse_subjects(raw: Any, problems: Problems, ids: c.Ids) -> tuple[SubjectSpec, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(
            "request.subjects", "is missing; list at least one person the request is about"
        )
        return ()
    subjects = []
    for n, item in enumerate(raw, start=1):
        at = f"request.subjects[{n}]."
        if not isinstance(item, dict):
            problems.add(at[:-1], "must be a mapping like {forename: ..., surname: ..., dob: ...}")
            continue
        problems.unknown_keys(at, item, SUBJECT_FIELDS)
        subjects.append(
            SubjectSpec(
                forename=problems.take(at, item, "forename", c.optional_text, ids, default=""),
                surname=problems.take(at, item, "surname", c.text, ids, required=True, default=""),
                dob=problems.take(at, item, "dob", c.optional_date, ids),
            )
        )
    return tuple(subjects)


def _parse_steps(raw: Any, problems: Problems, ids: c.Ids) -> list[Step]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add("steps", "must be a list of {as: staff id, do: verb, ...}")
        return []
    return [
        step
        for n, item in enumerate(raw, start=1)
        if (step := _parse_step(n, item, problems, ids)) is not None
    ]


def _parse_step(n: int, raw: Any, problems: Problems, ids: c.Ids) -> Step | None:
    at = f"step {n}: "
    if not isinstance(raw, dict):
        problems.add(f"step {n}", "must be a mapping like {as: scimt1, do: forward}")
        return None
    raw = _rejoin_commas(raw)
    actor = problems.take(at, raw, "as", c.staff_ref, ids, required=True)
    verb = raw.get("do")
    if "do" not in raw:
        problems.add(f"{at}do", "is missing; say which step this is, e.g. do: forward")
        return None
    if not isinstance(verb, str) or verb not in VERBS:  # a list or mapping is no verb either
        problems.add(f"{at}do", f"unknown verb '{verb}'; use one of: {', '.join(VERBS)}")
        return None
    spec = fields_for(verb)
    problems.unknown_keys(at, raw, ("as", "do", *spec))
    fields = {}
    for key, (check, required) in spec.items():
        if key in raw or required:
            fields[key] = problems.take(at, raw, key, check, ids, required=required)
    return Step(n=n, actor=actor, verb=verb, fields=fields)


def _rejoin_commas(raw: dict) -> dict:
    """Join `reason: Specific, proportionate request.` back into one value (see verbs.py)."""
    joined: dict = {}
    last_text = None
    for key, value in raw.items():
        if (
            value is None
            and last_text is not None
            and isinstance(key, str)
            and key not in VERBS_KEYS
        ):
            joined[last_text] = f"{joined[last_text]}, {key}"
            continue
        joined[key] = value
        last_text = key if key in TEXT_FIELDS and isinstance(value, str) else None
    return joined


VERBS_KEYS = frozenset(
    {"as", "do"} | {k for fields in VERBS.values() for k in fields} | {"subject"}
)
