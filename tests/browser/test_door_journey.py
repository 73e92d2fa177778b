"""Journey: on a 390 px phone with the network cut, the door mode counts 12 participants; when
the network returns the activity has exactly 12, stored once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from activities.models import Activity, DoorCount
from core.scopes import scopes_disabled
from tests import factories as f

PASSWORD = "passord-123"
PHONE = {"width": 390, "height": 844}


def test_the_door_mode_counts_twelve_offline_and_stores_them_once(visit, world):
    activity = f.ActivityFactory(
        project=f.ProjectFactory(centre=world.centre), title="Strikkekafé", participants=None
    )
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    page.set_viewport_size(PHONE)
    visit.go(f"/activities/log/{activity.pk}/door/")
    count = page.locator("[data-count]")
    status = page.locator("[data-status]")
    expect(count).to_have_text("0")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]

    page.context.set_offline(True)
    plus = page.get_by_role("button", name=re.compile("Én deltaker til|One participant more"))
    for _ in range(13):
        plus.click()
    page.get_by_role("button", name=re.compile("Én deltaker mindre|One participant less")).click()
    expect(count).to_have_text("12")
    expect(status).to_contain_text("14")  # fourteen taps wait on the phone
    visit.shoot("door-offline")
    with scopes_disabled():
        assert Activity.objects.system().get(pk=activity.pk).participants is None

    page.context.set_offline(False)
    expect(status).to_have_text(re.compile("^(Alt er lagret|Everything is saved)"), timeout=15000)
    with scopes_disabled():
        assert Activity.objects.system().get(pk=activity.pk).participants == 12
        assert DoorCount.objects.system().filter(activity=activity).count() == 14

    # Opened again, the phone shows the server's count; nothing is sent twice.
    page.reload()
    expect(count).to_have_text("12")
    expect(status).to_have_text(re.compile("^(Alt er lagret|Everything is saved)"))
    with scopes_disabled():
        assert Activity.objects.system().get(pk=activity.pk).participants == 12
