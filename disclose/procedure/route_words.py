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
    "ofsted:team_details": "Ofsted: given the team's details",
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


# What happens next, told to the requestor with the basic facts (section 1), in
# the same words as the message their route sends at forward (2.1, 2.3).
_NEXT = {
    "not_known": "",
    "open:allocated_worker": "We will pass your request to the social worker dealing with "
    "the case, and send you their contact details.",
    "open:unallocated": "We will pass your request to the manager of the team holding the "
    "case, who will ask a social worker to deal with it.",
    "closed_electronic:last_team_csm": "We will pass your request to a children's service "
    "manager, who will decide whether to share more. We will tell you their decision.",
    "ofsted:worker_details": "We will send you the social worker's contact details.",
    "ofsted:team_details": "We will send you the contact details of the team holding the case.",
    "ofsted:contact_mash": "To ask for information to be disclosed, contact the MASH. We will "
    "send you their contact details.",
}


def next_step_words(route: str | None, agency: str = "") -> str:
    """The sentence that says what happens next on this route. A route not yet
    known (its holder is missing) gets the general promise."""
    if route is None:
        if agency == "ofsted":
            return "We will contact you again about this person."
        return (
            "We will pass your request to the right person to deal with it. They will contact you."
        )
    family = route.split(":", 1)[0]
    if family.startswith("closed_"):
        return _NEXT["closed_electronic:last_team_csm"]
    return _NEXT.get(route, "")
