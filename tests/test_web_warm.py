"""The server's parent process does each process's first-page work once,
before it starts them (web/warm.py, issue 11): without touching the database,
whose connections must not cross a fork."""

import gc

from django.template import engines

from disclose.procedure import working_days
from disclose.web.warm import warm


def test_warm_compiles_every_template_of_ours_and_builds_the_calendar():
    """No django_db mark: any query here fails the test."""
    working_days._calendar.cache_clear()
    gc.unfreeze()
    try:
        compiled = warm()
        # What is loaded is out of the collector's sight (a full collection was 130 ms).
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
    assert compiled >= 50  # every page's template, and the parts they include
    assert working_days._calendar.cache_info().currsize == 1
    # The request page's template is compiled and held by the cached loader.
    loader = engines["django"].engine.template_loaders[0]
    cached = loader.get_template_cache.values()  # also holds names looked for and not found
    held = {template.origin.template_name for template in cached if hasattr(template, "origin")}
    assert {"web/requests/request.html", "web/dashboard/dashboard.html"} <= held
