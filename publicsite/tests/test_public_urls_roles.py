"""Every public URL answers every role without a server error: anonymous and each signed-in
role, also of another centre (a coordinator of centre B opening centre A's sign-up form or an
invitation link of centre A)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import ROLES
from core.permissions import Access
from core.scopes import scopes_disabled
from organisations.tests.factories import InvitationFactory
from volunteers import services as volunteer_services

from .test_public_urls import public_urls

SIGNED_IN = [role for role in ROLES if role != "anonymous"] + ["other_coordinator"]


@pytest.fixture(autouse=True)
def _no_rate_limit_carried_over():
    # The sign-up limit counts per address in the cache; each case starts afresh.
    cache.clear()


def _user(world, role):
    return None if role == "anonymous" else getattr(world, role)


@pytest.fixture
def foreign_world(public_world):
    """The public world plus a consent text and an invitation in each of two centres."""
    world = public_world
    with scopes_disabled():
        for centre in (world.centre, world.other_centre):
            volunteer_services.consent_text_publish(
                actor=Access.system(), centre=centre, text="Samtykke", text_en="Consent"
            )
        world.invitation = InvitationFactory(organisation=world.other_organisation)
        world.foreign_invitation = InvitationFactory(organisation=world.foreign_organisation)
    return world


def _urls(world) -> list[str]:
    urls = public_urls(world)
    for centre in (world.centre, world.other_centre):
        urls.append(reverse("volunteers:signup", kwargs={"slug": centre.slug}))
        urls.append(reverse("public:centre", kwargs={"slug": centre.slug}))
    for invitation in (world.invitation, world.foreign_invitation):
        urls.append(reverse("organisations:invitation_accept", kwargs={"token": invitation.token}))
    return urls


@pytest.mark.parametrize("role", ["anonymous", *SIGNED_IN])
def test_it_answers_every_public_url_without_a_server_error(foreign_world, login, role):
    client = login(_user(foreign_world, role))
    client.raise_request_exception = False
    for url in _urls(foreign_world):
        response = client.get(url)
        assert response.status_code < 500, f"{role} on {url}: {response.status_code}"


@pytest.mark.parametrize("role", ["anonymous", *SIGNED_IN])
def test_it_takes_a_sign_up_at_another_centre_from_any_role(foreign_world, login, role):
    world = foreign_world
    client = login(_user(world, role))
    response = client.post(
        reverse("volunteers:signup", kwargs={"slug": world.other_centre.slug}),
        {
            "first_name": "Ola",
            "last_name": "Nordmann",
            "email": f"ola.{role}@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        from volunteers.models import Volunteer

        volunteer = Volunteer.objects.system().get(email=f"ola.{role}@example.org")
    assert volunteer.centre == world.other_centre
    assert volunteer.status == Volunteer.Status.APPLICANT


@pytest.mark.parametrize(
    "role",
    ["coordinator", "association", "municipality_viewer", "volunteer_user", "other_coordinator"],
)
def test_it_tells_a_signed_in_user_of_another_role_what_to_do_with_an_invitation(
    foreign_world, login, role
):
    world = foreign_world
    client = login(_user(world, role))
    url = reverse(
        "organisations:invitation_accept", kwargs={"token": world.foreign_invitation.token}
    )
    page = client.get(url)
    assert page.status_code == 200
    answer = client.post(url, follow=True)
    assert answer.status_code == 200
    with scopes_disabled():
        world.foreign_invitation.refresh_from_db()
    # A user with a role (or of another centre) cannot take it: the link stays usable, and the
    # page says to sign out and open it again.
    assert world.foreign_invitation.accepted_at is None
    assert "Logg ut" in answer.content.decode()


def test_a_public_tasks_link_opens_the_sign_up_form_with_the_task_chosen(foreign_world, client):
    from tasks.models import Task
    from volunteers.models import Volunteer

    world = foreign_world
    with scopes_disabled():
        task = Task.objects.system().get(title="Sjåfør til handletur")
        private = Task.objects.system().get(title="Privat oppdrag")
    front = client.get(reverse("public:centre", kwargs={"slug": world.centre.slug}))
    link = reverse("volunteers:signup", kwargs={"slug": world.centre.slug}) + f"?task={task.pk}"
    assert link in front.content.decode()
    page = client.get(link).content.decode()
    assert "Sjåfør til handletur" in page and f'name="task" value="{task.pk}"' in page
    assert (
        "Privat oppdrag"
        not in client.get(link.replace(str(task.pk), str(private.pk))).content.decode()
    )
    response = client.post(
        link,
        {
            "first_name": "Siv",
            "last_name": "Sjåfør",
            "email": "siv@example.org",
            "consent": "on",
            "task": task.pk,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        volunteer = Volunteer.objects.system().get(email="siv@example.org")
    assert "Sjåfør til handletur" in volunteer.notes
