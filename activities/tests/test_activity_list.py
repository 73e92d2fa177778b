"""The activity list: filters, CSV/Excel export with formula escaping, fixed query count."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import ActivityCategory
from core.exports import safe_cell
from tests.factories import ActivityFactory, ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre, name="Steg for Steg")


def _titles(response) -> str:
    return response.content.decode()


def test_it_filters_by_project_category_organiser_dates_and_cancelled(world, login, project):
    other_project = ProjectFactory(centre=world.centre, name="Ordinær drift")
    courses = ActivityCategory.objects.get(name="Kurs")
    ActivityFactory(project=project, title="Alfa", date=dt.date(2025, 1, 10))
    ActivityFactory(project=other_project, title="Beta", date=dt.date(2025, 2, 10))
    ActivityFactory(project=project, title="Gamma", category=courses, date=dt.date(2025, 3, 10))
    ActivityFactory(
        project=project, title="Delta", organiser=world.organisation, date=dt.date(2025, 4, 10)
    )
    ActivityFactory(project=project, title="Epsilon", cancelled=True, date=dt.date(2025, 5, 10))
    client = login(world.coordinator)
    url = reverse("activities:list")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {t for t in ("Alfa", "Beta", "Gamma", "Delta", "Epsilon") if f">{t}<" in page}

    assert titles() == {"Alfa", "Beta", "Gamma", "Delta", "Epsilon"}
    assert titles(project=other_project.pk) == {"Beta"}
    assert titles(category=courses.pk) == {"Gamma"}
    assert titles(organiser=world.organisation.pk) == {"Delta"}
    assert titles(date_from="2025-02-01", date_to="2025-03-31") == {"Beta", "Gamma"}
    assert titles(cancelled="true") == {"Epsilon"}
    assert titles(cancelled="false") == {"Alfa", "Beta", "Gamma", "Delta"}


def test_it_does_not_offer_another_centres_projects_as_a_filter(world, login, project):
    foreign = ProjectFactory(centre=world.other_centre, name="Fremmed prosjekt")
    page = login(world.coordinator).get(reverse("activities:list")).content.decode()
    assert "Steg for Steg" in page
    assert foreign.name not in page


def test_safe_cell_escapes_formula_starts():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("+SUM(A1)") == "'+SUM(A1)"
    assert safe_cell("-1") == "'-1"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("Turgruppe") == "Turgruppe"
    assert safe_cell(5) == 5


def test_it_exports_what_the_list_shows_as_csv_with_formulas_escaped(world, login, project):
    ActivityFactory(
        project=project, title="=cmd|' /C calc'!A0", date=dt.date(2025, 1, 10), participants=12
    )
    ActivityFactory(project=project, title="Skjult", date=dt.date(2024, 1, 10))
    response = login(world.coordinator).get(
        reverse("activities:list"), {"date_from": "2025-01-01", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Dato"
    assert len(rows) == 2
    assert rows[1][0] == "10.01.2025"
    assert rows[1][3] == "'=cmd|' /C calc'!A0"
    assert rows[1][8] == "12"


def test_it_exports_xlsx_with_formulas_escaped(world, login, project):
    ActivityFactory(project=project, title="@SUM(A1)", date=dt.date(2025, 1, 10))
    response = login(world.coordinator).get(reverse("activities:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["D1"].value == "Tittel"
    assert sheet["D2"].value == "'@SUM(A1)"
    assert sheet["D2"].data_type == "s"


def test_an_association_export_holds_only_its_own_activities(world, login, project):
    ActivityFactory(project=project, title="Vår", organiser=world.organisation)
    ActivityFactory(project=project, title="Deres", organiser=world.other_organisation)
    response = login(world.association).get(reverse("activities:list"), {"export": "csv"})
    body = response.content.decode("utf-8-sig")
    assert "Vår" in body
    assert "Deres" not in body


@pytest.mark.parametrize("size", [1, 30])
def test_it_runs_a_fixed_number_of_queries(world, login, project, size, django_assert_num_queries):
    ActivityFactory.create_batch(size, project=project, organiser=world.organisation)
    client = login(world.coordinator)
    # session, user, count, page rows, filter choices (projects, categories, organisers)
    with django_assert_num_queries(7):
        response = client.get(reverse("activities:list"))
    assert response.status_code == 200


def test_it_never_lists_another_centres_activities(world, login, project):
    ActivityFactory(project=project, title="Hjemme")
    ActivityFactory(project=ProjectFactory(centre=world.other_centre), title="Borte")
    for user in (world.coordinator, world.municipality_viewer):
        page = login(user).get(reverse("activities:list")).content.decode()
        assert "Hjemme" in page
        assert "Borte" not in page


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_municipality_exports_figures_not_the_notes(world, login, project, export):
    ActivityFactory(project=project, title="Felleslunsj", note="Kari kom ikke, ring henne")
    coordinator = login(world.coordinator).get(reverse("activities:list"), {"export": export})
    municipality = login(world.municipality_viewer).get(
        reverse("activities:list"), {"export": export}
    )

    def text(response) -> str:
        if export == "csv":
            return response.content.decode("utf-8-sig")
        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)

    assert "Kari kom ikke" in text(coordinator)
    assert "Kari kom ikke" not in text(municipality)
    assert "Felleslunsj" in text(municipality)
