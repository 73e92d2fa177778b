from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import model_choice

from . import figures
from .models import YEAR_VALIDATORS, Narrative, ReportKind


class ReportRequestForm(forms.Form):
    """Which report to make. Used for the PDF request and for the HTML preview."""

    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    year = forms.IntegerField(
        label=_("Year"),
        validators=YEAR_VALIDATORS,
        help_text=_("For a final report: the year the report is written."),
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=figures.no_projects(),
        required=False,
        empty_label=_("The whole centre"),
        help_text=_("An annual evaluation may cover one project; a final report always does."),
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, centre: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"kind": ReportKind.ANNUAL, "year": timezone.localdate().year - 1, "language": "nb"},
        )
        super().__init__(*args, **kwargs)
        model_choice(self, "project").queryset = figures.projects_of(centre)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # a ModelForm's clean returns cleaned_data
        if data.get("kind") == ReportKind.FINAL and not data.get("project"):
            self.add_error("project", _("Choose the project of the final report."))
        return data


class NarrativeForm(VersionedFormMixin, forms.Form):
    """The narrative sections of one kind of report, as plain text."""

    def __init__(self, *args: Any, kind: str, instance: Narrative | None = None, **kwargs: Any):
        # The narrative being edited, for its version (core.concurrency); None when new.
        self.instance = instance
        super().__init__(*args, **kwargs)
        for name in Narrative.section_names(kind):
            model_field = cast(models.Field, Narrative._meta.get_field(name))
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
