"""The QR code on the door: participants count themselves, once per phone, on the day."""

import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import Activity
from core.scopes import scopes_disabled
from tests.factories import ActivityFactory, ProjectFactory


def _participants(activity):
    with scopes_disabled():
        return Activity.objects.system().get(pk=activity.pk).participants


def test_a_participant_counts_themselves_once_per_phone(client, world):
    cache.clear()
    activity = ActivityFactory(
        project=ProjectFactory(centre=world.centre), date=timezone.localdate(), participants=None
    )
    url = reverse("public:self_count", args=[services.self_count_token(activity)])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert client.post(url).status_code == 200  # the same phone again: not counted twice
    assert _participants(activity) == 1
    other_phone = client.__class__()
    other_phone.post(url)
    assert _participants(activity) == 2


def test_the_code_works_on_the_day_only_and_cannot_be_forged(client, world):
    activity = ActivityFactory(
        project=ProjectFactory(centre=world.centre),
        date=timezone.localdate() - dt.timedelta(days=1),
    )
    url = reverse("public:self_count", args=[services.self_count_token(activity)])
    assert client.post(url).status_code == 410
    assert (
        client.get(reverse("public:self_count", args=[f"{activity.pk}:forged"])).status_code == 410
    )
    assert _participants(activity) == activity.participants


def test_the_door_page_shows_the_self_count_address(world, login):
    activity = ActivityFactory(project=ProjectFactory(centre=world.centre))
    page = login(world.coordinator).get(reverse("activities:door", args=[activity.pk]))
    assert "/here/" in page.content.decode()
