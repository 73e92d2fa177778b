"""Journey: a volunteer on a phone finds an open shift and signs up, is reminded the day
before (the e-mail in the outbox), the coordinator marks the shift held, and the hours show in
the volunteer's total. Each volunteer page is checked at 360 px for sideways scrolling."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from notifications.services import send_shift_reminders
from rotas.models import Shift, ShiftSignup
from volunteers.tests.factories import RotaFactory, ShiftFactory

PASSWORD = "passord-123"
SMALL_PHONE = {"width": 360, "height": 740}


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{page.url} is {width}px wide on a 360 px phone"


def test_a_volunteer_on_a_phone_signs_up_is_reminded_and_gets_the_hours(
    visit, world, settings, live_server
):
    settings.SITE_URL = live_server.url
    page = visit.page
    page.set_default_timeout(5000)
    page.set_viewport_size(SMALL_PHONE)
    # Tomorrow 11–14, sign-up open until two hours before.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(11, 0)))
    rota = RotaFactory(centre=world.centre, title="Kafé tirsdag", signup_closes_hours=2)
    shift = ShiftFactory(rota=rota, starts_at=start, ends_at=start + dt.timedelta(hours=3))

    # The volunteer finds the open shift from the start page and signs up.
    visit.login(world.volunteer_user.email, PASSWORD)
    _fits_the_phone(page)
    page.get_by_role(
        "link", name=re.compile("^(Vakter og oppdrag|Shifts and tasks)$")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Vakter og oppdrag|Shifts and tasks")
    )
    visit.check_accessibility()
    _fits_the_phone(page)
    card = page.locator(".shift-card").filter(has_text="Kafé tirsdag")
    expect(card).to_contain_text(re.compile("0 (av|of) 2"))
    card.get_by_role("button", name=re.compile("Meld meg på|Sign up")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("på vakten|on the shift"))
    visit.check_accessibility()
    _fits_the_phone(page)
    visit.shoot("shift-signed-up")
    page.set_viewport_size(SMALL_PHONE)  # shoot() ends at desktop size
    signup = ShiftSignup.objects.system().get(shift=shift, volunteer=world.volunteer)
    assert signup.status == ShiftSignup.Status.CONFIRMED

    # The day before, the reminder job e-mails the volunteer (through the outbox).
    mail.outbox.clear()
    the_day_before = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12, 0)))
    assert send_shift_reminders(now=the_day_before) == 1
    reminders = [m for m in mail.outbox if m.to == [world.volunteer.email]]
    assert len(reminders) == 1 and "Kafé tirsdag" in reminders[0].subject
    visit.logout()

    # The shift takes place (moved into the past here), and the coordinator marks it held.
    held_start = timezone.now() - dt.timedelta(hours=4)
    Shift.objects.system().filter(pk=shift.pk).update(
        starts_at=held_start, ends_at=held_start + dt.timedelta(hours=3)
    )
    visit.login(world.coordinator.email, PASSWORD)
    visit.go(f"/volunteers/shifts/{shift.pk}/")
    expect(page.locator("main")).to_contain_text(str(world.volunteer))
    page.get_by_role("button", name=re.compile("Vakten ble holdt|The shift was held")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("1"))
    visit.check_accessibility()
    visit.logout()

    # The volunteer sees the three hours in their total, on the phone.
    visit.login(world.volunteer_user.email, PASSWORD)
    page.get_by_role("link", name=re.compile("^(Mine timer|My hours)$")).first.click()
    visit.check_accessibility()
    _fits_the_phone(page)
    total = page.locator(".year-hours")
    expect(total).to_contain_text(str(timezone.localdate().year))
    expect(total.locator("dd")).to_have_text(re.compile(r"^3[,.]0 (timer|hours)$"))
    expect(page.locator(".hour-cards")).to_contain_text("Kafé tirsdag")
    visit.shoot("my-hours-after-shift")
    page.set_viewport_size(SMALL_PHONE)
    visit.go("/volunteers/me/")
    _fits_the_phone(page)
    expect(page.locator(".year-hours dd")).to_have_text(re.compile(r"^3[,.]0 (timer|hours)$"))
    visit.go("/volunteers/me/edit/")
    _fits_the_phone(page)
    expect(page.get_by_label(re.compile("Send meg påminnelser|Send me reminders"))).to_be_checked()
