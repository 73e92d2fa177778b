from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks.models import Task
from volunteers.tests.factories import InterestFactory, MatchFactory, TaskFactory


def test_the_coordinator_posts_a_task(world, login):
    interest = InterestFactory()
    response = login(world.coordinator).post(
        reverse("volunteers:task_create"),
        {
            "title": "Sjåfør til felleslunsjen",
            "interests": [interest.pk],
            "volunteers_needed": "2",
            "needs_police_certificate": "on",
            "status": "open",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Sjåfør til felleslunsjen")
    assert task.centre == world.centre and task.needs_police_certificate
    assert list(task.interests.all()) == [interest]


def test_an_association_posts_a_task_for_its_own_association_only(world, login):
    client = login(world.association)
    data = {"title": "Hjelp på basar", "volunteers_needed": "1", "status": "open"}
    response = client.post(
        reverse("volunteers:task_create"), {**data, "organisation": world.other_organisation.pk}
    )
    assert response.status_code == 200  # not a choice for this user
    assert not Task.objects.exists()
    response = client.post(
        reverse("volunteers:task_create"), {**data, "organisation": world.organisation.pk}
    )
    assert response.status_code == 302
    assert Task.objects.get().organisation == world.organisation


def test_an_association_sees_only_its_own_tasks(world, login):
    own = TaskFactory(centre=world.centre, organisation=world.organisation, title="Vårt oppdrag")
    other = TaskFactory(centre=world.centre, organisation=world.other_organisation, title="Deres")
    client = login(world.association)
    page = client.get(reverse("volunteers:task_list")).content.decode()
    assert "Vårt oppdrag" in page and "Deres" not in page
    assert client.get(reverse("volunteers:task_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("volunteers:task_detail", args=[other.pk])).status_code == 404


def test_it_keeps_the_task_list_query_count_fixed(world, login, django_assert_num_queries):
    client = login(world.coordinator)
    url = reverse("volunteers:task_list")
    for _ in range(2):
        MatchFactory(task__centre=world.centre).task.interests.set([InterestFactory()])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        MatchFactory(task__centre=world.centre).task.interests.set([InterestFactory()])
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_it_checks_ownership(world, login):
    foreign = TaskFactory(centre=world.other_centre)
    client = login(world.coordinator)
    assert client.get(reverse("volunteers:task_edit", args=[foreign.pk])).status_code == 404
    other = TaskFactory(centre=world.centre, organisation=world.other_organisation)
    client = login(world.association)
    assert client.get(reverse("volunteers:task_edit", args=[other.pk])).status_code == 404


def test_it_requires_rw_access(world, login):
    task = TaskFactory(centre=world.centre)  # the centre's own task: readable? no, not theirs
    client = login(world.municipality_viewer)
    assert client.post(reverse("volunteers:task_edit", args=[task.pk]), {}).status_code == 403
    # An association may read a task of its association that the coordinator made for it, but
    # only the coordinator matches volunteers.
    shared = TaskFactory(centre=world.centre, organisation=world.organisation)
    client = login(world.association)
    response = client.post(reverse("volunteers:match_create", args=[shared.pk]), {"volunteer": 1})
    assert response.status_code == 403


def test_it_refuses_a_line_break_in_the_title(world, login):
    client = login(world.coordinator)
    for field in ("title", "when"):
        data = {"title": "Sjåfør", "volunteers_needed": "1", "status": "open"}
        data[field] = "Sjåfør\r\nBcc: alle@example.org"
        response = client.post(reverse("volunteers:task_create"), data)
        assert response.status_code == 200
        assert [e.code for e in response.context["form"].errors.as_data()[field]] == ["line_break"]
    assert not Task.objects.exists()
