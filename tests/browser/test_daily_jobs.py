"""The daily jobs measured in the browser, in clicks, on a phone where it matters.

- Approving twelve hour entries: "select all" and "approve": 2 clicks (14 before: twelve ticks,
  the approve button, and finding the buttons off-screen).
- The association's yearly update: "edit" and "save and confirm": 2 clicks (4 before: edit,
  save, scroll back to the confirmation and confirm; the confirm button stayed after that).
- After a failed submit, focus is on the error summary and its link moves focus to the field.
- On a phone the filter bar is folded and the first result is in view; on a desktop it is open.
- "Add a row" on the project form adds a row without a save.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from hours.models import HourEntry
from organisations.models import Organisation
from projects.models import Partner
from tests.factories import ProjectFactory
from volunteers.tests.factories import HourEntryFactory

PASSWORD = "passord-123"
PHONE = {"width": 390, "height": 844}


class Clicks:
    """Counts the clicks a job takes, so the measure is the test's own."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator) -> None:
        locator.click()
        self.count += 1


def test_approving_twelve_hour_entries_takes_two_clicks_on_a_phone(visit, world):
    for day in range(12):
        HourEntryFactory(
            volunteer=world.volunteer,
            date=timezone.localdate() - dt.timedelta(days=day + 1),
            status=HourEntry.Status.PENDING,
        )
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    page.set_viewport_size(PHONE)
    visit.go("/volunteers/hours/pending/")
    # Each entry's own decision buttons are in view at phone width, not off-screen.
    approve = page.get_by_role("button", name=re.compile("^(Godkjenn|Approve)$")).first
    box = approve.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"]

    click = Clicks()
    click(page.get_by_label(re.compile("^(Velg alle på denne siden|Select all on this page)$")))
    click(page.get_by_role("button", name=re.compile("^(Godkjenn de avkryssede|Approve the tick)")))
    expect(page.locator(".messages")).to_be_visible()
    assert click.count == 2
    assert HourEntry.objects.filter(status=HourEntry.Status.PENDING).count() == 0
    assert HourEntry.objects.filter(status=HourEntry.Status.APPROVED).count() == 12
    visit.check_accessibility()


def test_the_associations_yearly_update_is_one_save(visit, world):
    organisation = world.organisation
    Organisation.objects.filter(pk=organisation.pk).update(
        confirmed_at=timezone.now() - dt.timedelta(days=400)
    )
    visit.login(world.association.email, PASSWORD)
    page = visit.page
    visit.go(f"/associations/{organisation.pk}/")
    click = Clicks()
    click(page.get_by_role("link", name=re.compile("^(Oppdater den først|Update it first)$")))
    page.get_by_label("Telefon", exact=True).fill("98 76 54 32")
    visit.check_accessibility()
    click(page.get_by_role("button", name=re.compile("^(Lagre og bekreft|Save and confirm)")))
    expect(page.locator(".messages")).to_contain_text(re.compile("Takk|Thank you"))
    assert click.count == 2
    organisation.refresh_from_db()
    assert organisation.phone == "98765432"
    assert not organisation.confirmation_due
    # Confirmed: no second confirmation is asked for.
    expect(page.get_by_role("button", name=re.compile("Bekreft|Confirm"))).to_have_count(0)


def test_a_failed_submit_moves_focus_to_the_error_summary_and_on_to_the_field(visit, world):
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    visit.go("/volunteers/tasks/new/")
    page.get_by_role("button", name="Lagre").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    visit.check_accessibility()
    summary.get_by_role("link").first.click()
    focused = page.evaluate("document.activeElement.id")
    assert focused and page.locator(f"#{focused}").get_attribute("aria-invalid") == "true"


def test_the_filter_bar_folds_on_a_phone_and_opens_on_a_desktop(visit, world):
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    visit.go("/associations/")
    assert page.locator("[data-filter-bar]").get_attribute("open") is not None
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.locator("[data-filter-bar]").get_attribute("open") is None
    # The hit count is right below the folded bar, and the first result is in view.
    first = page.locator("table.responsive tbody tr").first
    box = first.bounding_box()
    assert box and box["y"] < PHONE["height"]


def test_add_a_row_on_the_project_form(visit, world):
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    visit.go(f"/activities/projects/{project.pk}/edit/")
    partners = page.locator('[data-formset="partners"]')
    before = partners.locator("fieldset").count()
    partners.locator("[data-add-row]").click()
    partners.locator("[data-add-row]").click()
    expect(partners.locator("fieldset")).to_have_count(before + 2)
    assert page.locator('input[name="partners-TOTAL_FORMS"]').input_value() == str(before + 2)
    names = partners.locator('input[name$="-name"]')
    names.nth(before).fill("NAV Fjordvik")
    names.nth(before + 1).fill("Fjordvik kommune")
    kinds = partners.locator('select[name$="-kind"]')
    kinds.nth(before).select_option(index=1)
    kinds.nth(before + 1).select_option(index=1)
    visit.check_accessibility()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".messages")).to_be_visible()
    assert set(Partner.objects.filter(project=project).values_list("name", flat=True)) >= {
        "NAV Fjordvik",
        "Fjordvik kommune",
    }


def test_chart_labels_stay_readable_on_a_small_phone(visit, world):
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        visit.go(f"/activities/progress/?project={project.pk}")
        heights = page.evaluate(
            "Array.from(document.querySelectorAll('.chart svg text'))"
            ".filter(t => getComputedStyle(t).display !== 'none')"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 13, (width, min(heights))
