"""Django's ModelBackend, with the signed-in person read by SQL written once
per process (disclose.prepared): every signed-in page reads them (issue 11).
Sign-in itself is flow.py's; this backend is named in each session."""

from django.contrib.auth.backends import ModelBackend

from disclose.prepared import Prepared
from disclose.records.models import Staff


def _staff(pk: int):
    return Staff.objects.filter(pk=pk)


STAFF = Prepared(_staff)


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        found = STAFF.rows(pk=user_id)
        if found and self.user_can_authenticate(found[0]):
            return found[0]
        return None
