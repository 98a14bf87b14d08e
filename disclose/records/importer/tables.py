"""What each file of an extract holds (spec/records-import.md), column by column.

Files are listed in the order they are checked and loaded: a file only refers
to ids defined by a file above it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import fields as f

# Kinds of id one file defines and another refers to.
PERSON, TEAM, PROFESSIONAL, STAFF, REFERRAL = "person", "team", "professional", "staff", "referral"


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = f.text
    required: bool = False
    max_length: int | None = None
    ref: str | None = None  # the kind of id this column must name
    defines: str | None = None  # the kind of id this column defines (besides the key)


# A check of a whole parsed row: returns (column, problem) pairs.
RowCheck = Callable[[dict], list[tuple[str, str]]]


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # identifies a row; two rows with the same key must agree
    defines: str | None = None  # the kind of id key[0] defines, if any
    checks: tuple[RowCheck, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def ends_after_start(start: str, end: str) -> RowCheck:
    def check(row: dict) -> list[tuple[str, str]]:
        if row.get(start) and row.get(end) and row[end] < row[start]:
            return [(end, f"the end date {row[end]} is before the start date {row[start]}")]
        return []

    return check


def one_of_names(forename: str, surname: str) -> RowCheck:
    def check(row: dict) -> list[tuple[str, str]]:
        if not row.get(forename) and not row.get(surname):
            return [(surname, "give a forename or a surname")]
        return []

    return check


def closed_team_inactive(row: dict) -> list[tuple[str, str]]:
    if row.get("closed_on") and row.get("active") is True:
        return [("active", "a team with a closed_on date cannot be active; set active to false")]
    return []


DEPARTMENT = FileSpec(
    "ssd_department.csv",
    (
        Column("dept_team_id", required=True, max_length=64),
        Column("dept_team_name", required=True, max_length=200),
        Column("dept_team_parent_id", max_length=64, ref=TEAM),
    ),
    key=("dept_team_id",),
    defines=TEAM,
)

PROFESSIONALS = FileSpec(
    "ssd_professionals.csv",
    (
        Column("prof_professional_id", required=True, max_length=64),
        Column("prof_staff_id", max_length=64, defines=STAFF),
        Column("prof_professional_name", max_length=300),
        Column("prof_professional_job_title", max_length=200),
        Column("prof_professional_department", max_length=64, ref=TEAM),
    ),
    key=("prof_professional_id",),
    defines=PROFESSIONAL,
)

TEAMS = FileSpec(
    "disclose_teams.csv",
    (
        Column("team_id", required=True, max_length=64, ref=TEAM),
        Column("kind", f.choice("social_work", "dcpt", "mash", "other"), required=True),
        Column("locality", max_length=100),
        Column("active", f.boolean),
        Column("closed_on", f.iso_date),
        Column("csm_staff_id", max_length=64, ref=STAFF),
        Column("team_manager_staff_id", max_length=64, ref=STAFF),
    ),
    key=("team_id",),
    checks=(closed_team_inactive,),
)

PERSONS = FileSpec(
    "ssd_person.csv",
    (
        Column("pers_person_id", required=True, max_length=64),
        Column("pers_forename", max_length=100),
        Column("pers_surname", max_length=100),
        Column("pers_dob", f.iso_date),
        Column("pers_sex", max_length=20),
        Column("pers_common_child_id", f.nhs_number),
        Column("pers_death_date", f.iso_date),
    ),
    key=("pers_person_id",),
    defines=PERSON,
    checks=(one_of_names("pers_forename", "pers_surname"),),
)

IDENTIFIERS = FileSpec(
    "ssd_linked_identifiers.csv",
    (
        Column("link_person_id", required=True, max_length=64, ref=PERSON),
        Column("link_identifier_type", required=True, max_length=40),
        Column("link_identifier_value", required=True, max_length=100),
    ),
    key=("link_person_id", "link_identifier_type", "link_identifier_value"),
)

ADDRESSES = FileSpec(
    "ssd_address.csv",
    (
        Column("addr_person_id", required=True, max_length=64, ref=PERSON),
        Column("addr_address_json", f.address),
        Column("addr_address_postcode", f.postcode, max_length=12),
        Column("addr_address_start_date", f.iso_date),
        Column("addr_address_end_date", f.iso_date),
    ),
    key=("addr_person_id", "addr_address_json", "addr_address_postcode", "addr_address_start_date"),
    checks=(ends_after_start("addr_address_start_date", "addr_address_end_date"),),
)

PERSON_NAMES = FileSpec(
    "disclose_person_names.csv",
    (
        Column("person_id", required=True, max_length=64, ref=PERSON),
        Column("forename", max_length=100),
        Column("surname", max_length=100),
        Column("name_type", f.choice("former", "alias", "known_as"), required=True),
    ),
    key=("person_id", "forename", "surname", "name_type"),
    checks=(one_of_names("forename", "surname"),),
)

EPISODES = FileSpec(
    "ssd_cin_episodes.csv",
    (
        Column("cine_referral_id", required=True, max_length=64),
        Column("cine_person_id", required=True, max_length=64, ref=PERSON),
        Column("cine_referral_date", f.iso_date, required=True),
        Column("cine_close_date", f.iso_date),
        Column("cine_close_reason", max_length=200),
        Column("cine_referral_team", max_length=64, ref=TEAM),
        Column("cine_referral_worker_id", max_length=64, ref=PROFESSIONAL),
    ),
    key=("cine_referral_id",),
    defines=REFERRAL,
    checks=(ends_after_start("cine_referral_date", "cine_close_date"),),
)

INVOLVEMENTS = FileSpec(
    "ssd_involvements.csv",
    (
        Column("invo_person_id", required=True, max_length=64, ref=PERSON),
        Column("invo_referral_id", max_length=64, ref=REFERRAL),
        Column("invo_professional_id", max_length=64, ref=PROFESSIONAL),
        Column("invo_professional_role_id", max_length=64),
        Column("invo_professional_team", max_length=64, ref=TEAM),
        Column("invo_involvement_start_date", f.iso_date),
        Column("invo_involvement_end_date", f.iso_date),
    ),
    key=(
        "invo_person_id",
        "invo_referral_id",
        "invo_professional_id",
        "invo_involvement_start_date",
    ),
    checks=(ends_after_start("invo_involvement_start_date", "invo_involvement_end_date"),),
)

CP_PLANS = FileSpec(
    "ssd_cp_plans.csv",
    (
        Column("cppl_person_id", required=True, max_length=64, ref=PERSON),
        Column("cppl_cp_plan_start_date", f.iso_date, required=True),
        Column("cppl_cp_plan_end_date", f.iso_date),
        Column("cppl_cp_plan_latest_category", max_length=100),
    ),
    key=("cppl_person_id", "cppl_cp_plan_start_date"),
    checks=(ends_after_start("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),),
)

CONTACTS = FileSpec(
    "ssd_contacts.csv",
    (
        Column("cont_contact_id", required=True, max_length=64),
        Column("cont_person_id", required=True, max_length=64, ref=PERSON),
        Column("cont_contact_date", f.iso_date, required=True),
        Column("cont_contact_outcome_json", f.contact_outcome),
    ),
    key=("cont_contact_id",),
)

HOLDINGS = FileSpec(
    "disclose_holdings.csv",
    (
        Column("holding_id", required=True, max_length=64),
        Column("person_id", required=True, max_length=64, ref=PERSON),
        Column("kind", f.choice("paper", "microfilm"), required=True),
        Column("location", max_length=200),
        Column("reference", max_length=100),
    ),
    key=("holding_id",),
)

ALL_FILES: tuple[FileSpec, ...] = (
    DEPARTMENT,
    PROFESSIONALS,
    TEAMS,
    PERSONS,
    IDENTIFIERS,
    ADDRESSES,
    PERSON_NAMES,
    EPISODES,
    INVOLVEMENTS,
    CP_PLANS,
    CONTACTS,
    HOLDINGS,
)
