"""Importing a council's records extract (spec/records-import.md).

Reading and checking each file (tables, reader, validate) comes first; loading
(load_org, load_people, load_cases) runs only when every row is good.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import ImportReport, import_extract

__all__ = ["ImportReport", "import_extract"]


def __getattr__(name: str):
    # Loaded on first use, so that the file layouts (tables, fields) can be
    # used without Django, e.g. by the demo generator.
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
