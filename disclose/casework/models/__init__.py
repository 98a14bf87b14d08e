"""Requests, their parts and what happens to them (DESIGN.md, casework/)."""

from .disclosures import Disclosure, SuppliedInformation
from .documents import Document
from .files import FileMovement
from .hard_copies import Dispatch, HardCopyItem, HardCopyList
from .messages import Message, MessageKind, SendStatus, StaffNotification
from .requests import (
    Agency,
    Channel,
    Extent,
    IdentityCheck,
    Kind,
    ReferenceCounter,
    Request,
    RequestSubject,
)

__all__ = [
    "Agency",
    "Channel",
    "Disclosure",
    "Dispatch",
    "Document",
    "Extent",
    "FileMovement",
    "HardCopyItem",
    "HardCopyList",
    "IdentityCheck",
    "Kind",
    "Message",
    "MessageKind",
    "ReferenceCounter",
    "Request",
    "RequestSubject",
    "SendStatus",
    "StaffNotification",
    "SuppliedInformation",
]
