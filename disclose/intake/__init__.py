"""Email intake (issue 14, item 2): requests that arrive by email become
drafts for the SCIMT officer to confirm.

A message comes from the SCIMT mailbox (mailbox.py, polled by the worker) or
from a file (`disclose intake-email FILE`): an .eml, or an Outlook .msg. It is
checked (checks.py), read (parse.py, extract.py) and kept as a DraftRequest
with its original and its attachments. Nothing is logged as a request until a
person confirms the draft (confirm.py), through casework.services.receive_request.
"""
