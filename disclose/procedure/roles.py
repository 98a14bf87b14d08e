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

# A professional outside the council acting on a request they asked, signed in
# to the agency portal (issue 16). Not a staff role: no member of staff holds
# it; the steps declared for it (procedure/steps.py) are theirs to take.
REQUESTOR = "requestor"
