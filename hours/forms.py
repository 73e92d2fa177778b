from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import (
    model_choice,
)
from tasks.models import Task
from volunteers.forms import DATE

from .fields import entry_hours_field


class HourEntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    hours = entry_hours_field(label=_("Hours"))
    task = forms.ModelChoiceField(
        label=_("Task"), queryset=Task.objects.none(), required=False, empty_label=_("(no task)")
    )
    description = forms.CharField(
        label=_("Activity"),
        max_length=200,
        required=False,
        help_text=_("What you did, if not for one of the tasks."),
    )

    def __init__(self, *args, tasks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "task").queryset = tasks

    def clean(self):
        data = super().clean()
        if not data.get("task") and not data.get("description"):
            raise forms.ValidationError(_("Choose a task or describe the activity."))
        return data
