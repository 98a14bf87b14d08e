"""With no profile loaded, Disclose uses the values the procedure itself gives."""

import pytest

from disclose.council.models import CouncilProfile

pytestmark = pytest.mark.django_db


def test_the_default_profile_is_the_procedures():
    profile = CouncilProfile.current()
    assert profile.council_name == "Nottinghamshire County Council"
    assert profile.scimt_phone == "01623 433177"
    assert profile.scimt_email == "safeguardcimt@nottscc.gov.uk"
    assert profile.subject_access_email == "Accessto.Records@nottscc.gov.uk"
    assert profile.records_system_name == "Framework"
    assert profile.police_protocol_annex == "Annex C"
    assert profile.microfilm_holder == "Solutions4Data at County Hall"


def test_the_default_profile_has_every_time_limit_and_trusted_domain():
    profile = CouncilProfile.current()
    assert profile.time_limits["supply"] == 20
    assert set(profile.time_limits) == {
        "acknowledge",
        "basic_facts",
        "csm_decision",
        "supply",
        "hard_copies",
    }
    assert "police.uk" in profile.trusted_email_domains


def test_there_is_only_ever_one_profile():
    assert CouncilProfile.current().pk == CouncilProfile.current().pk
    assert CouncilProfile.objects.count() == 1
