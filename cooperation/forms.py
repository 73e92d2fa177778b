"""Forms of the cooperation app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import ActivitySeries
from core.forms import ModelMultipleChoiceField, SectionedFormMixin, model_choice
from core.models import Centre, District
from organisations.models import Organisation
from projects.models import Project

from .models import (
    Contact,
    Contribution,
    CooperationForm,
    MunicipalSupport,
    MunicipalUnit,
    NationalRegisterEntry,
    Outcome,
    Partnership,
    ReportedYear,
    Story,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitForm(forms.ModelForm):
    class Meta:
        model = MunicipalUnit
        fields = ["kind", "name", "district", "email"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "district").queryset = District.objects.filter(
            municipality_id=centre.municipality_id
        )


class PartnershipForm(SectionedFormMixin, forms.ModelForm):
    units = ModelMultipleChoiceField(
        label=_("Municipal units"),
        queryset=MunicipalUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The municipality, a district, an agency, a NAV office, a school..."),
    )
    form_list = forms.MultipleChoiceField(
        label=_("Forms of cooperation"),
        choices=CooperationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    project_list = ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    series_list = ModelMultipleChoiceField(
        label=_("Activities (weekly series)"),
        queryset=ActivitySeries.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    SECTIONS = [
        (_("The agreement"), ["title", "organisation", "purpose", "status"]),
        (_("Period"), ["start_date", "end_date"]),
        (_("Who and how"), ["units", "district", "form_list"]),
        (_("What it covers"), ["project_list", "series_list"]),
    ]

    class Meta:
        model = Partnership
        fields = [
            "title",
            "organisation",
            "purpose",
            "status",
            "start_date",
            "end_date",
            "district",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE,
            "end_date": DATE,
        }

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "organisation").queryset = Organisation.objects.for_centre(
            centre
        ).filter(is_archived=False)
        model_choice(self, "district").queryset = District.objects.filter(
            municipality_id=centre.municipality_id
        )
        model_choice(self, "units").queryset = MunicipalUnit.objects.filter(
            municipality_id=centre.municipality_id
        )
        model_choice(self, "project_list").queryset = Project.objects.for_centre(centre)
        model_choice(self, "series_list").queryset = ActivitySeries.objects.for_centre(centre)
        if self.instance.pk:
            self.initial["units"] = list(self.instance.units.all())
            self.initial["form_list"] = self.instance.form_list
            self.initial["project_list"] = list(self.instance.projects.all())
            self.initial["series_list"] = list(self.instance.series.all())

    def data_for_service(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in self._meta.fields or () if name != "status"
        }


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["year", "side", "kind", "amount", "description"]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "amount": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["side", "unit", "name", "role", "email", "phone"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "unit").queryset = partnership.units.all()


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["year", "name", "value", "is_approximate"]


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("Signed agreement"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class StoryForm(SectionedFormMixin, forms.ModelForm):
    SECTIONS = [
        (_("The story"), ["title", "theme"]),
        (_("The six questions"), list(Story.QUESTIONS)),
    ]

    class Meta:
        model = Story
        fields = ["title", "theme", *Story.QUESTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in Story.QUESTIONS}


class ConsentForm(forms.Form):
    shows_name = forms.BooleanField(
        label=_("Our name may be shown on the public page"), required=False, initial=True
    )
    shows_contact = forms.BooleanField(
        label=_("Our contact person may be shown (name and e-mail)"), required=False
    )
    contact_name = forms.CharField(
        label=_("Contact person shown"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail shown"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ReportedYearForm(forms.ModelForm):
    class Meta:
        model = ReportedYear
        fields = ["year", *ReportedYear.FIGURE_KEYS, "comment"]
        widgets = {
            name: forms.NumberInput(attrs={"inputmode": "numeric"})
            for name in ["year", *ReportedYear.FIGURE_KEYS]
        }

    def validate_unique(self) -> None:
        # A year already reported is corrected, not refused (the service finds it).
        pass


class SupportForm(forms.ModelForm):
    class Meta:
        model = MunicipalSupport
        fields = [
            "project",
            "year",
            "kind",
            "amount",
            "cost_total",
            "unit",
            "partnership",
            "comment",
        ]
        widgets = {
            name: forms.NumberInput(attrs={"inputmode": "numeric"})
            for name in ["year", "amount", "cost_total"]
        }

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "project").queryset = Project.objects.for_centre(centre)
        model_choice(self, "unit").queryset = MunicipalUnit.objects.filter(
            municipality_id=centre.municipality_id
        )
        model_choice(self, "partnership").queryset = Partnership.objects.for_centre(centre)


class NationalRegisterForm(forms.ModelForm):
    class Meta:
        model = NationalRegisterEntry
        fields = ["ownership", "network", "manager_position", "daily_manager", "chair"]
        widgets = {
            "daily_manager": forms.TextInput(attrs={"autocomplete": "off"}),
            "chair": forms.TextInput(attrs={"autocomplete": "off"}),
        }
