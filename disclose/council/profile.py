"""Loading and showing the council profile as YAML.

Another council changes data, not code (DESIGN.md, council/): every key is
checked before anything is saved, so a file with one mistake changes nothing.
Keys a file leaves out keep their current values.
"""

import re
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction

from .defaults import DEFAULT_PROFILE
from .models import CouncilProfile

TIME_LIMIT_STAGES = tuple(DEFAULT_PROFILE["time_limits"])
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class ProfileError(ValueError):
    """A profile file that cannot be loaded. `problems` says what to fix, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def profile_fields() -> dict[str, models.Field]:
    """The profile's keys, in the order they are shown, and their model fields."""
    return {
        f.name: f for f in CouncilProfile._meta.concrete_fields if f.name != "id" and f.editable
    }


def _check_text(key: str, field: models.Field, value: Any) -> tuple[Any, str]:
    if not isinstance(value, str):
        return None, f"{key}: must be text, in quotes if it looks like a number"
    value = value.strip()
    if not value and not field.blank:
        return None, f"{key}: must not be empty"
    if field.max_length and len(value) > field.max_length:
        return None, f"{key}: must be {field.max_length} characters or fewer"
    if value and isinstance(field, models.EmailField):
        try:
            validate_email(value)
        except ValidationError:
            return None, f"{key}: '{value}' is not an email address, like name@example.gov.uk"
    return value, ""


def _check_whole_number(key: str, value: Any) -> tuple[Any, str]:
    # bool is an int in Python; "yes" is not a number of days.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None, f"{key}: must be a whole number, 0 or more"
    return value, ""


def _check_time_limits(value: Any, current: dict) -> tuple[Any, str]:
    if not isinstance(value, dict):
        return None, "time_limits: must be a list of stages and working days, like 'supply: 20'"
    merged = dict(current)
    for stage, days in value.items():
        if stage not in TIME_LIMIT_STAGES:
            known = ", ".join(TIME_LIMIT_STAGES)
            return None, f"time_limits.{stage}: is not a known stage (known: {known})"
        days, problem = _check_whole_number(f"time_limits.{stage}", days)
        if problem:
            return None, problem
        merged[stage] = days
    return merged, ""


def _check_domains(value: Any) -> tuple[Any, str]:
    if not isinstance(value, list):
        return None, "trusted_email_domains: must be a list of domains, like [police.uk, nhs.net]"
    domains = []
    for item in value:
        domain = item.strip().lower().lstrip("@") if isinstance(item, str) else ""
        if not _DOMAIN.match(domain):
            return None, f"trusted_email_domains: '{item}' is not a domain, like police.uk"
        domains.append(domain)
    return domains, ""


def check_value(key: str, value: Any, current: Any = None) -> tuple[Any, str]:
    """Return (clean value, "") or (None, a sentence naming the key and what to fix)."""
    fields = profile_fields()
    if key not in fields:
        return None, f"{key}: is not a profile key (see `disclose show-profile` for the keys)"
    if key == "time_limits":
        return _check_time_limits(value, current or {})
    if key == "trusted_email_domains":
        return _check_domains(value)
    field = fields[key]
    if isinstance(field, models.PositiveSmallIntegerField):
        return _check_whole_number(key, value)
    return _check_text(key, field, value)


def parse_profile_file(path: Path) -> dict:
    """The mapping in a YAML file, or ProfileError saying why it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError([f"Cannot read {path}: {exc.strerror}"]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ProfileError([f"{path} is not valid YAML{where}: check the indentation"]) from exc
    if not isinstance(data, dict) or not data:
        raise ProfileError([f"{path} must contain profile keys, like 'scimt_phone: 01234 567890'"])
    return data


def load_profile(data: dict, *, actor=None, source: str = "") -> list[str]:
    """Check every key, then save all of them or none. Returns the keys that changed.

    Writes one audit event (council_profile_changed) when anything changed.
    """
    from disclose.audit.log import record

    with transaction.atomic():
        profile = CouncilProfile.current()
        clean, problems = {}, []
        for key, value in data.items():
            value, problem = check_value(str(key), value, getattr(profile, str(key), None))
            if problem:
                problems.append(problem)
            else:
                clean[key] = value
        if problems:
            raise ProfileError(problems)
        changed = [k for k, v in clean.items() if getattr(profile, k) != v]
        if not changed:
            return []
        for key in changed:
            setattr(profile, key, clean[key])
        profile.save(update_fields=changed)
        record(
            event_type="council_profile_changed",
            actor=actor,
            detail={"changed": changed, "source": source},
        )
    return changed


def profile_as_dict(profile: CouncilProfile | None = None) -> dict:
    profile = profile or CouncilProfile.current()
    return {key: getattr(profile, key) for key in profile_fields()}


def profile_as_yaml(profile: CouncilProfile | None = None) -> str:
    """The profile as YAML that `load-profile` reads back unchanged."""
    return yaml.safe_dump(
        profile_as_dict(profile), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
