"""The coordinator's list filters: one FilterSet used by the list page and its exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.filters import ShortListFilter
from core.models import District
from core.permissions import Access, shared_rows

from .models import CONFIRMATION_INTERVAL, Category, Organisation, OrganisationKind


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter formats its "(descending)" labels once, at import, in the default language
    and without a Norwegian translation; these stay lazy and are translated per request."""

    def build_choices(self, fields, labels):
        ascending = [(param, labels.get(field, param)) for field, param in fields.items()]
        descending = [
            (f"-{param}", format_lazy(_("{label} (descending)"), label=label))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, description, contact person or e-mail. Part of a word is enough."),
    )
    category = ShortListFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        method="filter_category",
        empty_label=_("All categories"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        choices=OrganisationKind.choices,
        empty_label=_("All kinds"),
    )
    district = ShortListFilter(
        label=_("District"), queryset=District.objects.none(), empty_label=_("All districts")
    )
    needs_volunteers = django_filters.BooleanFilter(
        label=_("Needs volunteers"),
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))],
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("Active")), ("archived", _("Archived")), ("all", _("All"))],
        method="filter_status",
        empty_label=None,
    )
    stale = django_filters.BooleanFilter(
        label=_("Not confirmed in the last 12 months"),
        method="filter_stale",
        widget=forms.CheckboxInput,
    )
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "name"),
            ("district__name", "district"),
            ("confirmed_at", "confirmed"),
            ("created_at", "created"),
            ("member_count", "members"),
        ),
        field_labels={
            "name": _("Name"),
            "district__name": _("District"),
            "confirmed_at": _("Last confirmed"),
            "created_at": _("Registered"),
            "member_count": _("Members"),
        },
        empty_label=None,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, data=None, *args, access: Access | None = None, **kwargs) -> None:
        data = data.copy() if data is not None else {}
        if not data.get("status"):
            data["status"] = "active"
        super().__init__(data, *args, **kwargs)
        if access is not None:
            self.filters["category"].queryset = shared_rows(access, Category)
            self.filters["district"].queryset = District.objects.filter(
                municipality__centres__id__in=access.centre_ids
            ).distinct()

    @property
    def qs(self) -> QuerySet[Organisation]:
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by("name", "pk")
        return qs

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # search_text is kept in lowercase (casefold) by the services, so a lowercase LIKE works
        # for æøå on SQLite and PostgreSQL alike; every word must match somewhere.
        for word in value.casefold().split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_category(self, queryset: QuerySet, name: str, value: Category) -> QuerySet:
        return queryset.filter(ranked_categories__category=value).distinct()

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "archived":
            return queryset.filter(is_archived=True)
        if value == "all":
            return queryset
        return queryset.filter(is_archived=False)

    def filter_stale(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if not value:
            return queryset
        limit = timezone.now() - CONFIRMATION_INTERVAL
        return queryset.filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=limit))
