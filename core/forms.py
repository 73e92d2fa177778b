"""Form fields shared by the apps."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import CentreIncome, CentreYear


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """`form.fields[name]`, typed as the model choice field it is (django-stubs types a form's
    fields as plain Fields, which have no `queryset` or `empty_label`)."""
    return cast(forms.ModelChoiceField, form.fields[name])


def refuse_line_breaks(value: str) -> None:
    """A single-line field (a title, a time) holds no line break: a browser's text input cannot
    send one, a script can, and such a title would end up in an e-mail subject."""
    if len(str(value).splitlines()) > 1:
        raise ValidationError(_("Write this on one line."), code="line_break")


_H_MM = re.compile(r"(\d{1,4}):([0-5]\d)")


class HoursField(forms.DecimalField):
    """Hours as people write them: 6, 1,5, 1.5 or hours and minutes (1:30), to a Decimal with two
    places (a third one is rounded half up, as 1:20 is). The limits and their messages are
    DecimalField's arguments; `empty_hours` is what a field left empty means (None: nothing,
    which a required field refuses)."""

    default_error_messages = {
        "invalid": _("Enter hours as a number (1,5) or as hours and minutes (1:30)."),
    }

    def __init__(self, *, empty_hours: Decimal | None = None, **kwargs: Any) -> None:
        self.empty_hours = empty_hours
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return self.empty_hours
        if isinstance(value, str):
            text = value.strip().replace(" ", "")
            match = _H_MM.fullmatch(text)
            if match:
                value = Decimal(match[1]) + Decimal(match[2]) / 60
            else:
                value = text.replace(",", ".")
        hours = super().to_python(value)
        if hours is None:
            return None
        try:
            return hours.quantize(Decimal(1).scaleb(-(self.decimal_places or 0)), ROUND_HALF_UP)
        except InvalidOperation:
            return hours  # NaN, infinity or too many digits: validation refuses it


# The widest primary key any of our databases stores (a signed 64-bit integer).
_MAX_KEY = 2**63 - 1


class SectionedFormMixin:
    """A long form shown in sections with headings (`partials/form_sections.html`).

    SECTIONS is [(heading, [field names])] in the order shown; a field the form has but no
    section names lands in the last section, so no field is ever left out."""

    SECTIONS: list = []

    if TYPE_CHECKING:  # mixed into a Form, which has these
        fields: dict[str, forms.Field]

        def visible_fields(self) -> list[forms.BoundField]: ...

        def __getitem__(self, name: str) -> forms.BoundField: ...

    @property
    def sections(self) -> list[tuple[str, list]]:
        """(heading, bound fields) of each section that has a field on this form."""
        named = {name for _title, names in self.SECTIONS for name in names}
        rest = [f for f in self.visible_fields() if f.name not in named]
        sections = []
        for index, (title, names) in enumerate(self.SECTIONS):
            fields = [self[name] for name in names if name in self.fields]
            if index == len(self.SECTIONS) - 1:
                fields += rest
            if fields:
                sections.append((title, fields))
        return sections


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a posted key no database can hold is a form error, not a crash.

    Django checks each key with a lazy filter, then runs one `IN` query: SQLite raises
    OverflowError there for a number above 64 bits. Such a key cannot be a valid choice.
    """

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else None
        if field is None:
            field = self.queryset.model._meta.get_field(key)
        if isinstance(field, (models.IntegerField, models.AutoField)):
            for item in value or ():
                try:
                    number = int(str(item).strip())
                except (TypeError, ValueError):
                    continue  # Django reports it as an invalid key
                if abs(number) > _MAX_KEY:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)


# --- The state grant's conditions per centre and year --------------------------------------------

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
            "premises",
        ]
        field_classes = {"staff_fte": FteField}
        widgets = {
            "staff_fte": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "premises": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["is_final"].initial = not self.instance.is_draft
        self.fields["staff_fte"].widget.is_localized = True  # shown as 1,50 in Norwegian
        self.fields["owner_name"].widget.attrs["autocomplete"] = "organization"

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


class ScopedModelFormSet(forms.BaseModelFormSet):
    """A model formset of centre-owned rows: the hidden id of each row is looked up in the
    formset's own (scoped) queryset, not in the model's unscoped default manager as Django
    does, so a posted id outside the user's rows is refused, not fetched."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        field = form.fields.get(self._pk_field.name)  # type: ignore[attr-defined]  # set by Django
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = self.get_queryset()


class CentreScopedInlineFormSet(ScopedModelFormSet, forms.BaseInlineFormSet):
    """The child rows of a centre-owned parent, read within the parent's centre."""

    def __init__(self, *args, instance=None, queryset=None, **kwargs) -> None:
        if queryset is None:
            manager = self.model._default_manager  # type: ignore[union-attr]  # the factory sets it
            centre_id = getattr(instance, "centre_id", None)
            queryset = manager.for_centre(centre_id) if centre_id else manager.none()
        # *args are only the data and the files, never the instance or the queryset.
        super().__init__(*args, instance=instance, queryset=queryset, **kwargs)  # type: ignore[misc]


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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


# The message of a count field (participants, volunteers) that is not a whole number >= 0.
COUNT_MESSAGE = _("Enter a whole number, 0 or more.")
