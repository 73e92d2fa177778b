import pytest
from django.urls import reverse

from reports.models import ReportJob

from .conftest import YEAR, done_job
from .factories import ReportJobFactory

URL = reverse("reports:list")


def jobs(world, n: int) -> None:
    for year in range(2000, 2000 + n):
        done_job(world.centre, year=year)
    done_job(world.sibling_centre, year=YEAR)
    done_job(world.other_centre, year=YEAR)


@pytest.mark.parametrize("n", [1, 12])
def test_it_lists_the_centres_reports_in_constant_queries(
    world, login, django_assert_num_queries, n
):
    jobs(world, n)
    client = login(world.coordinator)
    with django_assert_num_queries(6):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Last ned PDF") == n
    assert "Nordbyen" not in page


@pytest.mark.parametrize("n", [1, 12])
def test_the_municipality_sees_finished_reports_of_its_centres(
    world, login, django_assert_num_queries, n
):
    jobs(world, n)
    ReportJobFactory(centre=world.centre, year=1999, status="running")
    client = login(world.municipality_viewer)
    # 5, and 4 for last year's annual evaluation per centre (centres, jobs, narratives, asks).
    with django_assert_num_queries(9):
        response = client.get(URL)
    page = response.content.decode()
    assert page.count("Last ned PDF") == n + 1  # own centre plus the sibling centre
    assert "Lages nå" not in page
    assert "Nordbyen frivilligsentral" in page


def test_it_polls_while_a_report_is_being_made(world, login):
    job = ReportJobFactory(centre=world.centre, status="running")
    job.progress = 50
    job.save()
    client = login(world.coordinator)

    page = client.get(URL).content.decode()
    assert 'hx-trigger="every 2000ms"' in page
    assert 'value="50"' in page

    ReportJob.objects.update(status="done")
    partial = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial
    assert "<html" not in partial


def test_it_shows_the_message_of_a_failed_report(world, login):
    ReportJobFactory(centre=world.centre, status="failed", error="Databasen svarte ikke.")
    page = login(world.coordinator).get(URL).content.decode()
    assert "Mislyktes" in page
    assert "Databasen svarte ikke." in page


def test_a_failed_report_can_be_tried_again_or_deleted_from_the_list(
    world, login, django_capture_on_commit_callbacks
):
    failed = ReportJobFactory(centre=world.centre, year=YEAR, status="failed", error="Feil")
    client = login(world.coordinator)
    page = client.get(URL).content.decode()
    assert "Prøv igjen" in page and reverse("reports:delete", args=[failed.pk]) in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("reports:create"),
            {"kind": failed.kind, "year": failed.year, "project": "", "language": "nb"},
        )
    assert response.status_code == 302
    assert ReportJob.objects.filter(centre=world.centre, status="queued").count() == 1
