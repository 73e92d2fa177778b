"""An association's public page: its consented contacts, its public activities and tasks, and
"I want to help" (no account), which reaches the association through the centre."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.models import AuditEvent, OutgoingMail
from core.scopes import scopes_disabled
from organisations.models import HelpOffer


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def _url(world, organisation):
    return reverse("public:association", args=[world.centre.slug, organisation.pk])


OFFER = {
    "name": "Vera Villig",
    "email": "vera@example.org",
    "phone": "41234567",
    "message": "Jeg kan gå tur på tirsdager.",
}


def test_it_shows_consented_contacts_public_activities_and_tasks(client, public_world):
    world = public_world
    page = client.get(_url(world, world.listed)).content.decode()
    assert "Åpen turgruppe" in page
    assert "skjult-kontakt@example.org" not in page and "91234567" not in page
    assert "Hemmelig terapigruppe" not in page
    consenting = client.get(_url(world, world.consenting)).content.decode()
    assert "apen-kontakt@example.org" in consenting
    assert reverse("account_login") in consenting


def test_it_answers_404_for_an_association_not_in_the_directory(client, public_world):
    with scopes_disabled():
        from organisations.models import Organisation

        hidden = Organisation.objects.system().get(name="Ikke-oppført forening")
    assert client.get(_url(public_world, hidden)).status_code == 404


def test_the_directory_and_its_open_data_lead_to_the_public_page(client, public_world):
    url = _url(public_world, public_world.listed)
    directory = client.get(reverse("organisations:directory")).content.decode()
    assert f'href="{url}#help"' in directory  # the "needs volunteers" note links there
    rows = client.get(reverse("organisations:directory_export", args=["json"])).json()["results"]
    assert any(row["page"].endswith(url) for row in rows)
    csv = client.get(reverse("organisations:directory_export", args=["csv"])).content.decode()
    assert url in csv
    front = client.get(reverse("public:centre", args=[public_world.centre.slug])).content.decode()
    assert url in front


def test_an_offer_of_help_reaches_the_association_without_the_visitors_address(
    client, login, public_world
):
    world = public_world
    response = client.post(_url(world, world.listed), OFFER)
    assert response.status_code == 302
    with scopes_disabled():
        offer = HelpOffer.objects.system().get()
    assert (offer.organisation, offer.share_contact) == (world.listed, False)
    to_association = list(OutgoingMail.objects.filter(to=world.listed.email))
    assert to_association and "vera@example.org" not in to_association[0].body
    assert "Jeg kan gå tur" in to_association[0].body
    assert AuditEvent.objects.filter(action="help_offer.received").exists()
    # The association user sees it on the entry's page, without the address.
    page = login(world.association).get(reverse("organisations:detail", args=[world.listed.pk]))
    body = page.content.decode()
    assert "Vera Villig" in body and "Jeg kan gå tur" in body
    assert "vera@example.org" not in body


def test_the_visitors_address_is_passed_on_with_their_consent(client, public_world):
    world = public_world
    client.post(_url(world, world.listed), {**OFFER, "share_contact": "on"})
    to_association = OutgoingMail.objects.get(to=world.listed.email)
    assert "vera@example.org" in to_association.body


def test_it_refuses_an_offer_without_a_message_and_stores_nothing(client, public_world):
    response = client.post(_url(public_world, public_world.listed), {**OFFER, "message": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    with scopes_disabled():
        assert not HelpOffer.objects.system().exists()


def test_it_limits_offers_per_address(client, public_world, settings):
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 2
    url = _url(public_world, public_world.listed)
    answers = [client.post(url, OFFER).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    with scopes_disabled():
        assert HelpOffer.objects.system().count() == 2


def test_a_bot_filling_the_hidden_field_stores_nothing(client, public_world):
    response = client.post(_url(public_world, public_world.listed), {**OFFER, "website": "x"})
    assert response.status_code == 302
    with scopes_disabled():
        assert not HelpOffer.objects.system().exists()
