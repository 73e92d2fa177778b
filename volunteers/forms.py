from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import (
    ModelMultipleChoiceField,
    SectionedFormMixin,
    model_choice,
)
from core.models import District

from .models import (
    BackgroundGroup,
    Certificate,
    Consent,
    ConsentText,
    Interest,
    Language,
    Volunteer,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_year",
    "postal_code",
    "district",
    "background_groups",
    "interests",
    "languages",
    "available_weekdays",
    "available_evenings",
    "available_weekends",
    "available_from",
    "available_to",
]


# What the browser may fill in for a person's own details (WCAG 2.1 1.3.5, HTML autofill).
OWN_AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "birth_year": "bday-year",
    "postal_code": "postal-code",
}


def _person_inputs(form: forms.BaseForm, *, own: bool) -> None:
    """Phone as a telephone field and the postal code as digits; on a person's own form the
    autocomplete tokens too (the coordinator's form is about somebody else: no autofill)."""
    fields = form.fields
    fields["phone"].widget.input_type = "tel"
    fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "maxlength": 4})
    fields["birth_year"].widget.attrs.update({"inputmode": "numeric"})
    for name, token in OWN_AUTOCOMPLETE.items():
        if name in fields:
            fields[name].widget.attrs["autocomplete"] = token if own else "off"


# Posted keys too large for the database are form errors (see core.forms).
M2M_FIELD_CLASSES = {
    name: ModelMultipleChoiceField
    for name in ("background_groups", "interests", "languages", "organisations")
}


def limit_districts(form: forms.BaseForm, municipality_id: int | None) -> None:
    model_choice(form, "district").queryset = District.objects.filter(municipality=municipality_id)


SHARED_LISTS = {"background_groups": BackgroundGroup, "interests": Interest, "languages": Language}


def limit_shared_lists(form: forms.BaseForm, centre) -> None:
    """Choices from the installation-wide entries and the centre's own (never another's)."""
    for name, model in SHARED_LISTS.items():
        if name in form.fields:
            model_choice(form, name).queryset = model.objects.usable_in({centre.pk})


PERSON_SECTIONS = [
    (
        _("Name and contact"),
        ["first_name", "last_name", "email", "phone", "birth_year", "postal_code", "district"],
    ),
    (_("Interests and languages"), ["interests", "background_groups", "languages"]),
    (
        _("Availability"),
        [
            "available_weekdays",
            "available_evenings",
            "available_weekends",
            "available_from",
            "available_to",
        ],
    ),
    (
        _("For the centre"),
        ["status", "police_certificate_checked_on", "organisations", "consent_channel", "notes"],
    ),
]


class VolunteerForm(SectionedFormMixin, VersionedFormMixin, forms.ModelForm):
    """The coordinator's form: everything, including status, certificate and notes."""

    SECTIONS = PERSON_SECTIONS

    class Meta:
        model = Volunteer
        fields = [
            *PROFILE_FIELDS,
            "police_certificate_requested_on",
            "police_certificate_checked_on",
            "status",
            "organisations",
            "notes",
        ]
        field_classes = M2M_FIELD_CLASSES
        widgets = {
            "background_groups": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "organisations": forms.SelectMultiple(attrs={"size": 6}),
            "available_from": DATE,
            "available_to": DATE,
            "police_certificate_requested_on": DATE,
            "police_certificate_checked_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, centre, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_districts(self, centre.municipality_id)
        limit_shared_lists(self, centre)
        _person_inputs(self, own=False)
        model_choice(self, "organisations").queryset = organisations
        if self.instance.pk is None:
            # A person registered by the coordinator consented on paper or in person.
            self.fields["consent_channel"] = forms.ChoiceField(
                label=_("Consent to the current consent text"),
                choices=[("", _("Not given yet"))]
                + [(c.value, c.label) for c in (Consent.Channel.PAPER, Consent.Channel.IN_PERSON)],
                required=False,
            )


class ProfileForm(SectionedFormMixin, VersionedFormMixin, forms.ModelForm):
    """What a volunteer may change on their own profile."""

    SECTIONS = PERSON_SECTIONS[:3]

    class Meta:
        model = Volunteer
        fields = [*PROFILE_FIELDS, "wants_reminders"]
        field_classes = M2M_FIELD_CLASSES
        widgets = {
            "background_groups": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "available_from": DATE,
            "available_to": DATE,
        }

    def __init__(self, *args, centre, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_districts(self, centre.municipality_id)
        limit_shared_lists(self, centre)
        _person_inputs(self, own=True)


class SignUpForm(ProfileForm):
    """The public sign-up form: profile fields, explicit consent, and a honeypot."""

    consent = forms.BooleanField(
        label=_("I have read the text above and consent to the centre storing my information."),
        required=False,
    )
    # Humans do not see this field (hidden with CSS); scripts that fill every field do.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    # The consent comes last, with its text (the template draws it); the honeypot in no section.
    SECTIONS = [*PERSON_SECTIONS[:3], (_("Consent"), ["consent"])]

    class Meta(ProfileForm.Meta):
        fields = [f for f in PROFILE_FIELDS if f not in {"available_from", "available_to"}]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].required = True

    def clean_consent(self) -> bool:
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(
                _(
                    "We can only register you with your consent. Tick the box to consent to "
                    "the centre storing your information."
                )
            )
        return True

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class ConsentTextForm(forms.ModelForm):
    class Meta:
        model = ConsentText
        fields = ["text", "text_nn", "text_en"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "text_nn": forms.Textarea(attrs={"rows": 8}),
            "text_en": forms.Textarea(attrs={"rows": 8}),
        }


class CuratedNameForm(forms.Form):
    name = forms.CharField(label=_("Name (Norwegian)"), max_length=120)
    name_nn = forms.CharField(label=_("Name (Nynorsk)"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=32000, initial=100)


# --- Rotas ---------------------------------------------------------------------------------------


# --- Paperwork ------------------------------------------------------------------------------------


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["period_start", "period_end", "tasks", "signer_name", "signer_title"]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "tasks": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["signer_title"].widget.attrs["autocomplete"] = "organization-title"


class PoliceLetterForm(forms.Form):
    task = forms.CharField(
        label=_("Task"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the volunteer will do, and with whom."),
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis"), widget=forms.RadioSelect)
    other_basis = forms.CharField(
        label=_("Other legal basis"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when you chose “Another legal basis” above."),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, legal_bases: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.legal_bases = legal_bases
        cast(forms.ChoiceField, self.fields["legal_basis"]).choices = [
            *legal_bases.items(),
            ("other", _("Another legal basis")),
        ]
        self.fields["signer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["signer_title"].widget.attrs["autocomplete"] = "organization-title"

    def clean(self) -> dict:
        data = super().clean()
        assert data is not None  # a Form's clean returns cleaned_data
        if data.get("legal_basis") == "other" and not data.get("other_basis", "").strip():
            self.add_error("other_basis", _("Write the legal basis."))
        return data

    @property
    def legal_basis_text(self) -> str:
        choice = self.cleaned_data["legal_basis"]
        if choice == "other":
            return self.cleaned_data["other_basis"].strip()
        return str(self.legal_bases[choice])
