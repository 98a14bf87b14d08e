"""The social care record that the procedure reads (see DESIGN.md, records/)."""

from .enrolment import EnrolmentCode
from .holdings import CaseNote, Holding
from .involvement import Contact, CPPlan, Episode, Involvement
from .people import Address, Identifier, Person, PersonName
from .search import SearchKey
from .signin import SignInFailure
from .staff import Role, Staff
from .teams import Locality, Team

__all__ = [
    "Address",
    "CPPlan",
    "CaseNote",
    "Contact",
    "EnrolmentCode",
    "Episode",
    "Holding",
    "Identifier",
    "Involvement",
    "Locality",
    "Person",
    "PersonName",
    "Role",
    "SearchKey",
    "SignInFailure",
    "Staff",
    "Team",
]
