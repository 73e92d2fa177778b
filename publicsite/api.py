"""The open, read-only API of public data: /api/v1/ (django-ninja; OpenAPI at
/api/v1/openapi.json).

Only what the public pages show: the centres, the directory (contact details only with the
association's consent), activities marked public, and the centre's published figures from the
figures engine (the same numbers as its reports, as JSON numbers, each field named after its
catalogue key and described by the catalogue). No personal data: no volunteers, contact
people, notes, or counts of a single activity. Lists are paged (`?page=`, 50 a page); each
client address may make PUBLIC_API_RATE_PER_MINUTE requests a minute (429 beyond).
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.renderers import JSONRenderer
from ninja.throttling import BaseThrottle
from pydantic import create_model

from core.http import client_ip, over_rate
from core.models import FIRST_YEAR, LAST_YEAR
from figures import catalogue
from organisations import selectors as organisation_selectors

from . import selectors

PAGE_SIZE = 50


class PerAddressPerMinute(BaseThrottle):
    """The project's cache-counted rate limit (`core.http.over_rate`), per client address."""

    def allow_request(self, request: HttpRequest) -> bool:
        key = f"public-api:{client_ip(request) or 'unknown'}"
        return not over_rate(key, limit=settings.PUBLIC_API_RATE_PER_MINUTE, window=60)

    def wait(self) -> float:
        return 60.0


class Utf8Renderer(JSONRenderer):
    """æøå as themselves, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    """Documents what every operation may answer beside its own codes: 422 for parameters
    that do not validate, 429 over the rate limit."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        common = {
            "422": {
                "description": "The parameters do not validate.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"detail": {"type": "array", "items": {}}},
                            "required": ["detail"],
                        }
                    }
                },
            },
            "429": {
                "description": "Too many requests from this address: wait a minute.",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"detail": {"type": "string"}},
                            "required": ["detail"],
                        }
                    }
                },
            },
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                for code, response in common.items():
                    operation["responses"].setdefault(code, response)
        return schema


api = OpenDataAPI(
    title="Frivillig open data",
    version="1.0.0",
    description=(
        "Public data of the volunteer centres: the directory of associations, public "
        "activities and each centre's public figures. Read-only, no personal data.\n\n"
        "The figures are those of the centre's reports, computed by one engine from one "
        "catalogue of definitions. Each figure field is named after its catalogue key, with the "
        "dot as an underscore (`volunteer_hours.total` is `volunteer_hours_total`), and its "
        "description says what it is and how it is counted. Each centre's page "
        "`/c/{slug}/figures/` (About the figures) lists the same definitions with the year's "
        "values, in Norwegian and English."
    ),
    urls_namespace="api",
    throttle=[PerAddressPerMinute()],
    renderer=Utf8Renderer(),
    docs_url=None,
)


class Error(Schema):
    detail: str


class CentreOut(Schema):
    slug: str
    name: str
    municipality: str
    email: str
    phone: str
    address: str
    website: str
    default_language: str


class AssociationOut(Schema):
    id: int
    name: str
    kind: str = Field(
        description="association, social_entrepreneur, foundation or centre (the centre itself)."
    )
    organisation_number: str
    centre: str
    categories: list[str]
    description: str
    offers: str
    target_groups: str
    postal_place: str
    district: str
    needs_volunteers: bool
    volunteer_needs: str
    email: str = Field(description="Empty unless the association consented to show it.")
    phone: str = Field(description="Empty unless the association consented to show it.")
    website: str = Field(description="Empty unless the association consented to show it.")
    page: str = Field(
        description="The association's public page: its consented contacts, its public "
        "activities and a form to offer help."
    )


class ActivityOut(Schema):
    id: int
    title: str
    date: dt.date
    start: dt.datetime | None = Field(description="Europe/Oslo time, with its UTC offset.")
    end: dt.datetime | None
    place: str
    category: str
    organiser: str
    organiser_id: int | None
    project: str
    cancelled: bool


def field_name(key: str) -> str:
    """A catalogue key as an API field: the dot becomes an underscore (volunteer_hours.total is
    volunteer_hours_total)."""
    return key.replace(".", "_")


def _definition(figure) -> str:
    """A figure's label, how it is counted, its unit and period, in English (the OpenAPI
    document is English): the catalogue's words, as on the About the figures page."""
    with translation.override("en"):
        return (
            f"{figure.label} ({figure.key}). {figure.note} "
            f"{catalogue.unit_label(figure)}; {catalogue.period_label(figure).lower()}."
        )


# The fields of the first API version, kept with the official value of the figure they now
# name; `volunteer_hours` was the hours on activities only, and is now the total.
DEPRECATED_FIELDS = {
    "activities": "activities.held",
    "participants": "participants.total",
    "volunteer_hours": "volunteer_hours.total",
    "associations": "associations.registered",
}


def _figure_field(figure, *, deprecated_for: str | None = None):
    kind = int if figure.decimals == 0 else float
    description = _definition(figure)
    if deprecated_for:
        description = (
            f"Deprecated: the same value as `{field_name(figure.key)}`; use that. " + description
        )
    return (
        kind | None,
        Field(description=description, deprecated=bool(deprecated_for)),
    )


