"""The open API: schemathesis against its OpenAPI document, in-process (no network); paging,
the rate limit and no personal data."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from publicsite.api import api
from tests import factories as f

from .conftest import PRIVATE

# The document the API serves at /api/v1/openapi.json, and the Django app itself: every request
# runs in-process through the whole middleware stack, never over the network.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def keep_connection():
    """Calling the WSGI app directly sends request_started/finished, whose handler closes the
    database connection: on PostgreSQL that is the test's own connection, inside its
    transaction. Django's test client disconnects the handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(db, settings):
    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    centre = f.CentreFactory(slug="fjordvik")
    organisation = f.OrganisationFactory(centre=centre, is_public=True, needs_volunteers=True)
    f.ActivityFactory(
        project=f.ProjectFactory(centre=centre), is_public=True, organiser=organisation
    )
    return centre


@schema.parametrize()
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_it_keeps_to_its_openapi_document(case, api_data, keep_connection):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )


def test_it_serves_the_openapi_document(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Frivillig open data"
    assert "/api/v1/centres/{slug}/activities" in document["paths"]


def test_it_pages_the_directory(client, api_data, settings):
    for n in range(55):
        f.OrganisationFactory(centre=api_data, is_public=True, name=f"Lag {n:02d}")
    url = reverse("api:list_associations", kwargs={"slug": api_data.slug})
    first = client.get(url).json()
    second = client.get(url, {"page": 2}).json()
    assert first["count"] == 56
    assert len(first["items"]) == 50
    assert len(second["items"]) == 6


def test_it_refuses_a_page_number_beyond_reason(client, api_data):
    url = reverse("api:list_centres")
    assert client.get(url, {"page": 10**30}).status_code == 422
    assert client.get(url, {"page": 999}).json()["items"] == []


def test_it_limits_the_rate_per_address(client, db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_API_RATE_PER_MINUTE = 3
    statuses = [client.get(reverse("api:list_centres")).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_it_shows_no_personal_data(client, public_world, settings):
    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    slug = public_world.centre.slug
    bodies = [
        client.get(reverse(f"api:{name}", kwargs={"slug": slug})).content.decode()
        for name in ("list_associations", "list_activities", "centre_figures")
    ]
    text = "".join(bodies)
    assert "Åpen turgruppe" in text
    assert "apen-kontakt@example.org" in text
    for private in PRIVATE:
        assert private not in text


def test_it_reads_the_figures_from_the_figures_engine(client, public_world, settings):
    from django.utils import timezone

    from figures import engine

    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    centre = public_world.centre
    figures = client.get(reverse("api:centre_figures", kwargs={"slug": centre.slug})).json()
    today = timezone.localdate()
    expected = engine.compute(engine.Scope.public(centre), years=[today.year], today=today)
    assert figures["activities_held"] == expected.get("activities.held", today.year) == 2
    assert figures["activities"] == figures["activities_held"]
    assert figures["participants_total"] == expected.get("participants.total", today.year)
    assert figures["associations_listed"] == 2


@pytest.mark.parametrize("size", [3, 60])
def test_it_reads_a_page_in_fixed_queries(client, api_data, size, django_assert_num_queries):
    project = f.ProjectFactory(centre=api_data)
    for n in range(size):
        organisation = f.OrganisationFactory(centre=api_data, is_public=True, name=f"Lag {n}")
        f.ActivityFactory(project=project, is_public=True, organiser=organisation)
    for name, queries in (("list_associations", 4), ("list_activities", 3)):
        url = reverse(f"api:{name}", kwargs={"slug": api_data.slug})
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_it_gives_the_figures_as_numbers_under_their_catalogue_keys(client, public_world, settings):
    from figures import catalogue
    from publicsite.api import DEPRECATED_FIELDS, field_name

    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    url = reverse("api:centre_figures", kwargs={"slug": public_world.centre.slug})
    body = client.get(url).json()
    for figure in catalogue.published():
        value = body[field_name(figure.key)]
        assert value is None or type(value) is (int if figure.decimals == 0 else float)
    for name, key in DEPRECATED_FIELDS.items():
        assert body[name] == body[field_name(key)]
    assert field_name("volunteer_hours.total") == "volunteer_hours_total"


def test_it_describes_every_figure_field_in_the_openapi_document(client, db):
    from django.utils import translation

    from figures import catalogue
    from publicsite.api import DEPRECATED_FIELDS, field_name

    document = client.get("/api/v1/openapi.json").json()
    fields = document["components"]["schemas"]["FiguresOut"]["properties"]
    with translation.override("en"):
        for figure in catalogue.published():
            description = fields[field_name(figure.key)]["description"]
            assert str(figure.label) in description
            assert str(figure.note) in description
            assert figure.key in description
            assert "deprecated" not in fields[field_name(figure.key)]
        for name, key in DEPRECATED_FIELDS.items():
            assert fields[name]["deprecated"] is True
            assert str(catalogue.definition(key).note) in fields[name]["description"]
    assert all(field.get("description") for name, field in fields.items() if name != "year")
