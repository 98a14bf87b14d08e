"""What a page has already read with a request (prefetch_related): the rules
use those rows rather than ask the database again (issue 11)."""


def prefetched(row, name: str):
    """The rows of relation `name` if they were read with `row`, else None."""
    return getattr(row, "_prefetched_objects_cache", {}).get(name)
