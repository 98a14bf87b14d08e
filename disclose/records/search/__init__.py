"""Person search: the officer's first step for every request.

By name and date of birth, tolerant of misspellings, nicknames, double-barrelled
surnames, other names, swapped day and month and one-digit date typos; exact by
NHS number or any other identifier. See query.py for the entry point.
"""

from .access import log_person_view, search_and_log
from .index import reindex_persons
from .query import Match, search_persons

__all__ = ["Match", "log_person_view", "reindex_persons", "search_and_log", "search_persons"]
