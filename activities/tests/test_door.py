"""The door mode: +1/−1 taps, each with its device's key, saved to the activity's count once."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities import services
from activities.models import Activity, DoorCount
from core.models import AuditEvent
from core.permissions import access_for_user
from core.scopes import scopes_disabled
from tests.factories import ActivityFactory, ProjectFactory


@pytest.fixture
def activity(world):
    return ActivityFactory(project=ProjectFactory(centre=world.centre), participants=None)


def _taps(*deltas):
    return [(uuid.uuid4().hex, delta) for delta in deltas]


def _participants(activity):
    with scopes_disabled():
        return Activity.objects.system().get(pk=activity.pk).participants


def test_it_counts_each_tap_once_however_often_it_is_sent(world, activity):
    access = access_for_user(world.coordinator)
    taps = _taps(1, 1, 1, -1, 1)
    with scopes_disabled():
        assert services.door_count(actor=access, activity=activity, entries=taps) == (5, 3)
        # The same batch again (the answer was lost on the way): nothing changes.
        assert services.door_count(actor=access, activity=activity, entries=taps) == (0, 3)
        assert services.door_count(
            actor=access, activity=activity, entries=taps[:2] + _taps(1)
        ) == (
            1,
            4,
        )
        assert DoorCount.objects.system().filter(activity=activity).count() == 6
    assert _participants(activity) == 4
    assert AuditEvent.objects.filter(action="activity.door_counted").count() == 2


def test_the_count_never_goes_below_zero(world, activity):
    with scopes_disabled():
        services.door_count(
            actor=access_for_user(world.coordinator), activity=activity, entries=_taps(-1, -1)
        )
    assert _participants(activity) == 0


def test_it_refuses_what_a_tap_cannot_be(world, activity):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.door_count(
            actor=access_for_user(world.coordinator), activity=activity, entries=[("k", 5)]
        )


def test_the_sync_answers_the_count_and_the_keys_it_holds(world, login, activity):
    client = login(world.coordinator)
    url = reverse("activities:door_sync", args=[activity.pk])
    taps = [{"key": uuid.uuid4().hex, "delta": 1} for _ in range(3)]
    response = client.post(url, json.dumps({"taps": taps}), content_type="application/json")
    assert response.status_code == 200
    answer = response.json()
    assert answer["participants"] == 3
    assert answer["received"] == [tap["key"] for tap in taps]
    again = client.post(url, json.dumps({"taps": taps}), content_type="application/json")
    assert again.json() == {**answer, "applied": 0}
    bad = client.post(url, "not json", content_type="application/json")
    assert bad.status_code == 400
    page = client.get(reverse("activities:door", args=[activity.pk]))
    assert page.status_code == 200
    assert b"data-sync-url" in page.content


def test_another_centres_activity_is_not_found(world, login):
    foreign = ActivityFactory(project=ProjectFactory(centre=world.other_centre))
    client = login(world.coordinator)
    assert client.get(reverse("activities:door", args=[foreign.pk])).status_code == 404
    response = client.post(
        reverse("activities:door_sync", args=[foreign.pk]),
        json.dumps({"taps": [{"key": "a", "delta": 1}]}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_app_is_installable(client):
    manifest = client.get(reverse("core:manifest")).json()
    assert manifest["display"] == "standalone" and manifest["icons"]
    worker = client.get(reverse("core:service_worker"))
    assert worker["Content-Type"] == "application/javascript"
    assert worker["Service-Worker-Allowed"] == "/"
