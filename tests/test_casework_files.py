"""Paper files and microfilm: asked for, retrieved, returned (2.1.3.3, 2.1.3.5)."""

import pytest
from casework_factories import (
    add_holding,
    approved,
    assert_refused,
    build_office,
    make_staff,
)

from disclose.casework import services
from disclose.casework.models import FileMovement, StaffNotification
from disclose.records.models import Holding


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def paper_case(office):
    """A closed paper case of a team that is gone, allocated to a DCPT worker."""
    person = office.closed_case(office.t0, paper=True)
    request = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=request, worker=office.sw_d)
    services.verify_identity(  # 2.1.3.2 before the files are asked for (2.1.3.3)
        actor=office.sw_d, request=request, method="call_back", outcome="verified"
    )
    return request, person.holdings.get()


def test_paper_files_go_from_storage_to_the_worker_and_back(office, paper_case):
    request, holding = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    assert Holding.objects.get(pk=holding.pk).status == "requested"
    assert StaffNotification.objects.filter(staff=office.bs, kind="files_requested").exists()
    services.retrieve_files(actor=office.bs, request=request, holding=holding)
    assert Holding.objects.get(pk=holding.pk).status == "retrieved"
    assert StaffNotification.objects.filter(staff=office.sw_d, kind="files_retrieved").exists()
    services.return_files(actor=office.bs, request=request, holding=holding)
    assert Holding.objects.get(pk=holding.pk).status == "in_storage"
    kinds = list(FileMovement.objects.order_by("id").values_list("kind", "by__username"))
    assert kinds == [("requested", "sw_d"), ("retrieved", "bs1"), ("returned", "bs1")]


def test_microfilm_is_asked_for_with_its_own_step(office, paper_case):
    request, paper = paper_case
    film = add_holding(paper.person, "microfilm")
    assert_refused(
        "wrong_holding_kind",
        services.request_paper_files,
        actor=office.sw_d,
        request=request,
        holding=film,
    )
    services.request_microfilm(actor=office.sw_d, request=request, holding=film)
    assert Holding.objects.get(pk=film.pk).status == "requested"


def test_files_of_another_person_cannot_be_asked_for(office, paper_case):
    request, _ = paper_case
    stranger = office.closed_case(paper=True).holdings.get()
    assert_refused(
        "holding_not_for_subject",
        services.request_paper_files,
        actor=office.sw_d,
        request=request,
        holding=stranger,
    )


def test_files_already_out_cannot_be_asked_for_again(office, paper_case):
    request, holding = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    assert_refused(
        "holding_not_in_storage",
        services.request_paper_files,
        actor=office.sw_d,
        request=request,
        holding=holding,
    )


def test_business_support_cannot_retrieve_files_nobody_asked_for(office, paper_case):
    request, holding = paper_case
    assert_refused(
        "holding_not_requested",
        services.retrieve_files,
        actor=office.bs,
        request=request,
        holding=holding,
    )


def test_files_in_storage_cannot_be_returned(office, paper_case):
    request, holding = paper_case
    assert_refused(
        "holding_not_out", services.return_files, actor=office.bs, request=request, holding=holding
    )


def test_only_business_support_retrieves_files(office, paper_case):
    request, holding = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    assert_refused(
        "not_permitted_for_role",
        services.retrieve_files,
        actor=office.sw_d,
        request=request,
        holding=holding,
    )


def test_business_support_in_the_workers_team_is_told_first(office, paper_case):
    request, holding = paper_case
    local = make_staff("bs_d", "business_support", team=office.dcpt)
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    told = set(
        StaffNotification.objects.filter(kind="files_requested").values_list("staff", flat=True)
    )
    assert told == {local.pk}
