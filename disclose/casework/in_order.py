"""A request's few rows of one kind, put in their model's order here rather
than by the database (issue 11).

To write an ORDER BY, Django compares each ordering term with every column
the query selects, working out a signature for each column
(SQLCompiler._order_by_pairs). For the request page's reads of a request's
parts, checks, files, messages and the like, each a handful of rows, that
was a sixth of the page's work: for the parts alone, 109 columns wide, some
1.5 ms a page.

`in_order(queryset)` asks the database for no order and sorts the rows in
Python by the same keys as the model's `Meta.ordering`, so what a page shows
is in the same order as before. Only for reads of one request's rows: a list
that is paged needs the database's order, to take the right page.

Missing values sort as PostgreSQL sorts them: after the rest, going up.
"""

from functools import cache
from operator import attrgetter

from django.db.models import QuerySet
from django.db.models.query import ModelIterable


def in_order(queryset: QuerySet, *ordering: str) -> QuerySet:
    """`queryset` without ORDER BY, its rows sorted as `ordering` says (by
    default the model's Meta.ordering): field names, "-" for going down."""
    model = queryset.model
    terms = tuple(ordering or model._meta.ordering)
    sorted_rows = queryset.order_by()
    sorted_rows._iterable_class = _sorting(model, terms)
    return sorted_rows


@cache
def _sorting(model, terms: tuple[str, ...]) -> type[ModelIterable]:
    """The iterable that sorts `model`'s rows by `terms`, made once each."""
    keys = [_key(model, term) for term in terms]

    class Sorted(ModelIterable):
        def __iter__(self):
            rows = list(super().__iter__())
            if self.queryset.query.order_by:
                return iter(rows)  # an order asked for later: the database's stands
            # Stable sorts, the last term first, give the order of all the terms.
            for get, descending in reversed(keys):
                rows.sort(key=lambda row: _missing_last(get(row)), reverse=descending)
            return iter(rows)

    Sorted.__name__ = f"{model.__name__}InOrder"
    return Sorted


def _key(model, term: str):
    """(how to read the value, going down?) for one ordering term, which must
    name a column of the model itself: a term this cannot sort by fails here,
    when the read is declared, not on a page."""
    descending = term.startswith("-")
    name = term.lstrip("-")
    if name == "pk":
        name = model._meta.pk.name
    field = model._meta.get_field(name)  # FieldDoesNotExist for a path or a typo
    if not field.concrete or field.many_to_many:
        raise ValueError(f"{model.__name__} cannot be put in order by {term!r} in Python.")
    return attrgetter(field.attname), descending


def _missing_last(value) -> tuple:
    # As PostgreSQL: NULLS LAST going up; going down, reverse=True puts them first.
    return (True, 0) if value is None else (False, value)
