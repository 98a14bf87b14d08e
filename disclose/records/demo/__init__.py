"""The synthetic demo council: an SSD-shaped extract generator and the demo loader."""

from .extract import generate_extract

__all__ = ["generate_extract"]
