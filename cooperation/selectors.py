"""Reads of the cooperation app: every list scoped to the user first (core.permissions), then
filtered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from core.models import Centre, District
from core.permissions import Access

from .models import (
    BookletJob,
    Contribution,
    CooperationForm,
    MunicipalUnit,
    Partnership,
    Side,
    Story,
    StoryConsent,
    Theme,
)


def units_of(access: Access) -> QuerySet[MunicipalUnit]:
    """The municipal units of the municipalities of the user's centres."""
    return (
        MunicipalUnit.objects.filter(municipality__centres__id__in=access.centre_ids)
        .distinct()
        .select_related("district")
    )


def districts_of(access: Access) -> QuerySet[District]:
    return District.objects.filter(municipality__centres__id__in=access.centre_ids).distinct()


def _param(params: Any, name: str) -> str:
    return str(params.get(name) or "").replace("\x00", "").strip()


def _id(params: Any, name: str) -> int | None:
    value = _param(params, name)
    return int(value) if value.isdigit() and len(value) < 10 else None


def partnership_list(*, access: Access, params: Any) -> QuerySet[Partnership]:
    """The partnerships the user may see, filtered by `organisation`, `unit`, `district`,
    `status`, `form` and `q` (words in the name and purpose)."""
    qs = (
        Partnership.objects.visible_to(access)
        .select_related("organisation", "district", "centre")
        .prefetch_related("units")
    )
    if (organisation := _id(params, "organisation")) is not None:
        qs = qs.filter(organisation_id=organisation)
    if (unit := _id(params, "unit")) is not None:
        qs = qs.filter(units__id=unit)
    if (district := _id(params, "pdistrict")) is not None:
        qs = qs.filter(Q(district_id=district) | Q(units__district_id=district))
    status = _param(params, "status")
    if status in Partnership.Status.values:
        qs = qs.filter(status=status)
    form = _param(params, "form")
    if form in CooperationForm.values:
        qs = qs.filter(forms__contains=form)
    for word in _param(params, "q").split():
        qs = qs.filter(Q(title__icontains=word) | Q(purpose__icontains=word))
    return qs.distinct().order_by("title", "pk")


def partnership_detail(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return qs.select_related("organisation", "district", "centre").prefetch_related(
        "units",
        "projects",
        "series",
        "contributions",
        Prefetch("contacts"),
        "outcomes",
        Prefetch("stories", queryset=Story.objects.order_by("-updated_at")),
    )


def contributions_by_year(partnership: Partnership) -> list[dict[str, Any]]:
    """Each year's contributions, organisation's side and municipality's side apart (from the
    prefetched rows: no query)."""
    years: dict[int, dict[str, list[Contribution]]] = {}
    for row in partnership.contributions.all():
        years.setdefault(row.year, {Side.ORGANISATION: [], Side.MUNICIPALITY: []})[row.side].append(
            row
        )
    return [
        {
            "year": year,
            "organisation": sides[Side.ORGANISATION],
            "municipality": sides[Side.MUNICIPALITY],
        }
        for year, sides in sorted(years.items())
    ]


def stories_to_approve(*, access: Access) -> QuerySet[Story]:
    return (
        Story.objects.visible_to(access)
        .filter(status=Story.Status.SUBMITTED)
        .select_related("partnership__organisation")
    )


def story_consents(story: Story) -> dict[str, StoryConsent]:
    """Each side's consent in force."""
    return {c.side: c for c in story.consents.all() if c.withdrawn_at is None}


def _published(qs: QuerySet[Story]) -> QuerySet[Story]:
    return qs.select_related("partnership__organisation", "centre").prefetch_related(
        "partnership__units",
        Prefetch(
            "consents",
            queryset=StoryConsent.objects.system().filter(withdrawn_at__isnull=True),
        ),
    )


def published_stories(*, centres: Iterable[Centre | int], params: Any = None) -> QuerySet[Story]:
    """The published stories of these centres (no login needed), searchable by `theme` and
    `q` (words in the title and the answers)."""
    ids = [c if isinstance(c, int) else c.pk for c in centres]
    qs = _published(Story.objects.listed_publicly().filter(centre_id__in=ids))
    params = params or {}
    theme = _param(params, "theme")
    if theme in Theme.values:
        qs = qs.filter(theme=theme)
    for word in _param(params, "q").split():
        match = Q(title__icontains=word)
        for name in Story.QUESTIONS:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(match)
    return qs.order_by("-published_at", "pk")


def public_story_parts(story: Story) -> dict[str, Any]:
    """What the public page shows of a story's parties: names and contacts only as consented
    (the prefetched consents in force)."""
    consents = {c.side: c for c in story.consents.all()}
    organisation = consents.get(Side.ORGANISATION)
    municipality = consents.get(Side.MUNICIPALITY)
    return {
        "organisation_name": story.partnership.organisation.name
        if organisation and organisation.shows_name
        else "",
        "organisation_contact": organisation
        if organisation and organisation.shows_contact
        else None,
        "units": [u.name for u in story.partnership.units.all()]
        if municipality and municipality.shows_name
        else [],
        "municipality_contact": municipality
        if municipality and municipality.shows_contact
        else None,
    }


def booklet_jobs(*, access: Access) -> QuerySet[BookletJob]:
    return BookletJob.objects.visible_to(access).order_by("-queued_at", "-pk")[:5]
