"""Reads whose SQL Django writes once per process, not on every page (issue 11).

Building a query with the ORM and writing its SQL took about two fifths of
My work's time: seven queries, each filtered, joined and ordered anew on
every page, though only the signed-in person's id changes from one page to
the next. A `Prepared` read is declared once, as a function from named
values to a queryset. The first time it runs in a process:

- the function is called twice, with two sets of stand-in values, and Django
  writes the SQL of each;
- the two must be the same text, with the stand-ins only among its
  parameters, each where a value was given (as the database is sent it: a
  date as text on SQLite, say). Anything else (a value unused or written into the SQL,
  changed by a lookup, or changing what the SQL says) is refused there, with
  an error that names the read: the tests run every read, so it fails there
  first.

Each later call puts its own values where the stand-ins were and runs that
SQL, reading the rows as the queryset would: dicts for values(), tuples or
single values for values_list(), model objects with their select_related.

What a read's function may take:

- values: int, str, date or datetime, put in the SQL's parameters;
- shape: None or a bool, which may change the SQL (a clause only for a team
  manager, say): each shape is prepared once, so there are few.

The function must depend only on those arguments, never on other state (the
date, a setting, a row read): the SQL kept for its shape is used for every
later call. Reads with prefetch_related are refused: Django writes each
prefetch's SQL itself.
"""

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
)

VALUE_TYPES = (int, str, date, datetime)
READABLE = (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable)


class NotPreparable(Exception):
    """A read whose SQL cannot be written once for all its values."""


class Prepared:
    """A read, `build(**values)` then each of `then` in turn on the queryset,
    whose SQL is written once per process for each shape."""

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *then: Callable[[QuerySet], QuerySet],
        name: str = "",
    ):
        self.build = build
        self.then = then
        self.name = name or getattr(build, "__qualname__", repr(build))
        self._compiled: dict[tuple, _Compiled] = {}

    def queryset(self, **arguments) -> QuerySet:
        """The read as an ordinary queryset, its SQL written as usual."""
        rows = self.build(**arguments)
        for step in self.then:
            rows = step(rows)
        return rows

    def rows(self, **arguments) -> list:
        """The rows the queryset would give for these arguments."""
        values, shape = {}, []
        for name, given in arguments.items():
            if isinstance(given, VALUE_TYPES) and not isinstance(given, bool):
                values[name] = given
            elif given is None or isinstance(given, bool):
                shape.append((name, given))
            else:
                raise NotPreparable(
                    f"{self.name}: {name} is a {type(given).__name__}; give an int, str,"
                    " date or datetime to put in the SQL, or None or a bool for its shape"
                )
        key = (tuple(sorted((name, type(v)) for name, v in values.items())), tuple(sorted(shape)))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(values, dict(shape))
        return compiled.run(values)

    def _compile(self, values: dict, shape: dict) -> "_Compiled":
        stand_ins = [_stand_ins(values, which) for which in (0, 1)]
        built = [self.queryset(**found, **shape) for found in stand_ins]
        rows = built[0]
        if rows._prefetch_related_lookups:
            raise NotPreparable(f"{self.name}: a read with prefetch_related cannot be prepared")
        if not issubclass(rows._iterable_class, READABLE):
            raise NotPreparable(f"{self.name}: rows read as {rows._iterable_class.__name__}")
        compilers = [qs.query.get_compiler(using=qs.db) for qs in built]
        (sql, params), (other_sql, other_params) = (c.as_sql() for c in compilers)
        if sql != other_sql or len(params) != len(other_params):
            raise NotPreparable(f"{self.name}: its SQL depends on its values")
        ops = connections[rows.db].ops
        slots = [
            _slot(self.name, ops, stand_ins, first, second)
            for first, second in zip(params, other_params, strict=True)
        ]
        found = {slot[0] for slot in slots if isinstance(slot, tuple)}
        for name in values:
            written = [str(s[name]) for s in stand_ins]
            if name not in found or any(text in sql for text in written):
                raise NotPreparable(f"{self.name}: {name} is not among the SQL's parameters")
        return _Compiled(rows, compilers[0], sql, slots)


