from django.urls import reverse

from .conftest import done_job
from .factories import ReportJobFactory


def test_the_municipality_downloads_a_finished_report_of_its_centre(world, login):
    job = done_job(world.sibling_centre)
    response = login(world.municipality_viewer).get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"


def test_a_municipality_viewer_of_another_municipality_gets_404(world, login):
    job = done_job(world.centre)
    response = login(world.other_municipality_viewer).get(
        reverse("reports:download", args=[job.pk])
    )
    assert response.status_code == 404


def test_it_checks_ownership(world, login):
    job = done_job(world.other_centre)
    response = login(world.coordinator).get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 404


def test_an_unfinished_report_cannot_be_downloaded(world, login):
    job = ReportJobFactory(centre=world.centre, status="running")
    assert (
        login(world.coordinator).get(reverse("reports:download", args=[job.pk])).status_code == 404
    )


def test_associations_and_volunteers_get_none(world, login):
    job = done_job(world.centre)
    for user in (world.association, world.volunteer_user):
        response = login(user).get(reverse("reports:download", args=[job.pk]))
        assert response.status_code == 403
