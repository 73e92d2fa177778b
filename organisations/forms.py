from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import ModelMultipleChoiceField, SectionedFormMixin, model_choice
from core.models import District

from .models import (
    Category,
    CooperationArea,
    Organisation,
    OrganisationKind,
    validate_municipality_number,
)
from .services import (
    ASSOCIATION_EDITABLE_FIELDS,
    CONTACT_CONSENT_TEXT,
    COORDINATOR_EDITABLE_FIELDS,
    REGISTER_STATUS_FIELDS,
    normalise_organisation_number,
    normalise_phone,
    published_kinds,
)

# What only the national register (Enhetsregisteret) fills: shown read-only on the form, in a
# folded section "From the national register"; the look-up and the nightly sync change them.
REGISTER_FIELDS = (
    "mobile",
    "business_address",
    "business_postal_code",
    "business_postal_place",
    "activity",
    "founded_date",
    *REGISTER_STATUS_FIELDS,
)

# The input purposes (HTML autocomplete tokens) of an association's own contact fields.
OWN_CONTACT_AUTOCOMPLETE = {
    "name": "organization",
    "contact_name": "name",
    "email": "email",
    "phone": "tel",
    "mobile": "mobile tel",
    "postal_address": "street-address",
    "postal_code": "postal-code",
    "postal_place": "address-level2",
    "business_address": "section-business street-address",
    "business_postal_code": "section-business postal-code",
    "business_postal_place": "section-business address-level2",
    "website": "url",
}


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
    public_contacts = forms.MultipleChoiceField(
        label=_("Publish these contact details"),
        choices=[
            ("email", _("The e-mail address")),
            ("phone", _("The phone number")),
            ("website", _("The website")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=CONTACT_CONSENT_TEXT,
    )

    field_order = [
        "name",
        "kind",
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
        "mobile",
        "postal_address",
        "postal_code",
        "postal_place",
        "business_address",
        "business_postal_code",
        "business_postal_place",
        "district",
        "website",
        "member_count",
        "founded_year",
        "founded_date",
        "activity",
        "in_national_register",
        "cooperation_areas",
        "needs_volunteers",
        "volunteer_needs",
        "is_public",
        "shows_contact",
        "notes",
    ]

    class Meta:
        model = Organisation
        fields = list(COORDINATOR_EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
            "offers": forms.Textarea(attrs={"rows": 2}),
            "volunteer_needs": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
            "business_postal_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
            "activity": forms.Textarea(attrs={"rows": 2}),
            "founded_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "national_register_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deleted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, centre=None, for_association: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.for_association = for_association
        # An old form (or a script) that sends no kind keeps the entry's kind.
        self.fields["kind"].required = False
        if for_association:
            for name in list(self.fields):
                if name in COORDINATOR_EDITABLE_FIELDS and name not in ASSOCIATION_EDITABLE_FIELDS:
                    del self.fields[name]
        # The association's own contact details: the browser may fill them in (WCAG 2.1 1.3.5).
        # On the coordinator's form they are another party's: no autofill.
        for name, purpose in OWN_CONTACT_AUTOCOMPLETE.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = (
                    purpose if for_association else "off"
                )
        # The consent to publish contact details is `public_contacts` (recorded as such).
        self.fields.pop("shows_contact", None)
        if self.instance.pk:
            # An entry's register fields are read-only (a new entry takes them from the
            # look-up), in the folded section below the form.
            for name in REGISTER_FIELDS:
                self.fields.pop(name, None)
        self.initial["public_contacts"] = published_kinds(self.instance)
        centre = centre or (self.instance.centre if self.instance.centre_id else None)
        if centre is not None:
            for rank in (1, 2, 3):
                model_choice(self, f"category_{rank}").queryset = Category.objects.usable_in(
                    {centre.pk}
                )
            districts = District.objects.filter(municipality_id=centre.municipality_id)
            if districts.exists():
                model_choice(self, "district").queryset = districts
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

    def clean_mobile(self) -> str:
        return normalise_phone(self.cleaned_data.get("mobile"))

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or self.instance.kind or OrganisationKind.ASSOCIATION

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # a ModelForm's clean returns cleaned_data
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
                "kind",
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
        (_("Visibility and notes"), ["is_public", "public_contacts", "notes"]),
    ]

    @property
    def register_values(self) -> list[tuple[str, str]]:
        """(label, value) of each register field the entry has, for the read-only section."""
        rows = []
        for name in REGISTER_FIELDS:
            field = cast(models.Field, Organisation._meta.get_field(name))
            value = getattr(self.instance, name)
            if value in (None, "", False):
                continue
            if value is True:
                value = _("Yes")
            elif hasattr(value, "strftime"):
                value = value.strftime("%d.%m.%Y")
            rows.append((str(field.verbose_name).capitalize(), str(value)))
        return rows

    @property
    def public_contact_choice(self) -> list[str] | None:
        """The contact details ticked, or None when the form has no such box."""
        if "public_contacts" not in self.fields:
            return None
        return list(self.cleaned_data.get("public_contacts") or [])

    @property
    def categories(self) -> list[Category | None]:
        return [self.cleaned_data.get(f"category_{i}") for i in (1, 2, 3)]

    @property
    def entry_data(self) -> dict[str, Any]:
        fields = self._meta.fields or ()
        return {
            name: self.cleaned_data[name]
            for name in fields
            if name in self.fields and name in self.cleaned_data
        }


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "name_nn", "name_en", "icnpo_code", "position"]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person to invite"),
        help_text=_("They get a link that works once and expires after 14 days."),
    )


