"""Requests, their parts and what happens to them (DESIGN.md, casework/)."""

from .disclosures import Disclosure, SuppliedInformation
from .documents import Document
from .files import FileMovement
from .hard_copies import Dispatch, HardCopyItem, HardCopyList
from .messages import Message, MessageKind, StaffNotification
from .requests import (
    Agency,
    Channel,
    Extent,
    IdentityCheck,
    Kind,
    PartHolder,
    ReferenceCounter,
    Request,
    RequestSubject,
)
from .time_limits import ClockStop, Deadline, Extension, Reminder, Stage
from .worker import WorkerHeartbeat

__all__ = [
    "Agency",
    "Channel",
    "ClockStop",
    "Deadline",
    "Disclosure",
    "Dispatch",
    "Document",
    "Extension",
    "Extent",
    "FileMovement",
    "HardCopyItem",
    "HardCopyList",
    "IdentityCheck",
    "Kind",
    "Message",
    "PartHolder",
    "MessageKind",
    "ReferenceCounter",
    "Reminder",
    "Request",
    "RequestSubject",
    "Stage",
    "StaffNotification",
    "SuppliedInformation",
    "WorkerHeartbeat",
]