# How Django may send a value of each type to the database: for finding a
# stand-in among the parameters and sending a real value the same way.
def _adapters(ops, value) -> list[Callable[[Any], Any]]:
    if isinstance(value, datetime):
        return [_as_given, ops.adapt_datetimefield_value, str]
    if isinstance(value, date):
        return [_as_given, ops.adapt_datefield_value, str]
    return [_as_given]


def _as_given(value):
    return value


def _slot(name: str, ops, stand_ins: list[dict], first, second):
    """A parameter: a constant (the same in both SQLs), or (value's name,
    how to send it) where a stand-in was."""
    if first == second:  # a stand-in differs from one set to the other
        return _Constant(first)
    for value_name, stand_in in stand_ins[0].items():
        for adapt in _adapters(ops, stand_in):
            sent = [adapt(s[value_name]) for s in stand_ins]
            if sent == [first, second] and type(sent[0]) is type(first):
                return (value_name, adapt)
    raise NotPreparable(f"{name}: a parameter is made from a value, not the value itself")


@dataclass(frozen=True)
class _Constant:
    value: Any


def _stand_ins(values: dict, which: int) -> dict:
    """Values no real row has, different in each set, of the same types."""
    made = {}
    for n, (name, given) in enumerate(sorted(values.items())):
        number = 1_900_000_000 + 1_000 * which + n
        if isinstance(given, int):
            made[name] = number
        elif isinstance(given, str):
            made[name] = f"\x1fprepared-{which}-{n}\x1f"
        elif isinstance(given, datetime):
            made[name] = datetime(1000 + 100 * which + n, 1, 2, 3, 4, 5, tzinfo=UTC)
        else:
            made[name] = date(1000 + 100 * which + n, 1, 2)
    return made


class _Compiled:
    """A read's SQL for one shape, and what its rows are read with."""

    def __init__(self, rows: QuerySet, compiler, sql: str, slots: list):
        self.rows = rows
        self.alias = rows.db
        self.compiler = compiler
        self.sql = sql
        self.slots = slots

    def run(self, values: dict) -> list:
        params = tuple(
            slot.value if isinstance(slot, _Constant) else slot[1](values[slot[0]])
            for slot in self.slots
        )
        # A compiler of this thread's connection that writes nothing: it
        # answers with the SQL kept and these values' parameters.
        compiler = copy(self.compiler)
        compiler.connection = connections[self.alias]
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        return list(self.rows._iterable_class(_Rows(self.rows, compiler)))


class _Query:
    """The kept query, as the queryset's rows read it, with the compiler above."""

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class _Rows:
    """What Django's row iterables read of a queryset."""

    def __init__(self, rows: QuerySet, compiler):
        self.query = _Query(rows.query, compiler)
        self.db = rows.db
        self.model = rows.model
        self._known_related_objects = {}


class PreparedRelation:
    """One object's rows of a reverse relation (a request's subjects, say),
    read prepared by the object's id and put where prefetch_related puts
    them; their own prefetch_related lookups then run as usual.

    `rows` is what prefetch_related's Prefetch(relation, queryset=rows)
    would be given. Meant for one object at a time: a page's."""

    def __init__(self, model: type[Model], relation: str, rows: QuerySet):
        link = model._meta.get_field(relation).field  # the related model's foreign key
        self.relation = relation
        self.lookups = rows._prefetch_related_lookups
        own = rows.prefetch_related(None)
        self.read = Prepared(
            lambda of: own.filter(**{link.name: of}), name=f"{model.__name__}.{relation}"
        )

    def read_into(self, instance: Model) -> None:
        rows = self.read.rows(of=instance.pk)
        manager = getattr(instance, self.relation)
        for row in rows:
            manager.field.set_cached_value(row, instance)  # row.request, read already
        if self.lookups:
            prefetch_related_objects(rows, *self.lookups)
        # As prefetch_related leaves it: the relation's queryset, already read.
        # Its filter is Django's deferred one, applied only if something asks
        # more of it than its rows.
        queryset = manager.get_queryset()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        if not hasattr(instance, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache = {}
        instance._prefetched_objects_cache[manager.field.remote_field.cache_name] = queryset
