"""Reads for the public pages, feeds and the open API: no login, nothing that is not public.

Every query of a centre-owned model goes through its explicit public scope
(`listed_publicly()`: associations that consented to the directory, activities and series
marked public, open tasks the centre made public), so the scope guard (`core.scopes`) lets it
through and nothing else. What these pages show of a row is its public fields only: never
counts of a single activity, hours, notes, contact people or who is matched to a task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from activities.models import Activity, ActivityCategory
from core import formatting
from core.models import Centre
from figures import catalogue, engine
from organisations import selectors as organisation_selectors
from organisations.models import Organisation
from projects.models import Project
from tasks.models import Task

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# How far back and ahead the iCalendar feeds reach.
FEED_PAST = dt.timedelta(days=90)
FEED_FUTURE = dt.timedelta(days=366)


def centres() -> QuerySet[Centre]:
    """The installation's centres (each has a public front page)."""
    return Centre.objects.select_related("municipality").order_by("name")


def centre_by_slug(slug: str) -> Centre:
    """A centre by its short name, or 404."""
    return get_object_or_404(Centre.objects.select_related("municipality"), slug=slug)


def public_activities(*, centre: Centre) -> QuerySet[Activity]:
    """The centre's activities marked public, soonest first, with what a listing shows."""
    return (
        Activity.objects.listed_publicly()
        .filter(centre=centre)
        .select_related("category", "organiser", "project")
        .order_by("date", "start_time", "title", "pk")
    )


@dataclass(frozen=True)
class CalendarFilter:
    category: int | None = None
    place: str = ""
    organiser: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> CalendarFilter:
        def number(name: str) -> int | None:
            raw = organisation_selectors.public_param(params, name)
            return int(raw) if raw.isdigit() and len(raw) < 10 else None

        return cls(
            category=number("category"),
            place=organisation_selectors.public_param(params, "place")[:200],
            organiser=number("organiser"),
        )

    def apply(self, qs: QuerySet[Activity]) -> QuerySet[Activity]:
        if self.category:
            qs = qs.filter(category_id=self.category)
        if self.place:
            qs = qs.filter(place=self.place)
        if self.organiser:
            qs = qs.filter(organiser_id=self.organiser)
        return qs


def calendar_week(
    *, centre: Centre, monday: dt.date, filters: CalendarFilter
) -> list[tuple[dt.date, list[Activity]]]:
    """The seven days from `monday`, each with its public activities (one query)."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    by_day: dict[dt.date, list[Activity]] = {day: [] for day in days}
    qs = filters.apply(public_activities(centre=centre)).filter(date__range=(days[0], days[-1]))
    for activity in qs:
        by_day[activity.date].append(activity)
    return list(by_day.items())


def calendar_upcoming(*, centre: Centre, filters: CalendarFilter) -> QuerySet[Activity]:
    """Public activities from today on (the list view and the embeddable list)."""
    return filters.apply(public_activities(centre=centre)).filter(date__gte=timezone.localdate())


def calendar_choices(*, centre: Centre) -> dict[str, Any]:
    """What the calendar's filters offer: the categories and places in use, the organisers."""
    qs = Activity.objects.listed_publicly().filter(centre=centre)
    category_ids = set(qs.values_list("category_id", flat=True).distinct())
    places = sorted({p for p in qs.values_list("place", flat=True).distinct() if p})
    organiser_ids = set(qs.exclude(organiser=None).values_list("organiser_id", flat=True))
    organisers = Organisation.objects.listed_publicly().filter(pk__in=organiser_ids)
    return {
        "categories": [c for c in ActivityCategory.objects.all() if c.pk in category_ids],
        "places": places,
        "organisers": list(organisers.order_by("name").only("pk", "name")),
    }


def feed_activities(*, centre: Centre, **filters: Any) -> QuerySet[Activity]:
    """The public activities a feed carries: from 90 days ago to a year ahead."""
    today = timezone.localdate()
    return public_activities(centre=centre).filter(
        date__range=(today - FEED_PAST, today + FEED_FUTURE), **filters
    )


