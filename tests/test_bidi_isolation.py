"""A name holding a right-to-left override (U+202E) is isolated in <bdi>, so it cannot reorder
the table cell or heading around it."""

from django.urls import reverse

from tests import factories as f
from volunteers.tests.factories import MatchFactory, TaskFactory

RLO = "\u202e"


def _isolated(response, text):
    assert response.status_code == 200
    return f"<bdi>{text}</bdi>" in response.content.decode()


def test_it_isolates_association_names_in_the_list_detail_and_directory(world, login, client):
    name = f"Lag {RLO}gal"
    organisation = f.OrganisationFactory(
        centre=world.centre, name=name, contact_name=f"Kari {RLO}Nordmann", is_public=True
    )
    client = login(world.coordinator)
    listed = client.get(reverse("organisations:list"))
    assert _isolated(listed, name) and _isolated(listed, f"Kari {RLO}Nordmann")
    detail = client.get(reverse("organisations:detail", args=[organisation.pk]))
    assert _isolated(detail, name) and _isolated(detail, f"Kari {RLO}Nordmann")
    assert _isolated(login(None).get(reverse("organisations:directory")), name)


def test_it_isolates_volunteer_names_in_the_list_and_detail(world, login):
    volunteer = f.VolunteerFactory(centre=world.centre, first_name="Ola", last_name=f"{RLO}Nor")
    client = login(world.coordinator)
    assert _isolated(client.get(reverse("volunteers:list")), f"Ola {RLO}Nor")
    assert _isolated(client.get(reverse("volunteers:detail", args=[volunteer.pk])), f"Ola {RLO}Nor")


def test_it_isolates_task_titles_in_the_task_list(world, login):
    task = TaskFactory(centre=world.centre, title=f"Oppdrag {RLO}gal")
    MatchFactory(task=task, volunteer=world.volunteer)
    client = login(world.coordinator)
    assert _isolated(client.get(reverse("volunteers:task_list") + "?status=all"), task.title)
    assert _isolated(client.get(reverse("volunteers:task_detail", args=[task.pk])), task.title)


def test_it_isolates_activity_titles_in_the_activity_list(world, login):
    f.ActivityFactory(project__centre=world.centre, title=f"Lunsj {RLO}gal")
    response = login(world.coordinator).get(reverse("activities:list"))
    assert _isolated(response, f"Lunsj {RLO}gal")
