"""Reads of projects, targets and activities (lists, details, the activity filter).

Every selector takes the user's `Access` and scopes through `visible_to(access)` first, so a
caller can never read another centre's rows. Figures (activities held, participants, hours,
targets against results) are not counted here: `figures.engine` is the one place that counts
them, and `figures.presenters` builds the dashboard's and the project page's figures.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import ShortListFilter
from core.models import Centre
from core.permissions import Access
from organisations.models import Organisation
from projects.models import (
    Project,
)
from projects.selectors import organisers_for, project_list

from .models import Activity, ActivityCategory, ActivitySeries

# --- Projects ------------------------------------------------------------------------------------


# --- Activities ----------------------------------------------------------------------------------


def public_defaults(*, centre: Centre) -> dict[str, bool]:
    """Whether a new activity of each category starts public in `centre` (by category id as
    text, "" for none chosen yet): the centre's setting unless the category says otherwise."""
    defaults = {"": centre.activities_public_by_default}
    for category in ActivityCategory.objects.all():
        defaults[str(category.pk)] = category.starts_public(centre)
    return defaults


def activity_list(*, access: Access) -> QuerySet[Activity]:
    """The activities the user may see: coordinators and municipality viewers all of their
    centres', association users only those their association organises."""
    return Activity.objects.visible_to(access).select_related("project", "category", "organiser")


def series_list(*, access: Access) -> QuerySet[ActivitySeries]:
    """The weekly series the user may see, with how many dates each has created."""
    return (
        ActivitySeries.objects.visible_to(access)
        .select_related("project", "category", "organiser")
        .annotate(occurrence_count=Count("activities"))
    )


class ActivityFilter(django_filters.FilterSet):
    """Filters of the activity list and its export. Choices are scoped to the user."""

    project = ShortListFilter(
        queryset=Project.objects.none(), label=_("Project"), empty_label=_("All projects")
    )
    category = ShortListFilter(
        queryset=ActivityCategory.objects.all(), label=_("Category"), empty_label=_("All")
    )
    organiser = ShortListFilter(
        queryset=Organisation.objects.none(), label=_("Organiser"), empty_label=_("All")
    )
    date_from = django_filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = django_filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("To date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cancelled = django_filters.BooleanFilter(
        label=_("Cancelled"),
        widget=forms.Select(
            choices=[("", _("All")), ("false", _("Held")), ("true", _("Cancelled"))]
        ),
    )

    class Meta:
        model = Activity
        fields = ["project", "category", "organiser", "date_from", "date_to", "cancelled"]

    def __init__(self, data=None, *args, access: Access, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["project"].queryset = project_list(access=access)
        self.filters["organiser"].queryset = organisers_for(access=access)


def filtered_activities(*, access: Access, params) -> ActivityFilter:
    """The FilterSet over the user's activities; `.qs` is the filtered queryset."""
    return ActivityFilter(params or None, queryset=activity_list(access=access), access=access)


def activities_missing_counts(
    *, access: Access, today: dt.date, project: Project | None = None, limit: int = 40
) -> QuerySet[Activity]:
    """Past activities, not cancelled, whose participant count is still empty (oldest first)."""
    qs = activity_list(access=access).filter(
        date__lte=today, cancelled=False, participants__isnull=True
    )
    if project is not None:
        qs = qs.filter(project=project)
    return qs.order_by("date", "start_time", "pk")[:limit]


# --- A project's years ----------------------------------------------------------------------------


def project_years(*, access: Access, project: Project, until: int) -> range:
    """The years of a project: from its start to its end or `until`, whichever comes first.

    Without a start date, from the year of its first activity (or `until`). One query at most.
    An end before the start gives an empty range.
    """
    last = min(project.end_date.year, until) if project.end_date else until
    if project.start_date:
        first = project.start_date.year
    else:
        first_day = (
            activity_list(access=access)
            .filter(project=project)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
        first = first_day.year if first_day else last
    return range(first, last + 1)


# --- Goals and budget ------------------------------------------------------------------------
