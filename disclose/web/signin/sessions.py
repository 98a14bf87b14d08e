"""Sessions kept in the database as Django keeps them, read with SQL written
once per process (disclose.prepared): every signed-in page reads its session
(issue 11). SESSION_ENGINE names this module."""

from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from disclose.prepared import Prepared


def _unexpired(key: str, now: datetime):
    return Session.objects.filter(session_key=key, expire_date__gt=now)


UNEXPIRED = Prepared(_unexpired)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        found = UNEXPIRED.rows(key=self.session_key, now=timezone.now())
        if found:
            return found[0]
        self._session_key = None  # as Django's: none, or expired
        return None
