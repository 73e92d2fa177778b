"""Two people editing the same entry: the second save is refused with what changed, not lost."""

from django.urls import reverse

from organisations.models import Organisation


def _loaded_form(client, organisation) -> dict:
    """The form's values as the browser loaded them, the version included."""
    page = client.get(reverse("organisations:edit", args=[organisation.pk]))
    form = page.context["form"]
    return {
        "name": organisation.name,
        "email": organisation.email,
        "contact_name": organisation.contact_name,
        "phone": organisation.phone,
        "version": form["version"].value(),
    }


def test_the_second_of_two_saves_is_refused_and_names_the_change(world, login):
    organisation = world.organisation
    coordinator = login(world.coordinator)
    mine = _loaded_form(coordinator, organisation)
    # The association saves a new phone number in the meantime.
    theirs = _loaded_form(login(world.association), organisation)
    response = login(world.association).post(
        reverse("organisations:edit", args=[organisation.pk]), {**theirs, "phone": "22334455"}
    )
    assert response.status_code == 302

    coordinator = login(world.coordinator)
    response = coordinator.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {**mine, "contact_name": "Per Persen Testesen"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "22334455" in page  # what the other person saved is named
    organisation.refresh_from_db()
    assert organisation.phone == "22334455"  # their save is not lost
    assert organisation.contact_name != "Per Persen Testesen"  # and mine was not half-written

    # Saving the same form again keeps my version on purpose.
    again = dict(response.context["form"].data.items())
    response = coordinator.post(reverse("organisations:edit", args=[organisation.pk]), again)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.contact_name == "Per Persen Testesen"


def test_one_editor_saves_as_before(world, login):
    client = login(world.coordinator)
    data = _loaded_form(client, world.organisation)
    response = client.post(
        reverse("organisations:edit", args=[world.organisation.pk]), {**data, "name": "Nytt navn"}
    )
    assert response.status_code == 302
    saved = Organisation.objects.get(pk=world.organisation.pk)
    assert (saved.name, saved.version) == ("Nytt navn", 2)
