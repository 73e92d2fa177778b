"""Journey: volunteers answer tomorrow's shift reminder from the e-mail, without signing in.
The first taps "I'm coming" and the shift shows them confirmed; the second taps "I can't
come", and the first on the waiting list gets the place."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from core.models import OutgoingMail
from core.scopes import scopes_disabled
from notifications import services
from rotas.models import ShiftSignup
from tests import factories as f
from volunteers.tests.factories import RotaFactory, ShiftFactory, ShiftSignupFactory

PASSWORD = "passord-123"


def _link(email: str, label: str, base_url: str) -> str:
    body = OutgoingMail.objects.filter(to=email).latest("pk").body
    url = re.search(rf"(?:{label}): (\S+)", body).group(1)
    return base_url + url.removeprefix(settings.SITE_URL.rstrip("/"))


def test_volunteers_answer_the_reminder_without_signing_in(
    visit, world, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_QUIET_START = settings.REMINDER_QUIET_END = 0
    starts = timezone.now() + dt.timedelta(days=1)
    shift = ShiftFactory(
        rota=RotaFactory(centre=world.centre, title="Kafé Solsiden"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=2,
    )
    ida = f.VolunteerFactory(centre=world.centre, first_name="Ida", email="ida@example.org")
    per = f.VolunteerFactory(centre=world.centre, first_name="Per", email="per@example.org")
    kim = f.VolunteerFactory(centre=world.centre, first_name="Kim", email="kim@example.org")
    ShiftSignupFactory(shift=shift, volunteer=ida)
    ShiftSignupFactory(shift=shift, volunteer=per)
    ShiftSignupFactory(shift=shift, volunteer=kim, status=ShiftSignup.Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_shift_reminders(now=timezone.now())
    page = visit.page
    page.set_default_timeout(5000)

    # Ida taps "I'm coming" in her e-mail.
    page.goto(_link("ida@example.org", "Jeg kommer|I'm coming", visit.base_url))
    visit.check_accessibility()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Takk: du kommer|Thank you")
    )
    # Per taps "I can't come", and once more on the page.
    page.goto(_link("per@example.org", "Jeg kan ikke komme|I can't come", visit.base_url))
    visit.check_accessibility()
    page.get_by_role("button", name=re.compile("^(Jeg kan ikke komme|I can't come)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("tatt av vakten|off the"))
    with scopes_disabled():
        statuses = {
            s.volunteer.first_name: (s.status, s.confirmed_at is not None)
            for s in ShiftSignup.objects.system().filter(shift=shift)
        }
    assert statuses == {
        "Ida": (ShiftSignup.Status.CONFIRMED, True),
        "Per": (ShiftSignup.Status.CANCELLED, False),
        "Kim": (ShiftSignup.Status.CONFIRMED, False),
    }

    # The coordinator's shift page shows Ida confirmed.
    visit.login(world.coordinator.email, PASSWORD)
    visit.go(f"/volunteers/shifts/{shift.pk}/")
    expect(page.locator("li", has_text="Ida").locator("[data-confirmed]")).to_be_visible()
