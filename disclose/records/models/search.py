from django.db import models

from .people import Person


class SearchKey(models.Model):
    """A blocking key for person search (records/search/): a phonetic code, a
    forename form, a date of birth or an identifier, alone or combined.

    Finding candidates is then a few lookups on the (kind, key) index rather
    than a scan of every person. Rebuilt by search.index.reindex_persons.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=2)
    key = models.CharField(max_length=120)

    class Meta:
        # person is in the index so a lookup never has to read the table itself.
        indexes = [models.Index(fields=["kind", "key", "person"], name="searchkey_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
