"""Loading what happened to each person: episodes (with where they were last
allocated), involvements, child protection plans, contacts, and holdings."""

from disclose.records.models import Contact, CPPlan, Episode, Holding, Involvement

from .derive import allocations, episode_allocation
from .load_org import Organisation
from .load_people import load_child_table
from .spool import Spool
from .tables import CONTACTS, CP_PLANS, EPISODES, HOLDINGS, INVOLVEMENTS
from .upsert import TableCount, upsert

EPISODE_FIELDS = (
    "person_id",
    "start",
    "end",
    "close_reason",
    "referral_team_id",
    "team_id",
    "worker_id",
)


def load_cases(
    extract: Spool,
    org: Organisation,
    person_pk: dict[str, int],
    scope: set[int],
    counts: dict[str, TableCount],
    progress=None,
) -> None:
    if extract.has(EPISODES):
        counts["episodes"] = _load_episodes(extract, org, person_pk, progress)
    episode_pk = dict(Episode.objects.values_list("referral_id", "pk").iterator(chunk_size=5000))
    _load_involvements(extract, org, person_pk, episode_pk, scope, counts, progress)
    plans = load_child_table(
        extract,
        CP_PLANS,
        CPPlan,
        ("person_id", "start"),
        ("end", "category"),
        lambda r: {
            "person_id": person_pk[r["cppl_person_id"]],
            "start": r["cppl_cp_plan_start_date"],
            "end": r.get("cppl_cp_plan_end_date"),
            "category": r.get("cppl_cp_plan_latest_category", ""),
        },
        scope,
        progress,
    )
    if plans is not None:
        counts["child protection plans"] = plans.count()
    if extract.has(CONTACTS):
        counts["contacts"] = _load_contacts(extract, person_pk, progress)
    if extract.has(HOLDINGS):
        counts["holdings"] = _load_holdings(extract, person_pk, progress)


def _load_episodes(extract, org: Organisation, person_pk, progress) -> TableCount:
    found = allocations(extract, org.worker_team)

    def rows():
        for r in extract.rows(EPISODES, progress):
            team, worker = episode_allocation(r, found)
            yield {
                "referral_id": r["cine_referral_id"],
                "person_id": person_pk[r["cine_person_id"]],
                "start": r["cine_referral_date"],
                "end": r.get("cine_close_date"),
                "close_reason": r.get("cine_close_reason", ""),
                "referral_team_id": org.team_pk.get(r.get("cine_referral_team")),
                "team_id": org.team_pk.get(team),
                "worker_id": org.staff_pk.get(worker),
            }

    return upsert(Episode, rows(), key=("referral_id",), fields=EPISODE_FIELDS).count()


def _load_involvements(extract, org, person_pk, episode_pk, scope, counts, progress) -> None:
    outcome = load_child_table(
        extract,
        INVOLVEMENTS,
        Involvement,
        ("person_id", "episode_id", "worker_id", "start"),
        ("role", "team_id", "end"),
        lambda r: {
            "person_id": person_pk[r["invo_person_id"]],
            "episode_id": episode_pk.get(r.get("invo_referral_id")),
            "worker_id": org.staff_pk.get(r.get("invo_professional_id")),
            "start": r.get("invo_involvement_start_date"),
            "role": r.get("invo_professional_role_id", ""),
            "team_id": org.team_pk.get(r.get("invo_professional_team")),
            "end": r.get("invo_involvement_end_date"),
        },
        scope,
        progress,
    )
    if outcome is not None:
        counts["involvements"] = outcome.count()


def _load_contacts(extract, person_pk, progress) -> TableCount:
    rows = (
        {
            "contact_id": r["cont_contact_id"],
            "person_id": person_pk[r["cont_person_id"]],
            "date": r["cont_contact_date"],
            "outcome": r.get("cont_contact_outcome_json", ""),
        }
        for r in extract.rows(CONTACTS, progress)
    )
    return upsert(
        Contact, rows, key=("contact_id",), fields=("person_id", "date", "outcome")
    ).count()


def _load_holdings(extract, person_pk, progress) -> TableCount:
    # `status` is not in the extract: casework's file movements keep it.
    rows = (
        {
            "holding_id": r["holding_id"],
            "person_id": person_pk[r["person_id"]],
            "kind": r["kind"],
            "location": r.get("location", ""),
            "reference": r.get("reference", ""),
        }
        for r in extract.rows(HOLDINGS, progress)
    )
    fields = ("person_id", "kind", "location", "reference")
    return upsert(Holding, rows, key=("holding_id",), fields=fields).count()
