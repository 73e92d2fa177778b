"""A volunteer edits their own phone while the coordinator saves a note: neither is lost."""

from django.urls import reverse


def _as_loaded(client, url) -> dict:
    """The form as the browser loaded it: every field's initial value, the version included."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "on" if value is True else str(value)
    return data


def test_the_coordinators_late_save_does_not_undo_the_volunteers_phone(world, login):
    volunteer = world.volunteer
    coordinator = login(world.coordinator)
    edit_url = reverse("volunteers:edit", args=[volunteer.pk])
    mine = _as_loaded(coordinator, edit_url)

    own = login(world.volunteer_user)
    theirs = _as_loaded(own, reverse("volunteers:me_edit"))
    response = own.post(reverse("volunteers:me_edit"), {**theirs, "phone": "90011222"})
    assert response.status_code == 302

    coordinator = login(world.coordinator)
    response = coordinator.post(edit_url, {**mine, "notes": "Ringer tilbake i januar"})

    assert response.status_code == 200
    assert "90011222" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.phone == "90011222"
    assert volunteer.notes != "Ringer tilbake i januar"
