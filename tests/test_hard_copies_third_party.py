"""Third-party information is confirmed by the agency it came from before it is
sent (2.2, NB); the rest goes without waiting for it."""

from datetime import date

import pytest
from casework_factories import build_office, make_staff
from hard_copy_factories import approved_copies, assert_refused, listed, statuses

from disclose.casework import services
from disclose.casework.models import Dispatch, HardCopyItem
from disclose.records.models import CaseNote

POLICE_REPORT = "Police report"


@pytest.fixture
def office(db):
    return build_office()


def confirm(office, request, confirmed=True, actor=None, **fields):
    fields.setdefault("who", "DS Kim Lowe, Public Protection Unit")
    fields.setdefault("how", "email")
    services.confirm_third_party(
        actor=actor or office.bs, request=request, item=POLICE_REPORT, confirmed=confirmed, **fields
    )


def test_unconfirmed_third_party_items_are_withheld_while_the_others_go(office):
    request = approved_copies(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert statuses(request) == {
        "Child protection plan": "dispatched",
        "Core assessment": "dispatched",
        POLICE_REPORT: "withheld",
    }
    dispatch = Dispatch.objects.get()
    assert dispatch.item_titles() == ["Child protection plan", "Core assessment"]
    assert dispatch.withheld == [POLICE_REPORT]
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "Withheld until the agency it came from confirms: Police report" in note.text


def test_a_withheld_item_goes_once_the_agency_confirms(office):
    request = approved_copies(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert_refused(
        "third_party_not_confirmed",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )
    confirm(office, request, on=date(2026, 11, 20))
    item = HardCopyItem.objects.get(title=POLICE_REPORT)
    assert item.confirmed and item.confirmed_by_name.startswith("DS Kim Lowe")
    assert item.confirmed_how == "email" and item.confirmed_on == date(2026, 11, 20)
    assert item.confirmation_recorded_by == office.bs
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert set(statuses(request).values()) == {"dispatched"}
    assert Dispatch.objects.order_by("id").last().item_titles() == [POLICE_REPORT]


def test_sending_only_unconfirmed_third_party_items_is_refused(office):
    request = approved_copies(
        office, items=[{"title": POLICE_REPORT, "third_party": True, "source": "Notts Police"}]
    )
    refused = assert_refused(
        "third_party_not_confirmed",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="cryptshare",
        transfer_reference="CS-1",
    )
    assert POLICE_REPORT in refused.message


def test_an_item_the_agency_declines_is_never_sent(office):
    request = approved_copies(office)
    confirm(office, request, confirmed=False, how="phone")
    assert statuses(request)[POLICE_REPORT] == "third_party_declined"
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert statuses(request)[POLICE_REPORT] == "third_party_declined"
    assert Dispatch.objects.get().withheld == []


def test_confirmation_can_come_before_the_csm_decides(office):
    request = listed(office)
    confirm(office, request, actor=office.sw_t1)
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="Fine."
    )
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert set(statuses(request).values()) == {"dispatched"}


def test_confirmation_refuses_an_unknown_way_of_answering(office):
    request = approved_copies(office)
    assert_refused(
        "confirmation_details_required",
        services.confirm_third_party,
        actor=office.bs,
        request=request,
        item=POLICE_REPORT,
        confirmed=True,
        who="DS Lowe",
        how="carrier pigeon",
    )


def test_a_confirmation_given_only_as_the_spec_table_names_the_source_agency(office):
    # scenarios.md lists only `item` and `confirmed` for confirm_third_party.
    request = approved_copies(office)
    services.confirm_third_party(
        actor=office.bs, request=request, item=POLICE_REPORT, confirmed=True
    )
    item = HardCopyItem.objects.get(request=request, title=POLICE_REPORT)
    assert item.confirmed and item.confirmed_by_name == item.source
    assert item.confirmed_how == ""


def test_only_third_party_items_on_the_list_can_be_confirmed(office):
    request = approved_copies(office)
    kwargs = {"actor": office.bs, "request": request, "confirmed": True, "who": "X", "how": "email"}
    assert_refused(
        "not_third_party", services.confirm_third_party, item="Core assessment", **kwargs
    )
    assert_refused("no_such_item", services.confirm_third_party, item="Diary", **kwargs)


def test_a_social_worker_confirms_only_on_their_own_case(office):
    request = approved_copies(office)
    other = make_staff("sw_other", "social_worker", team=office.t1)
    assert_refused(
        "not_assigned_to_you",
        services.confirm_third_party,
        actor=other,
        request=request,
        item=POLICE_REPORT,
        confirmed=True,
        who="DS Lowe",
        how="email",
    )
