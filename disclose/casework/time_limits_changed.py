"""Keeping the stored due dates (deadlines_stored.py) whole outside the steps.

- When the council's time limits change, every request's are written again
  by the background worker (`rewrite_due_dates`, booked when the change is
  committed): about two minutes at 100,000 requests, longer than a page may
  take. Until it has run, lists and reminders use the old limits; the
  request page always works its time limits out from the current ones.
- After `disclose migrate`, any request with none stored gets them: this fills
  the table once on an installation that had requests before it existed. It
  runs after every migration, with the code's own models, so it never has to
  copy the rule into a migration.
"""

from django.db import transaction
from django.db.models.signals import post_migrate, post_save, pre_save

from disclose.council.models import CouncilProfile

from . import deadlines_stored


def _remember(sender, instance: CouncilProfile, raw: bool = False, **kwargs) -> None:
    if raw:
        return  # a restore loads the stored due dates as they were
    before = CouncilProfile.objects.filter(pk=instance.pk).values_list("time_limits", flat=True)
    instance._limits_before = before.first()


def _rewrite(sender, instance: CouncilProfile, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    if created or instance.time_limits != getattr(instance, "_limits_before", None):
        from .tasks import rewrite_due_dates

        transaction.on_commit(rewrite_due_dates.enqueue)


def _fill_missing(sender, using: str = "default", **kwargs) -> None:
    from django.db import connections

    from .models import Deadline, Request

    if Deadline._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the table

    missing = Request.objects.filter(deadlines__isnull=True).values_list("pk", flat=True)
    deadlines_stored.store_all(only=list(missing))


def connect(app_config) -> None:
    post_migrate.connect(_fill_missing, sender=app_config, dispatch_uid="deadlines_fill")
    pre_save.connect(_remember, sender=CouncilProfile, dispatch_uid="deadlines_limits_before")
    post_save.connect(_rewrite, sender=CouncilProfile, dispatch_uid="deadlines_limits_after")
