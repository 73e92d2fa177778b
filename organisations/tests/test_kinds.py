"""Organisations of every kind: associations, social entrepreneurs (AS, SA, foundation, ENK),
foundations and the centre itself, shown and filtered in the registry and the directory."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from organisations.models import Organisation, OrganisationKind, kind_for_organisation_form
from organisations.services import organisation_create, organisation_update
from tests import factories as f

NUMBER = "974760673"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("FLI", "association"),
        ("STI", "foundation"),
        ("AS", "social_entrepreneur"),
        ("SA", "social_entrepreneur"),
        ("ENK", "social_entrepreneur"),
        ("xyz", "association"),
    ],
)
def test_the_register_form_suggests_the_kind(code, kind):
    assert kind_for_organisation_form(code, OrganisationKind.ASSOCIATION) == kind


def test_a_social_entrepreneur_is_created_from_its_organisation_form(world):
    org = organisation_create(
        actor=f.access_of(world.coordinator),
        centre=world.centre,
        data={"name": "Jobbverkstedet AS", "organisation_form": "AS"},
    )
    assert org.kind == OrganisationKind.SOCIAL_ENTREPRENEUR
    # A kind chosen by the coordinator wins over the form's suggestion.
    organisation_update(
        actor=f.access_of(world.coordinator),
        organisation=org,
        data={"organisation_form": "STI", "kind": "social_entrepreneur"},
    )
    org.refresh_from_db()
    assert org.kind == OrganisationKind.SOCIAL_ENTREPRENEUR


def test_the_registry_shows_and_filters_by_kind(world, login):
    f.OrganisationFactory(centre=world.centre, name="Gatelaget SA", kind="social_entrepreneur")
    response = login(world.coordinator).get(
        reverse("organisations:list"), {"kind": "social_entrepreneur"}
    )
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["Gatelaget SA"]
    assert "Social entrepreneur" in response.content.decode() or "Sosial entreprenør" in (
        response.content.decode()
    )


def test_the_directory_filters_by_kind_and_exports_it(world, client):
    f.OrganisationFactory(
        centre=world.centre, name="Stiftelsen Språk", kind="foundation", is_public=True
    )
    f.OrganisationFactory(centre=world.centre, name="Turlaget", is_public=True)
    response = client.get(reverse("organisations:directory"), {"kind": "foundation"})
    assert [o.name for o in response.context["page"].object_list] == ["Stiftelsen Språk"]
    data = client.get(reverse("organisations:directory_export", args=["json"])).json()
    kinds = {row["name"]: row["kind"] for row in data["results"]}
    assert kinds == {"Stiftelsen Språk": "foundation", "Turlaget": "association"}


def test_the_lookup_fills_a_social_entrepreneur_with_its_kind(world, login, register):
    cache.clear()
    register.add_entity(NUMBER, organisasjonsform={"kode": "AS", "beskrivelse": "Aksjeselskap"})
    page = login(world.coordinator).get(
        reverse("organisations:create"), {"register_number": NUMBER}
    )
    assert page.context["form"].initial["kind"] == "social_entrepreneur"
    assert page.context["form"].initial["organisation_form"] == "AS"


def test_an_association_user_of_a_social_entrepreneur_keeps_its_own_entry(world, login):
    world.organisation.kind = OrganisationKind.SOCIAL_ENTREPRENEUR
    world.organisation.save()
    client = login(world.association)
    page = client.get(reverse("organisations:edit", args=[world.organisation.pk]))
    assert page.status_code == 200
    assert "kind" in page.context["form"].fields
    assert Organisation.objects.system().get(pk=world.organisation.pk).kind == (
        "social_entrepreneur"
    )
