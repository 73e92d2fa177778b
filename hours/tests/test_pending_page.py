"""The hours to approve: one primary action (approve the ticked), each row's decisions as
secondary buttons, and the total hours waiting from the figures engine."""

import re
from decimal import Decimal

from django.urls import reverse

from hours.models import HourEntry
from volunteers.tests.factories import HourEntryFactory


def test_it_has_one_primary_action_and_the_total_hours_waiting(world, login):
    for hours in ("1.5", "2", "0.5"):
        HourEntryFactory(
            volunteer=world.volunteer, hours=Decimal(hours), status=HourEntry.Status.PENDING
        )
    HourEntryFactory(volunteer=world.volunteer, hours=Decimal(7), status=HourEntry.Status.APPROVED)
    HourEntryFactory(
        volunteer=world.foreign_volunteer, hours=Decimal(9), status=HourEntry.Status.PENDING
    )
    page = login(world.coordinator).get(reverse("volunteers:hours_pending")).content.decode()
    buttons = re.findall(r'<button class="([^"]*)"', page) + re.findall(
        r'<button type="submit" class="([^"]*)"', page
    )
    main = [b for b in buttons if "button" in b.split()]  # not the header's link buttons
    primary = [b for b in main if "button--secondary" not in b.split()]
    assert len(primary) == 1, buttons
    waiting = re.search(r'data-figure="volunteer_hours.waiting">([^<]+)<', page)
    assert waiting and waiting.group(1).strip() in {"4,0", "4.0"}
