from django.urls import reverse

from core.audit import events_of
from organisations.models import CooperationArea, Organisation


def _form_data(organisation, **extra):
    data = {
        "name": organisation.name,
        "email": organisation.email,
        "contact_name": organisation.contact_name,
    }
    data.update(extra)
    return data


def test_it_lets_the_coordinator_create_an_association(world, login):
    area = CooperationArea.objects.first()
    response = login(world.coordinator).post(
        reverse("organisations:create"),
        {
            "name": "Fjordvik Skolekorps",
            "organisation_number": "123 456 785",
            "postal_code": "8500",
            "phone": "+47 900 00 000",
            "cooperation_areas": [area.pk],
            "notes": "Ringer om høsten",
        },
    )
    organisation = Organisation.objects.get(name="Fjordvik Skolekorps")
    assert response.status_code == 302
    assert organisation.centre == world.centre
    assert organisation.organisation_number == "123456785"
    assert organisation.phone == "+4790000000"
    assert list(organisation.cooperation_areas.all()) == [area]
    created = events_of(organisation).get()
    assert (created.action, created.actor) == ("organisation.created", world.coordinator)
    assert created.changes["notes"] == [None, "Ringer om høsten"]


def test_it_shows_errors_next_to_the_fields(world, login):
    response = login(world.coordinator).post(
        reverse("organisations:create"), {"name": "", "postal_code": "12"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "postal_code"}


def test_it_lets_the_association_edit_its_entry_but_ignores_the_coordinators_fields(world, login):
    organisation = world.organisation
    organisation.notes = "Intern merknad"
    organisation.save()
    response = login(world.association).post(
        reverse("organisations:edit", args=[organisation.pk]),
        _form_data(
            organisation,
            description="Ny beskrivelse",
            notes="Hacket",
            is_archived="on",
            centre=world.other_centre.pk,
            confirmed_at="2000-01-01",
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Ny beskrivelse"
    assert organisation.notes == "Intern merknad"
    assert organisation.is_archived is False
    assert organisation.centre == world.centre
    assert organisation.confirmed_at.year != 2000


def test_it_does_not_show_internal_notes_to_the_association(world, login):
    world.organisation.notes = "Hemmelig merknad"
    world.organisation.save()
    url = reverse("organisations:detail", args=[world.organisation.pk])
    assert "Hemmelig merknad" not in login(world.association).get(url).content.decode()
    assert "Hemmelig merknad" in login(world.coordinator).get(url).content.decode()
    form = login(world.association).get(reverse("organisations:edit", args=[world.organisation.pk]))
    assert "notes" not in form.context["form"].fields


def test_it_checks_ownership(world, login):
    for user, organisation in [
        (world.association, world.other_organisation),
        (world.association, world.foreign_organisation),
        (world.coordinator, world.foreign_organisation),
    ]:
        client = login(user)
        for name in ["detail", "edit", "confirm"]:
            url = reverse(f"organisations:{name}", args=[organisation.pk])
            response = (
                client.post(url, _form_data(organisation)) if name != "detail" else client.get(url)
            )
            assert response.status_code == 404, (user, name)
    before = world.other_organisation.name
    world.other_organisation.refresh_from_db()
    assert world.other_organisation.name == before


def test_it_requires_rw_access(world, login):
    client = login(world.municipality_viewer)
    for name in ["edit", "archive", "restore", "confirm", "invite"]:
        url = reverse(f"organisations:{name}", args=[world.organisation.pk])
        assert client.post(url, _form_data(world.organisation)).status_code == 403, name
    assert client.post(reverse("organisations:create"), {"name": "X"}).status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def test_it_archives_and_restores_without_deleting(world, login):
    client = login(world.coordinator)
    organisation = world.organisation
    client.post(reverse("organisations:archive", args=[organisation.pk]))
    organisation.refresh_from_db()
    assert organisation.is_archived
    assert organisation.name not in [
        o.name for o in client.get(reverse("organisations:list")).context["page"].object_list
    ]
    client.post(reverse("organisations:restore", args=[organisation.pk]))
    organisation.refresh_from_db()
    assert not organisation.is_archived
    assert [e.action for e in events_of(organisation).order_by("id")] == [
        "organisation.archived",
        "organisation.restored",
    ]


def test_it_does_not_let_the_association_archive(world, login):
    url = reverse("organisations:archive", args=[world.organisation.pk])
    assert login(world.association).post(url).status_code == 403


def test_it_asks_for_a_district_only_where_the_municipality_has_them(world, login):
    from organisations.forms import OrganisationForm
    from tests import factories as f

    assert "district" not in OrganisationForm(centre=world.centre).fields
    district = f.DistrictFactory(municipality=world.municipality)
    form = OrganisationForm(centre=world.centre)
    assert list(form.fields["district"].queryset) == [district]
    assert "district" not in OrganisationForm(centre=world.other_centre).fields


def test_only_the_coordinator_reads_internal_notes(world):
    from core.permissions import access_for_user

    readers = {
        role
        for role in ("coordinator", "association", "municipality_viewer", "volunteer_user")
        if access_for_user(getattr(world, role)).reads_internal_notes
    }
    assert readers == {"coordinator"}