ALLOWED_IMPORT_EXTENSIONS = (".csv", ".xlsx", ".txt", ".csv.gz", ".gz")
MAX_IMPORT_BYTES = 2 * 1024 * 1024  # a CSV file of associations
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024  # an .xlsx (its unpacked size is bounded too)
# The national register's gzipped CSV download (about 1.1 million entities): read as a stream.
MAX_GZIP_BYTES = 400 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon separated, UTF-8 or Latin-1) at most 2 MB, Excel (.xlsx) "
            "at most 10 MB, or the national register's gzipped CSV download (.csv.gz)."
        ),
    )
    municipality_numbers = forms.CharField(
        label=_("Only these municipality numbers"),
        required=False,
        max_length=200,
        help_text=_(
            "Four digits each, separated by commas, e.g. 1804. Needed for the register's "
            "national file; leave empty to import every row."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    only_registered = forms.BooleanField(
        label=_(
            "Only organisations registered in the national register of voluntary organisations"
        ),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(ALLOWED_IMPORT_EXTENSIONS):
            raise ValidationError(
                _("The file must be a CSV file (.csv or .csv.gz) or an Excel workbook (.xlsx).")
            )
        if name.endswith(".gz"):
            limit, label = MAX_GZIP_BYTES, "400 MB"
        elif name.endswith(".xlsx"):
            limit, label = MAX_WORKBOOK_BYTES, "10 MB"
        else:
            limit, label = MAX_IMPORT_BYTES, "2 MB"
        if upload.size > limit:
            if limit == MAX_IMPORT_BYTES:
                raise ValidationError(_("The file is too large: at most 2 MB."))
            raise ValidationError(_("The file is too large: at most %(size)s.") % {"size": label})
        return upload

    def clean_municipality_numbers(self) -> list[str]:
        raw = self.cleaned_data.get("municipality_numbers") or ""
        numbers = [n.strip() for n in raw.replace(";", ",").replace(" ", ",").split(",")]
        numbers = [n for n in numbers if n]
        for number in numbers:
            try:
                validate_municipality_number(number)
            except ValidationError as exc:
                raise ValidationError(
                    _("“%(value)s”: %(reason)s") % {"value": number, "reason": exc.messages[0]}
                ) from exc
        return numbers


class RegisterLookupForm(forms.Form):
    """Fetch an entry from the national register by organisation number."""

    register_number = forms.CharField(
        label=_("Organisation number"),
        max_length=20,
        help_text=_("Nine digits. The form is filled from Enhetsregisteret; you check and save."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_register_number(self) -> str:
        number = normalise_organisation_number(self.cleaned_data.get("register_number"))
        if not number:
            raise ValidationError(_("Write the organisation number."))
        return number
