"""Each step's form, built from its declared fields (procedure/steps.py).

A form only parses what the person typed into the service's arguments.
Whether the step may be taken, and every rule of the procedure, is for the
service, which refuses with a message the page shows. The questions and the
messages for a missing answer are the declaration's words; this module knows
only how to ask for each kind of field the GOV.UK way.
"""

from functools import cache

from django import forms

from disclose.casework.models import Document, HardCopyItem
from disclose.procedure import hard_copies as rules
from disclose.procedure import reassignment as moves
from disclose.procedure.steps import STEPS, Field, StepSpec
from disclose.records.models import Holding, Staff

from .forms_requests import ARTICLE_6_BASES, StepForm, parse_date

ITEM_ROWS = 5  # hard copies: a fixed number of rows; more go in a second list
BASIS_KEYS = ("article_6", "article_9", "schedule_2_exemption")


def _text(label: str, missing: str = "", *, size: int = 300, area: bool = False):
    messages = {"max_length": f"{label} must be {size} characters or fewer"}
    if missing:
        messages["required"] = missing
    return forms.CharField(
        label=label,
        max_length=size,
        required=bool(missing),
        error_messages=messages,
        widget=forms.Textarea if area else None,
    )


def _radios(label: str, choices, missing: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing or "Select an answer"},
    )


def _staff_label(staff: Staff) -> str:
    return f"{staff.display_name} ({staff.team.name})" if staff.team else staff.display_name


def _role_asked(form: "DeclaredForm", field: Field) -> str:
    """The role offered: the field's, or (reassign) the one the part needs now."""
    if field.only == "for_stage":
        return (moves.role_for_stage(form.part.state) if form.part is not None else "") or ""
    return field.only


def _staff_choice(form: "DeclaredForm", field: Field) -> forms.ModelChoiceField:
    """Staff in post, in a team that still exists (or none), who hold the role;
    the team's own people first (the part's team, else the actor's), then the
    rest, which the browser turns into an accessible autocomplete."""
    rows = (
        Staff.objects.filter(is_active=True, roles__code=_role_asked(form, field))
        .exclude(team__active=False)
        .select_related("team")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    if field.only == "for_stage" and form.part is not None and form.part.assignee_id:
        rows = rows.exclude(pk=form.part.assignee_id)  # reassign: to someone else
    choice = forms.ModelChoiceField(
        label=field.label,
        queryset=rows,
        empty_label=field.missing,
        error_messages={"required": field.missing, "invalid_choice": field.missing},
    )
    choice.label_from_instance = _staff_label
    team = form.part.team if form.part is not None and form.part.team_id else None
    actor = getattr(form, "actor", None)
    team = team or getattr(actor, "team", None)
    if field.within_team:
        choice.queryset = rows.filter(team=team) if team is not None else rows.none()
    elif team is not None:
        people = list(rows)
        own = [(s.pk, _staff_label(s)) for s in people if s.team_id == team.pk]
        rest = [(s.pk, _staff_label(s)) for s in people if s.team_id != team.pk]
        groups = [("", field.missing)]
        if own:
            groups.append((team.name, own))
        if rest:
            groups.append(("Other teams", rest))
        choice.groups = groups  # web/requests/includes/select.html
    choice.widget.attrs["data-disclose-autocomplete"] = "true"
    return choice


def _holding_label(holding: Holding) -> str:
    where = f", {holding.location}" if holding.location else ""
    return f"{holding} ({holding.get_status_display().lower()}{where})"


def _items(form: StepForm, which: str) -> list[tuple[str, str]]:
    rows = HardCopyItem.objects.filter(request=form.request)
    if form.part is not None:
        rows = rows.filter(hard_copy_list__subject=form.part)
    if which == "to_confirm":
        rows = rows.filter(
            third_party=True, status__in=rules.CONFIRMABLE, confirmed__isnull=True
        ).order_by("id")
        return [(r.title, f"{r.title} ({r.source})") for r in rows]
    rows = rows.filter(status__in=(*rules.SENDABLE, rules.AWAITING_APPROVAL)).order_by("id")
    return [(r.title, r.title) for r in rows]


def _needs_lawful_basis(form: StepForm) -> bool:
    """Section 1 expects consent. Without it a basis is recorded once: by the
    CSM who approves, or on an open case (no CSM decides) by the worker."""
    return not form.request.consent and not (form.part and form.part.lawful_basis)


# --- one function per kind: the form fields it adds ------------------------


def _add(form: "DeclaredForm", field: Field) -> None:
    name, label, missing = field.name, field.label, field.missing if field.required else ""
    kind = field.kind
    if kind == "text":
        form.fields[name] = _text(label, missing, size=5000 if field.long else 300, area=field.long)
    elif kind == "texts":
        form.fields[name] = _text(label, missing, size=5000, area=True)
    elif kind == "choice":
        form.fields[name] = _radios(label, field.choices, field.missing, field.required)
    elif kind == "bool" and field.choices:
        form.fields[name] = _radios(label, field.choices, field.missing)
    elif kind == "bool":
        form.fields[name] = forms.BooleanField(label=label, required=False)
    elif kind == "staff":
        form.fields[name] = _staff_choice(form, field)
    elif kind == "holding":
        person_id = form.part.person_id if form.part else None
        rows = Holding.objects.filter(person_id=person_id, kind=field.only).order_by(
            "reference", "pk"
        )
        choice = forms.ModelChoiceField(
            label=label,
            queryset=rows,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={"required": field.missing, "invalid_choice": field.missing},
        )
        choice.label_from_instance = _holding_label
        form.fields[name] = choice
    elif kind == "item":
        form.fields[name] = _radios(label, _items(form, field.only), field.missing)
    elif kind == "document":
        form.fields[name] = forms.ModelChoiceField(
            label=label,
            queryset=Document.objects.filter(request=form.request),
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={"required": field.missing, "invalid_choice": field.missing},
        )
    elif kind == "file":
        form.fields[name] = forms.FileField(
            label=label, error_messages={"required": field.missing, "empty": "The file is empty"}
        )
    elif kind == "date":
        for part, words, size in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)):
            form.fields[f"{name}_{part}"] = _text(words, size=size)
    elif kind == "lawful_basis" and _needs_lawful_basis(form):
        form.fields["article_6"] = forms.ChoiceField(
            label="UK GDPR Article 6 basis",
            choices=ARTICLE_6_BASES,
            required=False,
            widget=forms.RadioSelect,
        )
        form.fields["article_9"] = _text("Article 9 or DPA 2018 Schedule 1 condition", size=500)
        form.fields["schedule_2_exemption"] = _text(
            "Or: the DPA 2018 Schedule 2 exemption relied on", size=500
        )
    elif kind == "items":
        for n in range(1, ITEM_ROWS + 1):
            form.fields[f"i{n}_title"] = _text("Document title")
            for part, words, size in (
                ("day", "Day", 2),
                ("month", "Month", 2),
                ("year", "Year", 4),
            ):
                form.fields[f"i{n}_date_{part}"] = _text(words, size=size)
            form.fields[f"i{n}_third_party"] = forms.BooleanField(
                label="This is another agency's information", required=False
            )
            form.fields[f"i{n}_source"] = _text("Which agency it came from", size=200)


