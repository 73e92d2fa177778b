"""The association's yearly update in one step: the edit form saves and confirms at once."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation


def _post(client, organisation, **extra):
    data = {
        "name": organisation.name,
        "contact_name": "Kari Nordmann",
        "email": "post@forening.example",
        "phone": "22 33 44 55",
        "version": organisation.version,
        **extra,
    }
    return client.post(reverse("organisations:edit", args=[organisation.pk]), data)


def test_it_saves_and_confirms_with_one_button(world, login):
    organisation = world.organisation
    Organisation.objects.filter(pk=organisation.pk).update(
        confirmed_at=timezone.now() - dt.timedelta(days=400)
    )
    organisation.refresh_from_db()
    response = _post(login(world.association), organisation, confirm="1")
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.phone == "22334455"
    assert organisation.confirmed_at > timezone.now() - dt.timedelta(minutes=1)
    assert not organisation.confirmation_due


def test_save_only_leaves_the_confirmation_alone(world, login):
    organisation = world.organisation
    old = timezone.now() - dt.timedelta(days=400)
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=old)
    organisation.refresh_from_db()
    _post(login(world.association), organisation)
    organisation.refresh_from_db()
    assert organisation.phone == "22334455"
    assert organisation.confirmed_at == old


def test_a_failed_save_confirms_nothing(world, login):
    organisation = world.organisation
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=None)
    organisation.refresh_from_db()
    response = _post(login(world.association), organisation, confirm="1", email="no-address")
    assert response.status_code == 200
    assert "data-error-summary" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.confirmed_at is None


def test_the_form_comes_in_sections_with_a_save_bar(world, login):
    page = (
        login(world.association)
        .get(reverse("organisations:edit", args=[world.organisation.pk]))
        .content.decode()
    )
    assert page.count('class="form-section"') >= 3
    assert 'class="save-bar"' in page
    assert 'name="confirm"' in page


def test_the_entry_asks_for_no_confirmation_once_confirmed(world, login):
    page = (
        login(world.association)
        .get(reverse("organisations:detail", args=[world.organisation.pk]))
        .content.decode()
    )
    assert reverse("organisations:confirm", args=[world.organisation.pk]) not in page