def _figures_schema() -> type[Schema]:
    """FiguresOut: one field per published figure (catalogue.published()), named after its key,
    described by the catalogue in English; a figure the centre has nothing to count from (no
    participants counted) is null."""
    fields: dict[str, Any] = {
        "centre": (str, Field(description="The centre's short name (slug).")),
        "year": (int, ...),
        "as_of": (
            dt.date,
            Field(
                description=(
                    "The day the figures counted at the end of the year are taken: 31 December, "
                    "or today while the year runs."
                )
            ),
        ),
        "about": (
            str,
            Field(description="The page that defines each figure (About the figures)."),
        ),
    }
    for figure in catalogue.published():
        fields[field_name(figure.key)] = _figure_field(figure)
    for name, key in DEPRECATED_FIELDS.items():
        fields[name] = _figure_field(catalogue.definition(key), deprecated_for=key)
    fields["associations_listed"] = (
        int,
        Field(
            description=(
                "Deprecated, not a figure of the catalogue: the associations listed in the "
                "public directory now (the directory's `count` gives the same)."
            ),
            deprecated=True,
        ),
    )
    return create_model("FiguresOut", __base__=Schema, **fields)


FiguresOut = _figures_schema()


class ActivityFilter(Schema):
    from_date: dt.date | None = Field(None, description="Default: today.")
    to_date: dt.date | None = None
    category: int | None = Field(None, ge=1, le=2_000_000_000)
    organiser: int | None = Field(None, ge=1, le=2_000_000_000)


class Paging(PageNumberPagination):
    """Pages of 50 (`page_size` up to 100), and a page number a database can hold: a page
    past the last is empty, one beyond any database's integers is a 422, not a 500."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


class Rows(Sequence):
    """A queryset seen as a sequence of API rows: the paginator slices it in the database (one
    page read, one count), and only that page is turned into rows."""

    def __init__(self, queryset: QuerySet, to_row: Callable[[Any], dict]) -> None:
        self.queryset = queryset
        self.to_row = to_row

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.to_row(row) for row in self.queryset[index]]
        return self.to_row(self.queryset[index])


def _centre(slug: str):
    centre = selectors.centres().filter(slug=slug).first()
    if centre is None:
        raise HttpError(404, "No such centre.")
    return centre


def _centre_out(centre) -> dict:
    return {
        "slug": centre.slug,
        "name": centre.name,
        "municipality": centre.municipality.name,
        "email": centre.email,
        "phone": centre.phone,
        "address": centre.address,
        "website": centre.website,
        "default_language": centre.default_language,
    }


@api.get("/centres", response=list[CentreOut], tags=["centres"])
@paginate(Paging, page_size=PAGE_SIZE)
def list_centres(request: HttpRequest):
    """The installation's volunteer centres."""
    return Rows(selectors.centres(), _centre_out)


@api.get(
    "/centres/{slug}/associations",
    response={200: list[AssociationOut], 404: Error},
    tags=["directory"],
)
@paginate(Paging, page_size=PAGE_SIZE)
def list_associations(request: HttpRequest, slug: str, needs_volunteers: bool = False):
    """The centre's associations in the public directory."""
    centre = _centre(slug)
    params = {"centre": centre.slug, "needs": "1" if needs_volunteers else ""}
    return Rows(
        organisation_selectors.public_directory(params=params),
        lambda organisation: organisation_selectors.public_directory_rows([organisation])[0],
    )


def _activity_out(activity, zone) -> dict:
    def at(time):
        return dt.datetime.combine(activity.date, time, tzinfo=zone) if time else None

    return {
        "id": activity.pk,
        "title": activity.title,
        "date": activity.date,
        "start": at(activity.start_time),
        "end": at(activity.end_time),
        "place": activity.place,
        "category": activity.category.label,
        "organiser": activity.organiser.name if activity.organiser else "",
        "organiser_id": activity.organiser_id,
        "project": activity.project.name,
        "cancelled": activity.cancelled,
    }


@api.get(
    "/centres/{slug}/activities",
    response={200: list[ActivityOut], 404: Error},
    tags=["activities"],
)
@paginate(Paging, page_size=PAGE_SIZE)
def list_activities(request: HttpRequest, slug: str, filters: Query[ActivityFilter]):
    """The centre's activities marked public, from `from_date` (default today), soonest first."""
    from zoneinfo import ZoneInfo

    centre = _centre(slug)
    qs = selectors.public_activities(centre=centre).filter(
        date__gte=filters.from_date or timezone.localdate()
    )
    if filters.to_date:
        qs = qs.filter(date__lte=filters.to_date)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.organiser:
        qs = qs.filter(organiser_id=filters.organiser)
    zone = ZoneInfo(settings.TIME_ZONE)
    return Rows(qs, lambda activity: _activity_out(activity, zone))


@api.get(
    "/centres/{slug}/figures",
    response={200: FiguresOut, 404: Error},
    tags=["figures"],
)
def centre_figures(
    request: HttpRequest,
    slug: str,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR),
):
    """The centre's published figures for a year (default this year), from the figures engine:
    the same numbers as its reports. Each field is a catalogue key with the dot as an
    underscore (`volunteer_hours.total` is `volunteer_hours_total`); each figure's definition is
    in its description here and at `about`."""
    centre = _centre(slug)
    figures = selectors.public_figures(centre=centre, year=year or timezone.localdate().year)
    values = {field_name(figure.key): figure.number for figure in figures}
    for name, key in DEPRECATED_FIELDS.items():
        values[name] = figures[key].number
    return {
        "centre": centre.slug,
        "year": figures.year,
        "as_of": figures.as_of,
        "about": request.build_absolute_uri(reverse("public:figures", args=[centre.slug])),
        **values,
        "associations_listed": selectors.directory_of(centre=centre).count(),
    }