def _value(form: "DeclaredForm", field: Field):
    """The service's argument for this field, from what was typed."""
    data, name = form.cleaned_data, field.name
    if field.kind == "texts":
        return [line.strip() for line in (data.get(name) or "").splitlines() if line.strip()]
    if field.kind == "bool" and field.choices:
        return data.get(name) == field.codes[0]
    if field.kind == "date":
        return data.get(name)
    if field.kind == "lawful_basis":
        if not _needs_lawful_basis(form):
            return None
        basis = {key: (data.get(key) or "").strip() for key in BASIS_KEYS}
        return {k: v for k, v in basis.items() if v} or None
    return data.get(name)


class DeclaredForm(StepForm):
    """A step's form: its declared fields, and the confirmation its words ask for."""

    spec: StepSpec

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.page_fields():
            _add(self, field)
            if field.hint and field.name in self.fields:
                self.fields[field.name].help_text = field.hint  # shown as the GOV.UK hint
        words = self.spec.words
        if words.confirm:
            self.fields["confirm"] = forms.BooleanField(
                label=words.confirm, error_messages={"required": words.unconfirmed}
            )

    @classmethod
    def page_fields(cls) -> list[Field]:
        # The holding of a step on a holding is in the page's address.
        return [
            f for f in cls.spec.fields if not (f.kind == "holding" and cls.spec.on == "holding")
        ]

    @property
    def date_parts(self) -> dict[str, list[forms.BoundField]]:
        return {
            f.name: [self[f"{f.name}_{p}"] for p in ("day", "month", "year")]
            for f in self.page_fields()
            if f.kind == "date"
        }

    @property
    def item_rows(self) -> list[dict]:
        return [
            {
                "number": n,
                "title": self[f"i{n}_title"],
                "date": [self[f"i{n}_date_{p}"] for p in ("day", "month", "year")],
                "date_id": f"i{n}-date",
                "third_party": self[f"i{n}_third_party"],
                "source": self[f"i{n}_source"],
            }
            for n in range(1, ITEM_ROWS + 1)
            if f"i{n}_title" in self.fields
        ]

    def clean(self):
        data = super().clean()
        for field in self.page_fields():
            if field.kind == "date":
                data[field.name] = parse_date(self, field.name, field.label)
            elif field.kind == "items":
                data[field.name] = self._hard_copy_items(field)
        return data

    def _hard_copy_items(self, field: Field) -> list[dict]:
        data, items = self.cleaned_data, []
        for n in range(1, ITEM_ROWS + 1):
            when = parse_date(self, f"i{n}_date", f"Document {n}'s date")
            title = (data.get(f"i{n}_title") or "").strip()
            if title:
                items.append(
                    {
                        "title": title,
                        "date": when,
                        "third_party": bool(data.get(f"i{n}_third_party")),
                        "source": (data.get(f"i{n}_source") or "").strip(),
                    }
                )
        if not items and not self.has_error("i1_title"):
            self.add_error("i1_title", field.missing)
        return items

    def service_arguments(self) -> dict:
        arguments = {}
        for field in self.page_fields():
            value = _value(self, field)
            if field.kind == "file":
                arguments["name"] = value.name
            arguments[field.argument] = value
        return arguments


@cache
def form_for(name: str) -> type[DeclaredForm]:
    """The form class of step `name`, made once from its declaration."""
    spec = STEPS[name]
    return type(f"{spec.name.title().replace('_', '')}Form", (DeclaredForm,), {"spec": spec})
