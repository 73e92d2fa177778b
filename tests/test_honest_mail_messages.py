"""E-mail is queued (core.mail), not sent, when a page confirms it: the confirmation says the
mail is on its way, never that it was sent."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories as f
from volunteers.tests.factories import TaskFactory


def _said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_it_says_the_invitation_is_on_its_way(world, login):
    response = login(world.coordinator).post(
        reverse("organisations:invite", args=[world.other_organisation.pk]),
        {"email": "leder@turlag.example"},
    )
    said = _said(response)
    assert "Invitasjonen er på vei til leder@turlag.example." in said
    assert "ble sendt" not in said


def test_it_says_the_password_link_is_on_its_way(world, login):
    response = login(world.coordinator).post(
        reverse("volunteers:invite", args=[world.other_volunteer.pk])
    )
    said = _said(response)
    assert f"En lenke for å velge passord er på vei til {world.other_volunteer.email}." in said
    assert "ble sendt" not in said


def test_it_says_the_match_email_is_on_its_way(world, login):
    task = TaskFactory(centre=world.centre)
    volunteer = f.VolunteerFactory(centre=world.centre)
    response = login(world.coordinator).post(
        reverse("volunteers:match_create", args=[task.pk]),
        {"volunteer": volunteer.pk, "confirm": "1"},
    )
    assert "en e-post med beskjed er på vei" in _said(response)


def test_it_says_the_sign_up_confirmation_is_on_its_way(world, client):
    page = client.get(reverse("volunteers:signup_done", args=[world.centre.slug])).content
    assert "En bekreftelse er på vei til deg på e-post." in page.decode()
    assert "Vi har sendt deg" not in page.decode()
