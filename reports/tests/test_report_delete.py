from django.urls import reverse

from reports.models import ReportJob

from .conftest import done_job


def test_the_coordinator_deletes_a_report(world, login):
    job = done_job(world.centre)
    response = login(world.coordinator).post(reverse("reports:delete", args=[job.pk]), follow=True)
    assert not ReportJob.objects.filter(pk=job.pk).exists()
    assert "Rapporten ble slettet." in response.content.decode()


def test_it_checks_ownership(world, login):
    job = done_job(world.other_centre)
    response = login(world.coordinator).post(reverse("reports:delete", args=[job.pk]))
    assert response.status_code == 404
    assert ReportJob.objects.filter(pk=job.pk).exists()


def test_it_requires_rw_access(world, login):
    job = done_job(world.centre)
    response = login(world.municipality_viewer).post(reverse("reports:delete", args=[job.pk]))
    assert response.status_code == 403
    assert ReportJob.objects.filter(pk=job.pk).exists()
