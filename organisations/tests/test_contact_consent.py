"""At the yearly confirmation the association is asked, with a consent text, which contact
details to publish; each consent is recorded (the text, when, who) and the directory, its open
data and the association's public page show those details only."""

import json

import pytest
from django.urls import reverse

from core.models import AuditEvent
from core.scopes import scopes_disabled
from organisations.models import ContactConsent, Organisation
from organisations.services import CONTACT_CONSENT_TEXT


def _form_data(page) -> dict:
    """What the edit form posts as it stands (its initial values)."""
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is True:
            data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    data["version"] = form["version"].value()
    return data


@pytest.fixture
def entry(world):
    organisation = world.organisation
    organisation.is_public = True
    organisation.email = "post@sanitet.example.org"
    organisation.phone = "91234567"
    organisation.website = "https://sanitet.example.org"
    organisation.save()
    return organisation


def test_it_records_the_consent_given_at_the_yearly_confirmation(login, world, entry):
    client = login(world.association)
    url = reverse("organisations:edit", args=[entry.pk])
    page = client.get(url)
    assert str(CONTACT_CONSENT_TEXT)[:40] in page.content.decode()
    data = {**_form_data(page), "public_contacts": ["email", "website"], "confirm": "1"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    with scopes_disabled():
        entry.refresh_from_db()
        consent = ContactConsent.objects.system().get(organisation=entry)
    assert (entry.shows_contact, entry.shows_email, entry.shows_phone, entry.shows_website) == (
        True,
        True,
        False,
        True,
    )
    assert entry.confirmed_at is not None
    assert consent.published_kinds == ["email", "website"]
    assert consent.given_by == world.association
    assert consent.text == str(CONTACT_CONSENT_TEXT)
    assert AuditEvent.objects.filter(action="organisation.contact_consent").exists()

    directory = client.get(reverse("organisations:directory")).content.decode()
    assert "post@sanitet.example.org" in directory
    assert "91234567" not in directory
    rows = json.loads(client.get(reverse("organisations:directory_export", args=["json"])).content)
    row = next(r for r in rows["results"] if r["name"] == entry.name)
    assert (row["email"], row["phone"], row["website"]) == (
        "post@sanitet.example.org",
        "",
        "https://sanitet.example.org",
    )
    public = client.get(
        reverse("public:association", args=[world.centre.slug, entry.pk])
    ).content.decode()
    assert "post@sanitet.example.org" in public and "91234567" not in public


def test_it_withdraws_the_consent_when_every_box_is_cleared(login, world, entry):
    client = login(world.association)
    url = reverse("organisations:edit", args=[entry.pk])
    client.post(url, {**_form_data(client.get(url)), "public_contacts": ["phone"]})
    client.post(url, {**_form_data(client.get(url)), "public_contacts": []})
    with scopes_disabled():
        entry.refresh_from_db()
        kinds = [c.published for c in ContactConsent.objects.system().order_by("pk")]
    assert kinds == ["phone", ""]
    assert entry.shows_contact is False
    directory = client.get(reverse("organisations:directory")).content.decode()
    assert "91234567" not in directory


def test_the_register_fields_are_read_only_in_a_folded_section(login, world, entry):
    entry.business_address = "Storgata 1"
    entry.organisation_form = "FLI"
    entry.save()
    for user in (world.association, world.coordinator):
        client = login(user)
        url = reverse("organisations:edit", args=[entry.pk])
        page = client.get(url)
        body = page.content.decode()
        assert 'name="business_address"' not in body
        assert "Storgata 1" in body
        assert "<details" in body
        client.post(url, {**_form_data(page), "business_address": "Endret 2"})
        with scopes_disabled():
            assert Organisation.objects.system().get(pk=entry.pk).business_address == "Storgata 1"
