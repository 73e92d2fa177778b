"""The coordinator logs an activity in seconds and follows the year's progress; the
municipality viewer reads the same dashboard. Every page is checked with axe-core."""

import datetime as dt
import re

from playwright.sync_api import expect

from tests.factories import ActivityFactory, ProjectFactory, YearTargetFactory

PASSWORD = "passord-123"


def test_the_coordinator_logs_an_activity_and_sees_the_progress(visit, world):
    year = dt.date.today().year
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    YearTargetFactory(project=project, year=year, activities=220)
    ActivityFactory(project=project, date=dt.date(year, 1, 2), participants=None)
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page

    visit.go("/activities/log/new/")
    page.get_by_label("Prosjekt").select_option(label="Steg for Steg")
    page.get_by_label("Kategori").select_option(label="Kurs")
    page.get_by_label("Tittel").fill("Datakurs for seniorer")
    page.get_by_label("Deltakere").fill("9")
    page.get_by_label("Frivillige timer").fill("1:30")
    page.get_by_role("button", name="Lagre og registrer neste").click()
    expect(page.locator(".messages")).to_contain_text("Registrert: Datakurs for seniorer")
    # The form remembers the project and category for the next one.
    expect(page.get_by_label("Prosjekt")).to_have_value(str(project.pk))
    visit.check_accessibility()
    visit.shoot("quick-add")

    visit.go("/activities/log/new/full/")
    visit.go("/activities/log/series/new/")
    visit.shoot("series")
    visit.go("/activities/log/counts/")
    visit.shoot("counts")
    visit.go("/activities/log/")
    expect(page.locator("main")).to_contain_text("Datakurs for seniorer")
    visit.shoot("list")

    visit.go(f"/activities/progress/?project={project.pk}&year={year}")
    expect(page.locator(".metric").first).to_contain_text("av 220")
    expect(page.locator("svg").first).to_be_visible()
    visit.shoot("dashboard")

    visit.go(f"/activities/projects/{project.pk}/")
    visit.go(f"/activities/projects/{project.pk}/edit/")
    visit.shoot("project-edit")


def test_the_municipality_viewer_reads_the_dashboard(visit, world):
    year = dt.date.today().year
    project = ProjectFactory(centre=world.sibling_centre, name="Nordbyen-prosjektet")
    YearTargetFactory(project=project, year=year, activities=100)
    visit.login(world.municipality_viewer.email, PASSWORD)
    page = visit.page
    page.get_by_role("link", name="Se framdriften").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Framdrift mot mål")
    expect(page.locator("main")).to_contain_text("Lesevisning for kommunen.")
    expect(page.get_by_role("link", name=re.compile("Sett mål"))).to_have_count(0)
    visit.check_accessibility()
    visit.shoot("municipality-dashboard")
