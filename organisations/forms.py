from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import ModelMultipleChoiceField, SectionedFormMixin
from core.models import District

from .models import Category, CooperationArea, Organisation
from .services import (
    ASSOCIATION_EDITABLE_FIELDS,
    COORDINATOR_EDITABLE_FIELDS,
    normalise_organisation_number,
    normalise_phone,
)


class OrganisationForm(SectionedFormMixin, VersionedFormMixin, forms.ModelForm):
    """The entry form. Association users get it without the coordinator's fields, so anything
    they post for those fields is never read."""

    organisation_number = forms.CharField(
        label=_("Organisation number"),
        required=False,
        max_length=20,
        help_text=_("Nine digits; spaces are fine, e.g. 123 456 785."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel"}),
        help_text=_("Eight digits, optionally with +47 in front."),
    )
    category_1 = forms.ModelChoiceField(
        label=_("Main category"), queryset=Category.objects.all(), required=False
    )
    category_2 = forms.ModelChoiceField(
        label=_("Second category"), queryset=Category.objects.all(), required=False
    )
    category_3 = forms.ModelChoiceField(
        label=_("Third category"), queryset=Category.objects.all(), required=False
    )
    cooperation_areas = ModelMultipleChoiceField(
        label=_("Wants to cooperate with the municipality on"),
        queryset=CooperationArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = [
        "name",
        "organisation_number",
        "category_1",
        "category_2",
        "category_3",
        "description",
        "target_groups",
        "offers",
        "contact_name",
        "email",
        "phone",
        "postal_address",
        "postal_code",
        "postal_place",
        "district",
        "website",
        "member_count",
        "founded_year",
        "in_national_register",
        "cooperation_areas",
        "needs_volunteers",
        "volunteer_needs",
        "is_public",
        "notes",
    ]

    class Meta:
        model = Organisation
        fields = list(COORDINATOR_EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
            "offers": forms.Textarea(attrs={"rows": 3}),
            "volunteer_needs": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        }

    def __init__(self, *args: Any, centre=None, for_association: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.for_association = for_association
        if for_association:
            for name in list(self.fields):
                if name in COORDINATOR_EDITABLE_FIELDS and name not in ASSOCIATION_EDITABLE_FIELDS:
                    del self.fields[name]
        centre = centre or (self.instance.centre if self.instance.centre_id else None)
        if centre is not None:
            districts = District.objects.filter(municipality_id=centre.municipality_id)
            if districts.exists():
                self.fields["district"].queryset = districts
            else:
                del self.fields["district"]  # municipalities without districts (bydeler)
        if self.instance.pk:
            ranked = list(self.instance.ranked_categories.all())
            for item in ranked:
                self.initial[f"category_{item.rank}"] = item.category_id
            self.initial["cooperation_areas"] = list(self.instance.cooperation_areas.all())
            if self.instance.organisation_number:
                self.initial["organisation_number"] = self.instance.organisation_number

    def clean_organisation_number(self) -> str | None:
        return normalise_organisation_number(self.cleaned_data.get("organisation_number"))

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        chosen = [cleaned.get(f"category_{i}") for i in (1, 2, 3)]
        picked = [c for c in chosen if c]
        if len(picked) != len(set(picked)):
            raise ValidationError(_("Choose each category only once."))
        return cleaned

    # The form's sections, in the order shown; a field not named here lands in the last one.
    SECTIONS = [
        (
            _("About the association"),
            [
                "name",
                "organisation_number",
                "category_1",
                "category_2",
                "category_3",
                "description",
                "target_groups",
                "offers",
                "member_count",
                "founded_year",
                "in_national_register",
            ],
        ),
        (
            _("Contact"),
            [
                "contact_name",
                "email",
                "phone",
                "website",
                "postal_address",
                "postal_code",
                "postal_place",
                "district",
            ],
        ),
        (
            _("Volunteers and cooperation"),
            ["needs_volunteers", "volunteer_needs", "cooperation_areas"],
        ),
        (_("Visibility and notes"), ["is_public", "notes"]),
    ]

    @property
    def categories(self) -> list[Category | None]:
        return [self.cleaned_data.get(f"category_{i}") for i in (1, 2, 3)]

    @property
    def entry_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "name_en", "icnpo_code", "position"]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person to invite"),
        help_text=_("They get a link that works once and expires after 14 days."),
    )


ALLOWED_IMPORT_EXTENSIONS = (".csv", ".xlsx", ".txt")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon separated, UTF-8 or Latin-1) or Excel (.xlsx), at most 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_IMPORT_EXTENSIONS):
            raise ValidationError(
                _("The file must be a CSV file (.csv) or an Excel workbook (.xlsx).")
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is too large: at most 2 MB."))
        return upload
