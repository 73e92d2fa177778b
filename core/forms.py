"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# The widest primary key any of our databases stores (a signed 64-bit integer).
_MAX_KEY = 2**63 - 1


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