def public_association(*, centre: Centre, pk: int) -> Organisation:
    """An association of the centre listed in the public directory, or 404."""
    return get_object_or_404(Organisation.objects.listed_publicly().filter(centre=centre), pk=pk)


def public_project(*, centre: Centre, slug: str) -> Project:
    """A project of the centre with at least one public activity (its name is then public)."""
    return get_object_or_404(Project.objects.listed_publicly().filter(centre=centre), slug=slug)


def public_tasks(*, centre: Centre) -> QuerySet[Task]:
    """Open tasks the centre made public, newest first."""
    return (
        Task.objects.listed_publicly()
        .filter(centre=centre)
        .select_related("district", "organisation")
        .order_by("starts_on", "-created_at")
    )


def directory_of(*, centre: Centre, categories: bool = True) -> QuerySet[Organisation]:
    """The centre's associations in the public directory (`categories=False`: without their
    categories, for a list that only names and links them)."""
    qs = organisation_selectors.public_directory(params={"centre": centre.slug})
    return qs if categories else qs.prefetch_related(None)


@dataclass(frozen=True)
class PublicFigure:
    """One published figure of a year: its catalogue definition and the engine's value."""

    definition: catalogue.Figure
    value: Any
    parts: tuple[PublicFigure, ...] = ()

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def label(self) -> StrOrPromise:
        return self.definition.label

    @property
    def note(self) -> StrOrPromise:
        return self.definition.note

    @property
    def decimals(self) -> int:
        return self.definition.decimals

    @property
    def text(self) -> str:
        """The value as the one formatter writes it, in the active language."""
        return catalogue.format_value(self.key, self.value)

    @property
    def number(self) -> int | float | None:
        """The value for JSON and spreadsheets (a number, rounded once to its decimals)."""
        return formatting.as_number(self.value, self.decimals)

    @property
    def period_label(self) -> str:
        return catalogue.period_label(self.definition)

    @property
    def unit_label(self) -> str:
        return catalogue.unit_label(self.definition)


@dataclass(frozen=True)
class PublicFigures:
    """A centre's published figures of a year, every one from the figures engine."""

    year: int
    # The day the stocks ("at the end of the year") are taken: 31 December, or today.
    as_of: dt.date
    by_key: dict[str, PublicFigure]

    def __getitem__(self, key: str) -> PublicFigure:
        return self.by_key[key]

    def __iter__(self):
        """Every published figure, parts included, in catalogue order."""
        return iter(self.by_key.values())

    @property
    def shown(self) -> list[PublicFigure]:
        """The figures as the front page lists them: a total carries its parts, which are not
        listed again on their own."""
        parts = {key for keys in catalogue.PARTS.values() for key in keys}
        return [figure for figure in self if figure.key not in parts]

    @property
    def running(self) -> bool:
        """Whether the year is still running (its stocks are taken today)."""
        return self.as_of < dt.date(self.year, 12, 31)


def public_figures(*, centre: Centre, year: int, today: dt.date | None = None) -> PublicFigures:
    """The figures the centre publishes (`figures.catalogue.published()`) for `year`, as the
    figures engine computes them for the public scope: the same numbers as every report.
    Counts only, nothing about a person; a fixed number of queries at any data size."""
    today = today or timezone.localdate()
    published = catalogue.published()
    computed = engine.compute(
        engine.Scope.public(centre),
        years=[year],
        today=today,
        keys=[figure.key for figure in published],
    )
    values = {figure.key: computed.get(figure.key, year) for figure in published}
    by_key: dict[str, PublicFigure] = {}
    for figure in published:
        parts = tuple(
            PublicFigure(catalogue.definition(part), values[part])
            for part in catalogue.PARTS.get(figure.key, ())
        )
        by_key[figure.key] = PublicFigure(figure, values[figure.key], parts)
    return PublicFigures(year=year, as_of=min(dt.date(year, 12, 31), today), by_key=by_key)
