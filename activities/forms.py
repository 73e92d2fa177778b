from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import (
    COUNT_MESSAGE,
    DateInput,
    HoursField,
    ScopedModelFormSet,
    TimeInput,
    model_choice,
)
from core.permissions import Access
from projects import selectors as project_selectors

from . import selectors
from .models import Activity, ActivitySeries
from .services import SERIES_KEY

COUNT_FIELDS = [
    "participants",
    "participants_new",
    "participants_returning",
    "participants_under_18",
    "participants_18_to_66",
    "participants_67_plus",
    "volunteer_count",
]


def _count_messages(form: forms.BaseForm) -> None:
    if "volunteer_count" in form.fields:
        form.fields["volunteer_count"].required = False
    for name in COUNT_FIELDS:
        if name in form.fields:
            form.fields[name].error_messages.update(
                {"invalid": COUNT_MESSAGE, "min_value": COUNT_MESSAGE}
            )
            form.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})


def _hours_field(required: bool = False) -> HoursField:
    return HoursField(
        label=_("Volunteer hours"),
        empty_hours=Decimal(0),
        min_value=0,
        required=required,
        error_messages={"min_value": _("Hours cannot be negative.")},
        help_text=_("E.g. 6, 1,5 or 1:30."),
    )


class VolunteerCountMixin:
    cleaned_data: dict[str, Any]  # mixed into a Form, which has it

    def clean_volunteer_count(self) -> int:
        """An empty number of volunteers means none."""
        return self.cleaned_data.get("volunteer_count") or 0


class ActivityForm(VersionedFormMixin, VolunteerCountMixin, forms.ModelForm):
    """The full activity form; `QuickActivityForm` shows the fields needed in seconds."""

    volunteer_hours = _hours_field()

    class Meta:
        model = Activity
        fields = [
            "project",
            "title",
            "category",
            "date",
            "start_time",
            "end_time",
            "place",
            "organiser",
            "participants",
            "participants_new",
            "participants_returning",
            "participants_under_18",
            "participants_18_to_66",
            "participants_67_plus",
            "volunteer_count",
            "volunteer_hours",
            "note",
            "cancelled",
            "is_public",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "project": {"required": _("Choose a project: every activity belongs to one.")},
            "category": {"required": _("Choose a category.")},
            "date": {"required": _("Enter the date."), "invalid": _("Enter a valid date.")},
            "title": {"required": _("Give the activity a title.")},
        }

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        projects = project_selectors.project_list(access=access, include_ended=False)
        if self.instance.pk and self.instance.project_id:
            projects = project_selectors.project_list(access=access).filter(
                pk__in=list(projects.values_list("pk", flat=True)) + [self.instance.project_id]
            )
        model_choice(self, "project").queryset = projects
        model_choice(self, "project").empty_label = _("Choose a project")
        if "organiser" in self.fields:
            model_choice(self, "organiser").queryset = project_selectors.organisers_for(
                access=access
            )
            if access.is_association:
                self.fields["organiser"].required = True
                model_choice(self, "organiser").empty_label = None
                self.fields["organiser"].help_text = _("Your association organises it.")
            else:
                model_choice(self, "organiser").empty_label = _("The centre itself")
        _count_messages(self)


class QuickActivityForm(ActivityForm):
    class Meta(ActivityForm.Meta):
        fields = [
            "project",
            "category",
            "title",
            "date",
            "start_time",
            "end_time",
            "organiser",
            "participants",
            "volunteer_count",
            "volunteer_hours",
        ]


class SeriesForm(forms.ModelForm):
    class Meta:
        model = ActivitySeries
        fields = [
            "project",
            "title",
            "category",
            "weekday",
            "start_time",
            "end_time",
            "first_date",
            "last_date",
            "place",
            "organiser",
            "is_public",
        ]
        widgets = {
            "first_date": DateInput(),
            "last_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
        }
        error_messages = {
            "project": {"required": _("Choose a project: every activity belongs to one.")},
        }

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        model_choice(self, "project").queryset = project_selectors.project_list(
            access=access, include_ended=False
        )
        model_choice(self, "organiser").queryset = project_selectors.organisers_for(access=access)
        model_choice(self, "project").empty_label = _("Choose a project")
        if access.is_association:
            self.fields["organiser"].required = True
            model_choice(self, "organiser").empty_label = None
            self.fields["organiser"].help_text = _("Your association organises it.")
        else:
            model_choice(self, "organiser").empty_label = _("The centre itself")

    def clean(self) -> dict:
        """Saving an identical series again updates it (see services.series_save): validate
        against the existing series so its own definition is not reported as taken."""
        cleaned = super().clean()
        assert cleaned is not None  # a ModelForm's clean returns cleaned_data
        key = {name: cleaned.get(name) for name in SERIES_KEY}
        if all(key[name] is not None for name in ("project", "title", "weekday", "first_date")):
            existing = selectors.series_list(access=self.access).filter(**key).first()
            if existing is not None:
                self.instance = existing
        return cleaned


class CountsForm(VolunteerCountMixin, forms.ModelForm):
    volunteer_hours = _hours_field()

    class Meta:
        model = Activity
        fields = [
            "participants",
            "participants_new",
            "participants_returning",
            "volunteer_count",
            "volunteer_hours",
            "cancelled",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _count_messages(self)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "input--narrow")


# A bound formset builds as many forms as the posted TOTAL_FORMS says (Django caps it at 2000 by
# default): cap it near what the pages show, or one crafted POST costs half a minute to answer.
COUNTS_MAX_FORMS = 100

CountsFormSet = modelformset_factory(
    Activity,
    form=CountsForm,
    extra=0,
    can_delete=False,
    edit_only=True,
    max_num=COUNTS_MAX_FORMS,
    absolute_max=COUNTS_MAX_FORMS,
    formset=ScopedModelFormSet,
)
