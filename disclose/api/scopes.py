"""What a machine client's token may do (issue 16). An administrator gives each
token the scopes it needs and no more; staff signed in need none, their roles
decide."""

SCOPES: dict[str, str] = {
    "log_requests": "Log new requests, as the SCIMT would (section 1)",
    "read_requests": "Read the requests this token logged: parts, messages, documents' "
    "details and time limits",
    "read_disclosure_log": "Read the disclosure log",
    "import_records": "Import a records extract",
    "audit_verify": "Check that the audit trail is intact",
}
SCOPE_CHOICES = tuple(SCOPES.items())
