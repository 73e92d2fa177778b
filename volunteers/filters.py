"""The coordinator's volunteer list filters (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import ShortListFilter
from core.models import District

from .models import BackgroundGroup, Interest, Volunteer

AVAILABILITY_CHOICES = [
    ("weekdays", _("Weekdays")),
    ("evenings", _("Evenings")),
    ("weekends", _("Weekends")),
]


class VolunteerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Volunteer.Status.choices, empty_label=_("All")
    )
    interests = ShortListFilter(
        label=_("Interest or skill"), queryset=Interest.objects.all(), empty_label=_("All")
    )
    availability = django_filters.ChoiceFilter(
        label=_("Available"), choices=AVAILABILITY_CHOICES, method="available", empty_label=_("All")
    )
    district = ShortListFilter(
        label=_("District"), queryset=District.objects.none(), empty_label=_("All")
    )
    background_groups = ShortListFilter(
        label=_("Background group"), queryset=BackgroundGroup.objects.all(), empty_label=_("All")
    )

    class Meta:
        model = Volunteer
        fields: list[str] = []

    def __init__(self, *args, municipality_ids=(), centre_ids=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["interests"].queryset = Interest.objects.usable_in(centre_ids)
        self.filters["background_groups"].queryset = BackgroundGroup.objects.usable_in(centre_ids)
        self.filters["district"].queryset = District.objects.filter(
            municipality_id__in=municipality_ids
        )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
                | Q(postal_code=word)
            )
        return queryset

    def available(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"available_{value}": True})
