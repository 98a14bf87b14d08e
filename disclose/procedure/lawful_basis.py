"""Sharing without the individual's consent needs a recorded lawful basis.

Section 1 expects the professional to hold the consent of the individual
concerned. Where they do not, a CSM may still approve (for example to protect
a child), but only on a recorded basis: a UK GDPR Article 6 basis together
with an Article 9 / DPA 2018 Schedule 1 condition for special category data,
or a DPA 2018 Schedule 2 exemption relied on.
"""

from collections.abc import Mapping

from .states import Refusal

BASIS_FIELDS = ("article_6", "article_9", "schedule_2_exemption")
# The spec's plain form: one sentence naming the basis, as the CSM wrote it.
STATEMENT = "statement"


def check_lawful_basis(consent: bool, basis: Mapping[str, str] | None) -> Refusal | None:
    if consent:
        return None
    given = {k: str(v).strip() for k, v in (basis or {}).items() if v and str(v).strip()}
    if given.get("article_6") and given.get("article_9"):
        return None
    if given.get("schedule_2_exemption") or given.get(STATEMENT):
        return None
    return Refusal(
        code="lawful_basis_required",
        message=(
            "The requestor does not hold the individual's consent. Record the lawful basis: "
            "the UK GDPR Article 6 basis and the Article 9 or DPA 2018 Schedule 1 condition, "
            "or the DPA 2018 Schedule 2 exemption relied on."
        ),
        paragraph="1",
    )


def describe_lawful_basis(consent: bool, basis: Mapping[str, str] | None) -> str:
    """One line for the disclosure log: on what basis information was shared."""
    if consent:
        return "Consent of the individual, held by the requestor"
    basis = basis or {}
    if basis.get(STATEMENT) and not basis.get("article_6"):
        return str(basis[STATEMENT])
    if basis.get("schedule_2_exemption"):
        return f"DPA 2018 Schedule 2 exemption: {basis['schedule_2_exemption']}"
    return f"UK GDPR Article 6: {basis.get('article_6', '')}; Article 9 / Schedule 1: {basis.get('article_9', '')}"
