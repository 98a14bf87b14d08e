"""What each route is called on screens, in case notes and in the timeline.

The codes (`closed_paper:dcpt_csm`) are the procedure's own, kept in the data
and the scenario files; people read these words instead. Every route that
routing.py and triage.py can give is named here, once.
"""

ROUTES: dict[str, str] = {
    "not_known": "Not known to children's social care",
    "open:allocated_worker": "Open case: to the allocated social worker",
    "open:unallocated": "Open case with no worker: to the team manager",
    "closed_electronic:last_team_csm": "Closed case, electronic record: to the last team's CSM",
    "closed_electronic:dcpt_csm": "Closed case, electronic record: to the DCPT's CSM",
    "closed_paper:last_team_csm": "Closed case, paper files: to the last team's CSM",
    "closed_paper:dcpt_csm": "Closed case, paper files: to the DCPT's CSM",
    "closed_mash_only:mash_csm": "MASH enquiry only: to the MASH CSM",
    "ofsted:contact_mash": "Ofsted: asked to contact the MASH",
    "ofsted:worker_details": "Ofsted: given the social worker's details",
    "redirect:subject_access": "Sent on: a subject access request",
    "redirect:adoption_records": "Sent on: own adoption records",
    "redirect:view_records": "Sent on: a request to view records",
    "redirect:support_to_schools": "Sent on: to Support to Schools",
    "advise:view_records": "Advised to view the records instead",
}


def route_words(route: str) -> str:
    """The plain words for a route; a route not named here reads as 'Other'
    rather than showing its code."""
    if not route:
        return ""
    return ROUTES.get(route, "Other route")
