"""The synthetic demo council: an SSD-shaped extract generator and the demo loader.

`generate_extract` needs no database; `load_demo_council` (in .council) loads
the extract through the real import.
"""

from .extract import generate_extract

__all__ = ["generate_extract"]
