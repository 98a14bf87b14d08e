"""The roles of the procedure, and what staff call each one.

The one list of roles: the state machine names them, and the records app's
Role table takes its choices from here.
"""

ROLES: dict[str, str] = {
    "scimt_officer": "SCIMT officer",
    "social_worker": "Social worker",
    "team_manager": "Team manager",
    "csm": "Children's service manager",
    "business_support": "Business support",
    "legal_services": "Legal Services",
    "support_to_schools_manager": "Group Manager, Support to Schools",
    "information_governance": "Information governance",
    "admin": "Administrator",
}
