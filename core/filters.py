"""Filter parts shared by the apps' list pages (django-filter)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import django_filters
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


class ShortListFilter(django_filters.ModelChoiceFilter):
    """A filter choosing one row of a short list; its choices cost one query."""

    field_class = _ShortListField
