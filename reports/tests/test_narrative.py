from django.urls import reverse

from reports.models import Narrative
from tests.factories import ProjectFactory

from .conftest import YEAR

URL = reverse("reports:narrative")


def test_it_saves_a_draft_and_then_the_final_text(world, login):
    client = login(world.coordinator)
    url = f"{URL}?kind=annual&year={YEAR}"
    response = client.post(url, {"evaluation": "Et travelt år.", "draft": ""}, follow=True)
    narrative = Narrative.objects.get()
    assert narrative.is_draft
    assert narrative.evaluation == "Et travelt år."
    assert narrative.updated_by == world.coordinator
    assert "Teksten ble lagret som utkast." in response.content.decode()

    client.post(url, {"evaluation": "Et godt år.", "final": ""})
    narrative.refresh_from_db()
    assert not narrative.is_draft
    assert narrative.evaluation == "Et godt år."
    assert Narrative.objects.count() == 1


def test_a_final_report_has_six_sections(world, login, django_assert_max_num_queries):
    project = ProjectFactory(centre=world.centre)
    client = login(world.coordinator)
    with django_assert_max_num_queries(10):
        page = client.get(f"{URL}?kind=final&year={YEAR}&project={project.pk}").content.decode()
    for name in Narrative.FINAL_SECTIONS:
        assert f'name="{name}"' in page


def test_it_checks_ownership(world, login):
    foreign = ProjectFactory(centre=world.other_centre)
    response = login(world.coordinator).get(f"{URL}?kind=final&year={YEAR}&project={foreign.pk}")
    assert response.status_code == 404


def test_it_requires_rw_access(world, login):
    response = login(world.municipality_viewer).post(
        f"{URL}?kind=annual&year={YEAR}", {"evaluation": "x"}
    )
    assert response.status_code == 403
    assert not Narrative.objects.exists()


def test_the_demo_seed_writes_its_narratives_once(db):
    import datetime as dt

    from demo.seed import seed

    seed(today=dt.date(2026, 11, 23))
    seed(today=dt.date(2026, 11, 23))
    assert Narrative.objects.filter(kind="annual", year=2025).count() == 1
    assert Narrative.objects.filter(kind="final").count() == 1


def test_it_answers_404_for_a_year_no_report_is_written_for(world, login):
    client = login(world.coordinator)
    for year in (99999, 1989, 2101, -1):
        assert client.get(f"{URL}?kind=annual&year={year}").status_code == 404, year
        response = client.post(f"{URL}?kind=annual&year={year}", {"evaluation": "x"})
        assert response.status_code == 404, year
    assert not Narrative.objects.exists()
    assert client.get(f"{URL}?kind=annual&year=1990").status_code == 200
    assert client.get(f"{URL}?kind=annual&year=2100").status_code == 200
