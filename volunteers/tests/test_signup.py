import pytest
from django.core import mail
from django.urls import reverse

from volunteers.models import Consent, Volunteer

from .factories import ConsentTextFactory


@pytest.fixture
def consent_text(world):
    ConsentTextFactory(centre=world.centre, version=1, text="Gammel tekst")
    return ConsentTextFactory(centre=world.centre, version=2, text="Vi lagrer opplysningene.")


def _data(**extra):
    data = {
        "first_name": "Nora",
        "last_name": "Nybegynner",
        "email": "nora@example.org",
        "phone": "",
        "birth_year": "1990",
        "postal_code": "8500",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


def _url(world):
    return reverse("volunteers:signup", args=[world.centre.slug])


def test_it_shows_the_current_consent_text_to_anonymous_visitors(client, world, consent_text):
    response = client.get(_url(world))
    assert response.status_code == 200
    assert "Vi lagrer opplysningene." in response.content.decode()
    assert "Gammel tekst" not in response.content.decode()


def test_it_refuses_a_sign_up_without_consent_with_a_clear_message(client, world, consent_text):
    data = _data()
    del data["consent"]
    response = client.post(_url(world), data)
    assert response.status_code == 200
    assert "Vi kan bare registrere deg med ditt samtykke" in response.content.decode()
    assert not Volunteer.objects.filter(email="nora@example.org").exists()


def test_it_records_the_consent_version_and_time_and_arrives_as_applicant(
    client, world, consent_text, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world), _data())
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(email="nora@example.org")
    assert volunteer.status == Volunteer.Status.APPLICANT
    assert volunteer.centre == world.centre
    consent = volunteer.consents.get()
    assert consent.consent_text == consent_text
    assert consent.consent_text.version == 2
    assert consent.channel == Consent.Channel.SIGNUP_FORM
    assert consent.given_at is not None
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]


def test_it_stores_nothing_when_the_honeypot_is_filled(client, world, consent_text):
    response = client.post(_url(world), _data(website="http://spam.example"))
    assert response.status_code == 302  # the script is told nothing
    assert not Volunteer.objects.filter(email="nora@example.org").exists()
    assert mail.outbox == []


def test_it_stops_a_scripted_flood_with_a_rate_limit(client, world, consent_text, settings):
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 3
    statuses = [
        client.post(_url(world), _data(email=f"bot{n}@example.org")).status_code for n in range(10)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert Volunteer.objects.filter(email__startswith="bot").count() == 3


def test_it_stays_closed_without_a_consent_text(client, world):
    response = client.post(_url(world), _data())
    assert not Volunteer.objects.filter(email="nora@example.org").exists()
    assert response.status_code == 200


def test_it_answers_404_for_an_unknown_centre(client, db):
    assert client.get(reverse("volunteers:signup", args=["nowhere"])).status_code == 404


def test_it_shows_the_english_consent_text_in_english(client, world):
    ConsentTextFactory(centre=world.centre, text="Norsk tekst", text_en="English text")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(_url(world)).content.decode()
    assert "English text" in page and "Norsk tekst" not in page
    assert "Become a volunteer" in page
