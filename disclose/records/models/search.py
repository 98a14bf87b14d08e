from django.db import models

from .people import Person


class SearchKey(models.Model):
    """A blocking key for person search (records/search/keys.py): a phonetic
    code, a forename form, a date of birth or an identifier, alone or combined,
    stored as a 64-bit hash of its kind and text.

    Finding candidates is then a few lookups on the key index rather than a
    scan of every person. Rebuilt by search.index.reindex_persons.
    """

    # No constraint in the database: keys are derived, rebuilt from the persons,
    # and on PostgreSQL checking ten million keys one by one at commit would
    # double an import. Django still deletes a person's keys with the person.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    key = models.BigIntegerField()

    class Meta:
        # person is in the index so a lookup never has to read the table itself,
        # and the persons under one key come out in order (deterministic caps).
        indexes = [models.Index(fields=["key", "person"], name="searchkey_code_lookup")]

    def __str__(self) -> str:
        return f"{self.key}"
