from django.urls import reverse

from reports.models import ReportJob

from .conftest import YEAR

URL = reverse("reports:create")


def test_it_queues_a_report_and_shows_it_in_the_list(
    world, login, project_231, django_capture_on_commit_callbacks, eager_tasks
):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"kind": "annual", "year": YEAR, "project": "", "language": "nb"}, follow=True
        )

    job = ReportJob.objects.get()
    assert job.centre == world.centre
    assert job.requested_by == world.coordinator
    assert job.status == ReportJob.Status.DONE
    assert "Rapporten lages nå" in response.content.decode()


def test_it_asks_for_the_project_of_a_final_report(world, login):
    response = login(world.coordinator).post(
        URL, {"kind": "final", "year": YEAR, "project": "", "language": "nb"}
    )
    assert response.status_code == 200
    assert "Velg prosjektet sluttrapporten gjelder." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_it_refuses_a_project_of_another_centre(world, login):
    from tests.factories import ProjectFactory

    foreign = ProjectFactory(centre=world.other_centre)
    response = login(world.coordinator).post(
        URL, {"kind": "final", "year": YEAR, "project": foreign.pk, "language": "nb"}
    )
    assert response.status_code == 200
    assert not ReportJob.objects.exists()


def test_it_requires_rw_access(world, login):
    response = login(world.municipality_viewer).post(
        URL, {"kind": "annual", "year": YEAR, "project": "", "language": "nb"}
    )
    assert response.status_code == 403
    assert not ReportJob.objects.exists()


def test_it_previews_the_report_as_html(world, login, project_231, django_assert_max_num_queries):
    client = login(world.coordinator)
    with django_assert_max_num_queries(25):
        response = client.get(
            reverse("reports:preview"),
            {"kind": "annual", "year": YEAR, "project": project_231.pk, "language": "nb"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span data-figure="activities.held">231</span> av 220 planlagte aktiviteter' in page
    assert "<svg" in page
    assert "style=" not in page.split('<article class="report')[1]
    assert not ReportJob.objects.exists()


def test_the_preview_of_a_final_report_has_the_six_sections(world, login, project_231):
    response = login(world.coordinator).get(
        reverse("reports:preview"),
        {"kind": "final", "year": YEAR, "project": project_231.pk, "language": "en"},
    )
    page = response.content.decode()
    assert "Goals, target group and background" in page
    assert "Summary and further plans" in page
