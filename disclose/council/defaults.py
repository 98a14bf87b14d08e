"""The profile the procedure itself describes (Nottinghamshire County Council's
'Other agency requests for information from children's social care records').

Where the procedure names a contact, its value is used as written. Where it
only points elsewhere ("see appendix 1"), the default says whom to ask, and an
administrator fills in the details for their council.
"""

DEFAULT_PROFILE: dict = {
    "council_name": "Nottinghamshire County Council",
    "records_system_name": "Framework",
    "police_protocol_annex": "Annex C",
    "scimt_name": "Safeguarding Children Information Management Team (SCIMT)",
    "scimt_phone": "01623 433177",
    "scimt_email": "safeguardcimt@nottscc.gov.uk",
    "complaints_team_name": "Complaints and Information Team",
    "subject_access_email": "Accessto.Records@nottscc.gov.uk",
    "customer_service_centre": "the Customer Service Centre",
    "adoption_records_manager": "the Adoption Records Manager",
    "adoption_records_email": "",
    "adoption_records_phone": "",
    "legal_services_name": "Legal Services",
    "legal_services_email": "",
    "legal_services_phone": "",
    "support_to_schools_name": "the Group Manager, Support to Schools Service",
    "support_to_schools_email": "",
    "mash_name": "the Multi-Agency Safeguarding Hub (MASH)",
    "mash_phone": "",
    "mash_email": "",
    "view_records_procedure": "Other Agency Requests to View Records",
    "microfilm_holder": "Solutions4Data at County Hall",
    # What the requestor reads when a CSM declines and writes no message of
    # their own (2.1.2.1). The CSM's reason is internal: it is never sent.
    "decline_message": (
        "We share information only where it is necessary and proportionate for the "
        "purpose you gave. Having considered your request, we will not share this information."
    ),
    "time_limits": {
        "acknowledge": 2,
        "basic_facts": 5,
        "csm_decision": 10,
        "supply": 20,
        "hard_copies": 10,
    },
    "trusted_email_domains": [
        "police.uk",
        "cafcass.gov.uk",
        "nhs.net",
        "ofsted.gov.uk",
        "justice.gov.uk",
        "gov.uk",
    ],
    "retention_years": 6,
}
