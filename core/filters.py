"""Filter parts shared by the apps' list pages (django-filter)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django_filters import fields as filter_fields


class _OneFetch(ModelChoiceIterator):
    """A short list's choices (categories, districts, interests) read with one plain query.

    Django's iterator streams the choices through `QuerySet.iterator()`, which on PostgreSQL
    opens a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a list of a
    dozen rows, on every render of a filter bar."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class _OneFetchFilterChoices(filter_fields.ModelChoiceIterator, _OneFetch):
    """django-filter's iterator (the "null" choice) over `_OneFetch`."""


class _ShortListField(filter_fields.ModelChoiceField):
    iterator = _OneFetchFilterChoices

    def to_python(self, value: Any) -> Any:
        """The chosen row, found among the choices rather than by a query of its own (Django
        asks `queryset.get(pk=…)`): the rows read here are the queryset's, and the select's
        choices are then drawn from them, so a chosen filter costs no second query."""
        if self.null_label is not None and value == self.null_value:
            return value
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        try:
            wanted = field.to_python(value)
        except ValidationError:
            wanted = None
        if wanted is not None:
            for row in self.queryset:  # fills the queryset's cache, which the choices read
                if getattr(row, key) == wanted:
                    return row
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ShortListFilter(django_filters.ModelChoiceFilter):
    """A filter choosing one row of a short list; its choices and the chosen row cost one
    query together."""

    field_class = _ShortListField
