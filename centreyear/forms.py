"""The form of a centre's year: staff, owner, advisory body, premises and income lines."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.services import normalise_organisation_number

from .models import CentreIncome, CentreYear

INCOME_MAX_FORMS = 50


class AmountField(forms.IntegerField):
    """Whole kroner, typed as 480046, 480 046 or kr 480 046; never negative."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).removeprefix("kr").removesuffix(",-")
        return super().to_python(value)


class FteField(forms.DecimalField):
    """Årsverk as 1,5 or 1.5, whatever the language of the page."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace(",", ".")
        return super().to_python(value)


class CentreYearForm(forms.ModelForm):
    """A centre's year: staff, owner, advisory body and premises; income lines are a formset."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=CentreYear._meta.get_field("organisation_number").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    is_final = forms.BooleanField(
        label=_("The figures are final"),
        required=False,
        help_text=_("Leave unticked while the figures are a draft."),
    )

    class Meta:
        model = CentreYear
        fields = [
            "staff_fte",
            "owner_name",
            "owner_kind",
            "advisory_body",
            "voluntary_sector_on_body",
            "advisory_members",
            "premises",
            "organisation_number",
            "activity_purpose",
            "accounts_note",
            "accounts_file",
            *CentreYear.EXPECTATIONS,
        ]
        field_classes = {"staff_fte": FteField}
        widgets = {
            "staff_fte": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "premises": forms.Textarea(attrs={"rows": 3}),
            "advisory_members": forms.Textarea(attrs={"rows": 3}),
            "activity_purpose": forms.Textarea(attrs={"rows": 3}),
            "accounts_note": forms.Textarea(attrs={"rows": 2}),
            "accounts_file": forms.FileInput(attrs={"accept": "application/pdf"}),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in CentreYear.EXPECTATIONS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["is_final"].initial = not self.instance.is_draft
        self.fields["staff_fte"].widget.is_localized = True  # shown as 1,50 in Norwegian
        self.fields["owner_name"].widget.attrs["autocomplete"] = "organization"

    @property
    def expectation_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CentreYear.EXPECTATIONS]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        skipped = {"is_final", *CentreYear.EXPECTATIONS}
        return [field for field in self.visible_fields() if field.name not in skipped]

    def clean_organisation_number(self) -> str:
        return normalise_organisation_number(self.cleaned_data.get("organisation_number")) or ""

    def clean(self):
        cleaned = super().clean()
        # Set before the model's own validation, which asks more of figures marked final.
        self.instance.is_draft = not cleaned.get("is_final")
        return cleaned


class CentreIncomeForm(forms.ModelForm):
    amount = AmountField(
        label=_("Amount (NOK)"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = CentreIncome
        fields = ["source", "description", "amount"]

    def __init__(self, *args, carried: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.carried = carried
        self.fields["description"].widget.attrs["autocomplete"] = "off"

    def has_changed(self) -> bool:
        # A line carried forward from last year is shown as initial data; it is new to this
        # year and is saved even if the coordinator leaves it as it was (unless emptied).
        if self.carried and self.is_bound:
            return any(
                str(self.data.get(self.add_prefix(name), "")).strip()
                for name in ("description", "amount")
            )
        return super().has_changed()


class BaseCentreIncomeFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, carried: list[CentreIncome] | None = None, **kwargs):
        carried = carried or []
        if carried:
            kwargs["initial"] = [
                {"source": line.source, "description": line.description, "amount": line.amount}
                for line in carried
            ]
        super().__init__(*args, **kwargs)
        self.carried_count = len(carried)
        if carried:
            self.extra = len(carried) + 1

    def _construct_form(self, i, **kwargs):
        carried = self.initial_form_count() <= i < self.initial_form_count() + self.carried_count
        return super()._construct_form(i, carried=carried, **kwargs)


CentreIncomeFormSet = forms.inlineformset_factory(
    CentreYear,
    CentreIncome,
    form=CentreIncomeForm,
    formset=BaseCentreIncomeFormSet,
    extra=1,
    can_delete=True,
    max_num=INCOME_MAX_FORMS,
    absolute_max=INCOME_MAX_FORMS,
    validate_max=True,
)
