import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from organisations.models import Category
from organisations.services import organisation_create, organisation_update
from tests import factories as f

LIST = reverse("organisations:list")


def _names(response) -> list[str]:
    return [o.name for o in response.context["page"].object_list]


def _create(world, name, **data):
    return organisation_create(
        actor=f.access_of(world.coordinator), centre=world.centre, data={"name": name, **data}
    )


@pytest.mark.parametrize(
    "query",
    ["Blåbær", "blåbær", "BLÅBÆR", "blåb", "ÆR", "sanitetsarb", "Øst", "øst", "kari øst", "LØKKE"],
)
def test_it_searches_forgivingly_in_name_description_and_contact(world, login, query):
    _create(world, "Blåbærlaget Østby", description="Sanitetsarbeid", contact_name="Kari Løkke")
    response = login(world.coordinator).get(LIST, {"q": query})
    assert _names(response) == ["Blåbærlaget Østby"]


def test_it_does_not_find_what_does_not_match(world, login):
    _create(world, "Blåbærlaget")
    assert _names(login(world.coordinator).get(LIST, {"q": "tyttebær"})) == []


def test_it_filters_by_category_district_needs_and_archive(world, login):
    district = f.DistrictFactory(municipality=world.municipality, name="Sentrum")
    health = Category.objects.get_or_create(name="Helse")[0]
    first = _create(world, "Aa lag", needs_volunteers=True, district=district)
    organisation_update(
        actor=f.access_of(world.coordinator), organisation=first, data={}, categories=[health]
    )
    archived = _create(world, "Bb lag")
    archived.is_archived = True
    archived.save()
    client = login(world.coordinator)
    assert _names(client.get(LIST, {"category": health.pk})) == ["Aa lag"]
    assert _names(client.get(LIST, {"district": district.pk})) == ["Aa lag"]
    assert _names(client.get(LIST, {"needs_volunteers": "true"})) == ["Aa lag"]
    assert "Bb lag" not in _names(client.get(LIST))
    assert _names(client.get(LIST, {"status": "archived"})) == ["Bb lag"]
    assert "Bb lag" in _names(client.get(LIST, {"status": "all"}))


def test_it_filters_entries_not_confirmed_in_twelve_months(world, login):
    stale = _create(world, "Gammelt lag")
    stale.confirmed_at = timezone.now() - dt.timedelta(days=400)
    stale.save()
    never = _create(world, "Aldri bekreftet")
    response = login(world.coordinator).get(LIST, {"stale": "on"})
    assert sorted(_names(response)) == ["Aldri bekreftet", "Gammelt lag"]
    assert world.organisation.name not in _names(response)
    assert never.confirmation_due


def test_it_sorts_and_shows_the_number_of_hits(world, login):
    client = login(world.coordinator)
    response = client.get(LIST, {"sort": "-name"})
    assert _names(response) == ["Fjordvik Turlag", "Fjordvik Sanitetsforening"]
    assert "2 " in response.content.decode().split('id="hit-count"')[1][:40]


def test_it_paginates(world, login):
    for index in range(30):
        f.OrganisationFactory(centre=world.centre, name=f"Kor {index:02d}")
    response = login(world.coordinator).get(LIST, {"q": "kor", "page": 2})
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 5


def test_it_shows_only_the_coordinators_centre(world, login):
    names = _names(login(world.coordinator).get(LIST, {"status": "all"}))
    assert world.foreign_organisation.name not in names


def _add_organisations(world, count):
    categories = [Category.objects.get_or_create(name=f"Kategori x{i}")[0] for i in range(2)]
    district = f.DistrictFactory(municipality=world.municipality)
    for index in range(count):
        organisation = f.OrganisationFactory(centre=world.centre, district=district)
        organisation_update(
            actor=f.access_of(world.coordinator),
            organisation=organisation,
            data={"needs_volunteers": index % 2 == 0},
            categories=categories,
        )


def test_it_runs_a_fixed_number_of_queries(world, login, django_assert_num_queries):
    client = login(world.coordinator)
    _add_organisations(world, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST).status_code == 200
    _add_organisations(world, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_it_exports_exactly_what_the_filtered_list_shows_to_csv(world, login):
    for index in range(30):
        f.OrganisationFactory(centre=world.centre, name=f"Kor {index:02d}")
    _create(world, "=HYPERLINK(1)")
    client = login(world.coordinator)
    params = {"q": "kor", "sort": "-name"}
    listed = client.get(LIST, params).context["page"].paginator.object_list
    response = client.get(reverse("organisations:export", args=["csv"]), params)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [o.name for o in listed]
    assert len(rows) == 31


def test_it_exports_to_excel_and_escapes_formulas(world, login):
    _create(world, "=cmd|'/c calc'!A1", contact_name="@SUM(1)")
    client = login(world.coordinator)
    response = client.get(reverse("organisations:export", args=["xlsx"]), {"q": "calc"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "'=cmd|'/c calc'!A1"
    assert rows[1][4] == "'@SUM(1)"


def test_it_sorts_by_clicking_a_column_heading_and_keeps_the_filters(world, login):
    client = login(world.coordinator)
    response = client.get(LIST, {"q": "fjordvik", "sort": "name"})
    link = response.context["sort_links"]["name"]["url"]
    assert "q=fjordvik" in link and "sort=-name" in link
    assert _names(client.get(LIST + link)) == ["Fjordvik Turlag", "Fjordvik Sanitetsforening"]


def test_it_survives_nonsense_in_the_query_string(world, login):
    client = login(world.coordinator)
    for params in [
        {"district": "abc"},
        {"category": "999999"},
        {"sort": "password"},
        {"status": "x"},
        {"needs_volunteers": "kanskje"},
        {"page": "999"},
    ]:
        assert client.get(LIST, params).status_code == 200, params
        assert client.get(reverse("organisations:export", args=["csv"]), params).status_code == 200
    assert client.get(reverse("organisations:export", args=["pdf"])).status_code == 404
