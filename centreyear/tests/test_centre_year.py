"""The centre's year page: the coordinator enters the year, municipality viewers read it."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centreyear.models import CentreIncome, CentreYear

from .factories import CentreYearFactory, incomes

URL = reverse("centreyear:centre_year", kwargs={"year": 2026})


def english(client):
    """New text is asserted in English, so the tests hold before and after it is translated."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def post_data(*, version=0, lines=(), initial=0, final=False, **fields):
    data = {
        "version": str(version),
        "staff_fte": "1,5",
        "owner_name": "Fjordvik kommune",
        "owner_kind": "municipality",
        "advisory_body": "council",
        "voluntary_sector_on_body": "on",
        "premises": "Storgata 1",
        "incomes-TOTAL_FORMS": str(len(lines)),
        "incomes-INITIAL_FORMS": str(initial),
        "incomes-MIN_NUM_FORMS": "0",
        "incomes-MAX_NUM_FORMS": "50",
        **fields,
    }
    if final:
        data["is_final"] = "on"
    for i, line in enumerate(lines):
        for key, value in line.items():
            data[f"incomes-{i}-{key}"] = value
    return data


def test_it_saves_a_new_year_and_shows_the_local_share(world, login):
    client = english(login(world.coordinator))
    lines = [
        {"source": "state_grant", "amount": "480 046"},
        {"source": "municipality", "amount": "330000", "description": "Driftstilskudd"},
        {"source": "own_income", "amount": "kr 20 000"},
    ]

    response = client.post(URL, post_data(lines=lines, final=True))

    assert response.status_code == 302 and response.url == URL
    cy = CentreYear.objects.get(centre=world.centre, year=2026)
    assert (cy.staff_fte, cy.is_draft, cy.version, cy.updated_by) == (
        Decimal("1.5"),
        False,
        1,
        world.coordinator,
    )
    assert cy.incomes.count() == 3
    page = client.get(URL).content.decode()
    assert "The figures for 2026 were saved as final." in page
    assert "42.2\xa0%" in page
    assert "NOK\xa0830,046" in page
    assert "Final" in page


def test_it_shows_each_problem_of_the_year(world, login):
    cy = CentreYearFactory(centre=world.centre, year=2026, staff_fte=Decimal("0.5"))
    incomes(cy, state_grant=480_046, municipality=300_000)

    page = english(login(world.coordinator)).get(URL).content.decode()

    assert "38.5\xa0%" in page
    assert "2 conditions need attention" in page
    assert "below the required 40 %" in page
    assert "Staff is 0.50 full-time equivalents, below the required 1." in page


def test_it_offers_last_years_figures_as_a_draft_to_check(world, login):
    last = CentreYearFactory(centre=world.centre, year=2025, owner_name="Fjordvik kommune")
    incomes(last, state_grant=480_046, municipality=330_000)
    client = english(login(world.coordinator))

    page = client.get(URL).content.decode()

    assert "Carried forward from 2025 as a draft: check every figure and save." in page
    assert 'value="330000"' in page
    assert not CentreYear.objects.filter(year=2026).exists()

    # Saved untouched, the carried lines become this year's; last year's stay as they were.
    data = post_data(
        lines=[
            {"source": "state_grant", "amount": "480046"},
            {"source": "municipality", "amount": "330000"},
            {"source": "", "amount": ""},
        ]
    )
    assert client.post(URL, data).status_code == 302
    new = CentreYear.objects.get(centre=world.centre, year=2026)
    assert new.is_draft
    assert sorted(new.incomes.values_list("amount", flat=True)) == [330_000, 480_046]
    assert last.incomes.count() == 2
    assert "Carried forward" not in client.get(URL).content.decode()


def test_it_updates_and_deletes_income_lines(world, login):
    cy = CentreYearFactory(centre=world.centre, year=2026, version=4)
    keep, drop = incomes(cy, state_grant=480_046, municipality=1)
    lines = [
        {"id": str(keep.pk), "source": "state_grant", "amount": "480046"},
        {"id": str(drop.pk), "source": "municipality", "amount": "1", "DELETE": "on"},
        {"source": "private", "amount": "400000"},
    ]

    response = login(world.coordinator).post(URL, post_data(version=4, lines=lines, initial=2))

    assert response.status_code == 302
    cy.refresh_from_db()
    assert cy.version == 5
    assert sorted(cy.incomes.values_list("source", "amount")) == [
        ("private", 400_000),
        ("state_grant", 480_046),
    ]


