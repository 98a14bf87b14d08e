"""Requests, their parts and what happens to them (DESIGN.md, casework/)."""

from .disclosures import Disclosure, SuppliedInformation
from .files import FileMovement
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
    "Extent",
    "FileMovement",
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
