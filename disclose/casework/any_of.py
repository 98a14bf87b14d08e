"""`field__any_of=ids`: the field's value is one of a list of ids, sent to the
database as one parameter (issue 11).

Django's `__in` sends one parameter per id and prepares each in Python: for
the dashboard's two thousand visible requests, counted four ways, that alone
took 17 ms a page. Here the list is one value: a PostgreSQL array
(`= ANY(%s)`), or on SQLite a JSON array read by json_each. An empty list
matches nothing, as `__in=[]` does.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db import models


@models.BigAutoField.register_lookup
@models.ForeignKey.register_lookup
class AnyOf(models.Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        # lhs is the column Django compiled; the ids go only in the parameter.
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]
        in_json = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 - see above
        return in_json, [*lhs_params, json.dumps(self.rhs)]
