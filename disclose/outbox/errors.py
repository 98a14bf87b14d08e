class Permanent(Exception):  # noqa: N818 - reads as "a permanent failure"
    """A failure that trying again cannot mend (a damaged file, an address the
    mail server refuses for good): the item fails at once."""
