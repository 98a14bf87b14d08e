"""The roles of the procedure are reference data every installation has."""

from .models import Role


def ensure_roles(using: str = "default") -> None:
    """Create any missing role. Safe to run any number of times."""
    Role.objects.using(using).bulk_create(
        [Role(code=code) for code in Role.Code.values], ignore_conflicts=True
    )