def test_it_refuses_a_stale_form_and_saves_nothing(world, login):
    cy = CentreYearFactory(centre=world.centre, year=2026, version=2, owner_name="Før")
    (line,) = incomes(cy, state_grant=480_046)
    data = post_data(
        version=1,
        owner_name="Etter",
        lines=[{"id": str(line.pk), "source": "state_grant", "amount": "1"}],
        initial=1,
    )

    response = english(login(world.coordinator)).post(URL, data)

    assert response.status_code == 200
    assert "Someone else saved these figures while you were editing them." in (
        response.content.decode()
    )
    cy.refresh_from_db()
    assert (cy.owner_name, cy.version) == ("Før", 2)
    assert list(cy.incomes.values_list("amount", flat=True)) == [480_046]


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-5", "Verdien må være større enn eller lik 0."), ("tjue", "Oppgi et heltall.")],
)
def test_it_explains_bad_amounts_in_norwegian_and_saves_nothing(world, login, amount, message):
    data = post_data(lines=[{"source": "municipality", "amount": amount}])

    response = login(world.coordinator).post(URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'role="alert"' in page
    assert not CentreYear.objects.exists()
    assert not CentreIncome.objects.exists()


def test_it_asks_for_the_missing_facts_before_the_figures_are_final(world, login):
    data = post_data(final=True, staff_fte="", owner_kind="")

    response = english(login(world.coordinator)).post(URL, data)

    assert response.status_code == 200
    assert response.content.decode().count("Fill this in before you mark the figures") == 2
    assert not CentreYear.objects.exists()


def test_it_lets_the_municipality_viewer_read_the_year(world, login):
    cy = CentreYearFactory(centre=world.centre, year=2026)
    incomes(cy, state_grant=480_046, municipality=330_000, own_income=20_000)
    client = english(login(world.municipality_viewer))

    page = client.get(URL, {"centre": world.centre.pk}).content.decode()

    assert "42.2\xa0%" in page
    assert "Storgata 1" in page
    assert '<form method="post"' not in page
    # Several centres in the municipality: the page without ?centre= lets the viewer choose.
    choose = client.get(URL).content.decode()
    assert f"?centre={world.centre.pk}" in choose
    assert f"?centre={world.sibling_centre.pk}" in choose
    assert "Not entered" in choose


def test_it_does_not_show_the_viewer_an_unsaved_carried_draft(world, login):
    CentreYearFactory(centre=world.centre, year=2025, owner_name="Fjordvik kommune")
    page = english(login(world.municipality_viewer)).get(URL, {"centre": world.centre.pk})
    assert "has not entered its figures for 2026 yet" in page.content.decode()
    assert "Fjordvik kommune" not in page.content.decode()


def test_it_requires_rw_access(world, login):
    cy = CentreYearFactory(centre=world.centre, year=2026, version=1, owner_name="Før")
    client = login(world.municipality_viewer)
    data = post_data(version=1, owner_name="Etter")

    assert client.post(f"{URL}?centre={world.centre.pk}", data).status_code == 403
    assert client.post(URL, data).status_code == 403
    cy.refresh_from_db()
    assert cy.owner_name == "Før"


@pytest.mark.parametrize("role", ["other_municipality_viewer", "other_coordinator"])
def test_it_checks_ownership(world, login, role):
    CentreYearFactory(centre=world.centre, year=2026)
    client = login(getattr(world, role))
    assert client.get(URL, {"centre": world.centre.pk}).status_code == 404
    assert client.get(URL, {"centre": "x"}).status_code == 404
    assert client.get(URL, {"centre": "9" * 30}).status_code == 404


@pytest.mark.parametrize("role", ["association", "volunteer_user", "site_admin"])
def test_it_is_closed_to_other_roles(world, login, role):
    CentreYearFactory(centre=world.centre, year=2026)
    client = login(getattr(world, role))
    assert client.get(URL, {"centre": world.centre.pk}).status_code == 403
    assert client.post(URL, post_data()).status_code == 403


@pytest.mark.parametrize("year", [1989, 2101, 99999])
def test_it_answers_404_outside_1990_to_2100(world, login, year):
    url = reverse("centreyear:centre_year", kwargs={"year": year})
    assert login(world.coordinator).get(url).status_code == 404


def test_it_redirects_to_this_year(world, login):
    from django.utils import timezone

    response = login(world.coordinator).get(reverse("centreyear:centre_year_current"))
    year = timezone.localdate().year
    assert response.url == reverse("centreyear:centre_year", kwargs={"year": year})


@pytest.mark.parametrize("role", ["coordinator", "municipality_viewer"])
def test_it_runs_the_same_queries_for_1_and_6_income_lines(
    world, login, django_assert_num_queries, role
):
    client = login(getattr(world, role))
    url = f"{URL}?centre={world.centre.pk}"
    cy = CentreYearFactory(centre=world.centre, year=2026)
    incomes(cy, state_grant=480_046)
    client.get(url)  # warm up the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    incomes(cy, municipality=1, other_public=2, private=3, own_income=4)
    incomes(cy, municipality=5)
    assert len(one.captured_queries) <= 10
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_it_leaves_out_carried_lines_that_are_deleted_or_emptied(world, login):
    last = CentreYearFactory(centre=world.centre, year=2025)
    incomes(last, state_grant=480_046, municipality=330_000, private=10_000)
    data = post_data(
        lines=[
            {"source": "state_grant", "amount": "480046"},
            {"source": "municipality", "amount": "330000", "DELETE": "on"},
            {"source": "private", "amount": "", "description": ""},
            {"source": "", "amount": ""},
        ]
    )

    assert login(world.coordinator).post(URL, data).status_code == 302

    new = CentreYear.objects.get(centre=world.centre, year=2026)
    assert list(new.incomes.values_list("source", "amount")) == [("state_grant", 480_046)]
    assert last.incomes.count() == 3


def test_it_refuses_more_than_50_income_lines(world, login):
    lines = [{"source": "private", "amount": "1"}] * 51
    response = login(world.coordinator).post(URL, post_data(lines=lines))
    assert response.status_code == 200
    assert not CentreYear.objects.exists()
