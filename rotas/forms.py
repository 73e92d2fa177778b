from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import (
    ModelMultipleChoiceField,
    model_choice,
    refuse_line_breaks,
)
from volunteers.forms import DATE, limit_districts, limit_shared_lists
from volunteers.models import (
    Volunteer,
)

from .models import Rota

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RotaForm(forms.ModelForm):
    class Meta:
        model = Rota
        fields = [
            "title",
            "description",
            "project",
            "district",
            "interests",
            "needs_police_certificate",
            "signup_closes_hours",
            "is_active",
        ]
        field_classes = {"interests": ModelMultipleChoiceField}
        widgets = {
            "interests": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, centre, projects, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_districts(self, centre.municipality_id)
        limit_shared_lists(self, centre)
        model_choice(self, "project").queryset = projects
        self.fields["title"].validators.append(refuse_line_breaks)


class ShiftsAddForm(forms.Form):
    first_day = forms.DateField(label=_("Date"), widget=DATE)
    starts = forms.TimeField(label=_("From"), widget=TIME)
    ends = forms.TimeField(label=_("To"), widget=TIME)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=2)
    weeks = forms.IntegerField(
        label=_("Repeat weekly for (weeks)"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("1 adds one shift; 10 adds the same shift on the same weekday for 10 weeks."),
    )

    def clean(self) -> dict:
        data = super().clean()
        assert data is not None  # a Form's clean returns cleaned_data
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The shift ends before it starts."))
        return data


class ShiftCapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)


class ShiftAddVolunteerForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())

    def __init__(self, *args, volunteers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "volunteer").queryset = volunteers


class ShiftHoldForm(forms.Form):
    absent = forms.TypedMultipleChoiceField(
        label=_("Did not come"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, signups, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["absent"]).choices = [
            (s.pk, str(s.volunteer)) for s in signups
        ]
