"""The /requests/ list's search and filters. Sent by POST, like the person
search, so no name or email ever lands in a URL, a browser history or a log."""

from django import forms
from django.db.models import Q

from disclose.casework.request_search import SORTS, Criteria
from disclose.procedure import states
from disclose.procedure.route_words import ROUTES
from disclose.records.models import Staff, Team

from .forms_reports import DateRangeForm
from .views.requests_words import REQUEST_STATES

SORT_WORDS = {
    "newest": "Received, newest first",
    "oldest": "Received, oldest first",
    "reference": "Reference",
    "requestor": "Requestor's name",
}
if set(SORT_WORDS) != set(SORTS):  # a sort added in the selector needs its words here
    raise ImportError(f"Sorts without words: {sorted(set(SORTS) ^ set(SORT_WORDS))}")


class RequestListForm(DateRangeForm):
    """Search words, filters, order and page; every one optional."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["text"] = forms.CharField(
            label="Search", required=False, max_length=200, strip=True
        )
        self.fields["state"] = forms.ChoiceField(
            label="Stage",
            required=False,
            choices=[("", "Any stage")]
            + [(s, REQUEST_STATES[s][0]) for s in states.REQUEST_STATES],
        )
        self.fields["route"] = forms.ChoiceField(
            label="Route", required=False, choices=[("", "Any route"), *ROUTES.items()]
        )
        holders = (
            Staff.objects.filter(parts_assigned__isnull=False, is_active=True)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["holder"] = forms.ModelChoiceField(
            label="Held by", required=False, queryset=holders, empty_label="Anyone"
        )
        teams = Team.objects.filter(Q(active=True) | Q(members__isnull=False)).distinct()
        self.fields["team"] = forms.ModelChoiceField(
            label="Team", required=False, queryset=teams.order_by("name"), empty_label="Any team"
        )
        self.fields["team"].label_from_instance = lambda t: (
            t.name if t.active else f"{t.name} (no longer exists)"
        )
        self.fields["overdue"] = forms.BooleanField(label="Overdue only", required=False)
        self.fields["sort"] = forms.ChoiceField(
            label="Sort by", required=False, choices=list(SORT_WORDS.items())
        )
        self.fields["page"] = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = forms.Form.clean(self)
        data["start"] = self._date(data, "from", "start date")
        data["end"] = self._date(data, "to", "end date")
        if data["start"] and data["end"] and data["start"] > data["end"]:
            self.add_error("from_day", "The start date must be on or before the end date.")
        return data

    def criteria(self) -> Criteria:
        """What to find; everything when the form is blank or wrong."""
        if not self.is_bound or not self.is_valid():
            return Criteria()
        data = self.cleaned_data
        return Criteria(
            text=data["text"],
            state=data["state"],
            route=data["route"],
            holder=data["holder"].pk if data["holder"] else None,
            team=data["team"].pk if data["team"] else None,
            overdue=data["overdue"],
            received_from=data["start"],
            received_to=data["end"],
            sort=data["sort"] or "newest",
        )

    def page(self) -> int:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["page"] or 1
        return 1
