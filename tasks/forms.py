from __future__ import annotations

from django import forms

from core.concurrency import VersionedFormMixin
from core.forms import (
    ModelMultipleChoiceField,
    model_choice,
    refuse_line_breaks,
)
from volunteers.forms import DATE, limit_districts, limit_shared_lists

from .models import Match, Task


class TaskForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "organisation",
            "interests",
            "district",
            "when",
            "needs_weekdays",
            "needs_evenings",
            "needs_weekends",
            "starts_on",
            "ends_on",
            "volunteers_needed",
            "needs_police_certificate",
            "is_public",
            "status",
        ]
        field_classes = {"interests": ModelMultipleChoiceField}
        widgets = {
            "interests": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, centre, organisations, association_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        limit_districts(self, centre.municipality_id)
        model_choice(self, "organisation").queryset = organisations
        limit_shared_lists(self, centre)
        for name in ("title", "when"):
            self.fields[name].validators.append(refuse_line_breaks)
        if association_only:
            self.fields["organisation"].required = True
            model_choice(self, "organisation").empty_label = None


class MatchCreateForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    # The confirmation step: the match is made, and the volunteer e-mailed, only with it.
    confirm = forms.BooleanField(required=False)


class MatchForm(forms.ModelForm):
    class Meta:
        model = Match
        fields = ["status", "started_on", "ended_on", "next_follow_up_on", "follow_up_notes"]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "next_follow_up_on": DATE,
            "follow_up_notes": forms.Textarea(attrs={"rows": 4}),
        }
