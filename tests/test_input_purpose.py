"""WCAG 2.1 1.3.5 Identify input purpose: a form about the person (or the association) filling it
in names each field's purpose with `autocomplete`, so the browser can fill it in; a form about
somebody else says `autocomplete="off"`."""

from __future__ import annotations

import re

from django.urls import reverse

from volunteers.tests.factories import ConsentTextFactory

ASSOCIATION_OWN = {
    "name": "organization",
    "contact_name": "name",
    "email": "email",
    "phone": "tel",
    "postal_address": "street-address",
    "postal_code": "postal-code",
    "postal_place": "address-level2",
    "website": "url",
}


def _autocomplete(html: str, name: str) -> str | None:
    tag = re.search(rf'<(?:input|textarea|select)\b[^>]*\bname="(?:[\w]+-)?{name}"[^>]*>', html)
    assert tag, f"no field {name}"
    found = re.search(r'\bautocomplete="([^"]*)"', tag.group(0))
    return found.group(1) if found else None


def test_the_association_s_own_contact_fields_name_their_purpose(world, login):
    html = (
        login(world.association)
        .get(reverse("organisations:edit", args=[world.organisation.pk]))
        .content.decode()
    )
    assert {name: _autocomplete(html, name) for name in ASSOCIATION_OWN} == ASSOCIATION_OWN


def test_the_coordinator_s_form_about_an_association_does_not_autofill(world, login):
    html = (
        login(world.coordinator)
        .get(reverse("organisations:edit", args=[world.organisation.pk]))
        .content.decode()
    )
    assert {_autocomplete(html, name) for name in ASSOCIATION_OWN} == {"off"}


def test_the_volunteer_sign_up_and_the_login_name_their_purpose(world, login):
    ConsentTextFactory(centre=world.centre)
    signup = login(None).get(reverse("volunteers:signup", args=[world.centre.slug]))
    html = signup.content.decode()
    assert _autocomplete(html, "email") == "email"
    assert _autocomplete(html, "phone") == "tel"
    login_page = login(None).get(reverse("account_login")).content.decode()
    assert _autocomplete(login_page, "login") == "email"
    assert _autocomplete(login_page, "password") == "current-password"
