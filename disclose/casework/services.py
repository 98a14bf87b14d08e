"""The only place a request changes: one function per verb of the procedure
(spec/scenarios.md, the verbs table). The web pages, the API and the scenario
runner call these and nothing else that changes a request.

Every function takes keyword arguments only, starting with `actor` (the
member of staff taking the step) and `request`. Each runs in one transaction:
it locks the request, asks `disclose.procedure` whether this person may take
this step now, applies it, writes the case notes and exactly one audit event,
and queues emails to go after commit. A step that is not allowed raises
`StepRefused(code, message)` and changes nothing.

Part-level steps take an optional `subject` (1-based). Without it the step
applies to every part of the request the actor may take it on now, and is
refused if there is none.

Hard copies (2.2, issue 4) are in steps/hard_copies.py and steps/dispatch.py;
documents (upload and download, not steps of the procedure) in steps/documents.py.
"""

from .errors import StepRefused
from .steps.clock import extend, restart_clock, stop_clock
from .steps.decisions import allocate, decide
from .steps.dispatch import dispatch_hard_copies
from .steps.documents import DocumentNotFound, download_document, upload_document
from .steps.files import request_microfilm, request_paper_files, retrieve_files, return_files
from .steps.forwarding import forward, pass_to_csm
from .steps.hard_copies import request_hard_copies
from .steps.hard_copy_decisions import decide_hard_copies, reassign_hard_copy_approval
from .steps.hard_copy_items import attach_hard_copy_file, confirm_third_party
from .steps.intake import (
    match_subject,
    receive_request,
    share_basic_information,
    triage,
    verify_identity,
)
from .steps.supply import close, supply_information

VERBS = {
    "triage": triage,
    "verify_identity": verify_identity,
    "match_subject": match_subject,
    "share_basic_information": share_basic_information,
    "forward": forward,
    "pass_to_csm": pass_to_csm,
    "decide": decide,
    "allocate": allocate,
    "request_microfilm": request_microfilm,
    "request_paper_files": request_paper_files,
    "retrieve_files": retrieve_files,
    "return_files": return_files,
    "supply_information": supply_information,
    "close": close,
    "request_hard_copies": request_hard_copies,
    "decide_hard_copies": decide_hard_copies,
    "reassign_hard_copy_approval": reassign_hard_copy_approval,
    "confirm_third_party": confirm_third_party,
    "attach_hard_copy_file": attach_hard_copy_file,
    "dispatch_hard_copies": dispatch_hard_copies,
    # Time limits (issue 7).
    "stop_clock": stop_clock,
    "restart_clock": restart_clock,
    "extend": extend,
}

__all__ = [
    "VERBS",
    "DocumentNotFound",
    "StepRefused",
    "allocate",
    "attach_hard_copy_file",
    "close",
    "confirm_third_party",
    "decide",
    "decide_hard_copies",
    "dispatch_hard_copies",
    "download_document",
    "extend",
    "forward",
    "match_subject",
    "pass_to_csm",
    "reassign_hard_copy_approval",
    "receive_request",
    "request_hard_copies",
    "request_microfilm",
    "request_paper_files",
    "restart_clock",
    "retrieve_files",
    "return_files",
    "share_basic_information",
    "stop_clock",
    "supply_information",
    "triage",
    "upload_document",
    "verify_identity",
]
