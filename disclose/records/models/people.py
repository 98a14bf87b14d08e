from django.db import models


class Person(models.Model):
    """A person in the social care record (SSD `ssd_person`)."""

    person_id = models.CharField("person id", max_length=64, unique=True)
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    dob = models.DateField("date of birth", null=True, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    nhs_number = models.CharField("NHS number", max_length=20, blank=True, db_index=True)
    death_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["surname", "forename"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}".strip()


class PersonName(models.Model):
    """Another name a person is or was known by (`disclose_person_names.csv`)."""

    class NameType(models.TextChoices):
        FORMER = "former", "Former name"
        ALIAS = "alias", "Alias"
        KNOWN_AS = "known_as", "Known as"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    name_type = models.CharField(max_length=20, choices=NameType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "forename", "surname", "name_type"], name="unique_other_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.forename} {self.surname} ({self.get_name_type_display()})"


class Identifier(models.Model):
    """Other identifiers: NHS number, UPN, former case numbers."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=40)
    value = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "value"], name="unique_identifier")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "address", "postcode", "start_date"], name="unique_address"
            )
        ]

    def __str__(self) -> str:
        return f"Address of person {self.person_id}"
