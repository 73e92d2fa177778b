"""Journey: a visitor of a nynorsk municipality's centre goes through the public pages, without
a login, and meets no bokmål or English on the way.

The centre's default language is nynorsk, so its pages speak nynorsk before the visitor
chooses; pages that belong to no centre (the root, the accessibility page) speak nynorsk once
the visitor picks it in the language switch. The data is written in nynorsk.
"""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from tasks.models import Task
from tests import factories as f
from volunteers.models import ConsentText

# Words that are bokmål and not nynorsk ("hos" is both), and common English interface words.
BOKMAL = re.compile(
    r"\b(ikke|hva|hvor|hvem|hvordan|jeg|noen|uke|uken|fra|ble|mye|Aktiviteter|Foreninger|"
    r"Forrige|Hele|Sted|steder|Kommer|Ingen offentlige|Vis alle)\b"
)
ENGLISH = re.compile(
    r"\b(the|and|or|not|Calendar|Week|List|Search|Show|Volunteers|Associations|Contact|This week|"
    r"Coming up|Subscribe|Accessibility|Criterion|Level|Meets|Partly|Not applicable|Previous|"
    r"Next|All day|Cancelled)\b"
)


def _setup(world):
    centre = world.centre
    centre.default_language = "nn"
    centre.description = "Ein open møteplass for alle i bygda."
    centre.email = "post@frivilligsentral.example"
    centre.save()
    organisation = world.organisation
    organisation.is_public = True
    organisation.shows_contact = True
    organisation.email = "lag@turlag.example"
    organisation.description = "Turar i skog og fjell."
    organisation.needs_volunteers = True
    organisation.volunteer_needs = "Turleiarar"
    organisation.save()
    category = f.ActivityCategoryFactory(name="Friluftsliv")
    project = f.ProjectFactory(centre=centre, name="Drift", slug="drift")
    today = timezone.localdate()
    f.ActivityFactory(
        project=project,
        title="Kveldstur",
        category=category,
        date=today,
        start_time=dt.time(18),
        end_time=dt.time(20),
        place="Bygdetunet",
        organiser=organisation,
        is_public=True,
    )
    f.ActivityFactory(project=project, title="Lukka samtalegruppe", date=today)
    Task.objects.create(
        centre=centre, title="Sjåfør til handleturen", when="Tysdagar", is_public=True
    )
    ConsentText.objects.create(centre=centre, version=1, text="Vi lagrar namnet ditt.")
    return centre


def test_a_visitor_reads_the_public_pages_in_nynorsk(visit, world):
    page = visit.page
    page.set_default_timeout(5000)
    centre = _setup(world)
    problems: list[str] = []

    def check() -> None:
        expect(page.locator("html")).to_have_attribute("lang", "nn")
        visit.check_accessibility()
        text = page.locator("main").inner_text()
        for name, pattern in (("bokmål", BOKMAL), ("English", ENGLISH)):
            found = sorted({m.group(0) for m in pattern.finditer(text)})
            if found:
                problems.append(f"{name} on {page.url}: {found}")
        assert "Lukka samtalegruppe" not in text

    # The centre's front page speaks nynorsk before the visitor has chosen a language.
    visit.go(f"/c/{centre.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(centre.name)
    expect(page.get_by_text("Kveldstur")).to_be_visible()
    expect(page.get_by_text("Sjåfør til handleturen")).to_be_visible()
    check()
    visit.shoot("centre-nynorsk")

    # The calendar: the week, then the list filtered by category, without JavaScript's help.
    page.get_by_role("link", name="Kalender", exact=True).first.click()
    check()
    page.get_by_role("link", name="Liste", exact=True).click()
    page.get_by_label("Kategori").select_option(label="Friluftsliv")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_text("Kveldstur")).to_be_visible()
    check()
    visit.shoot("calendar-list-nynorsk")

    # The directory of the centre, with the contact details the association consented to.
    visit.go(f"/c/{centre.slug}/")
    page.get_by_role("link", name="Sjå katalogen").click()
    expect(page.get_by_text("lag@turlag.example")).to_be_visible()
    page.get_by_label("Berre dei som treng frivillige no").check()
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("heading", name=world.organisation.name)).to_be_visible()
    check()
    page.get_by_role("link", name=f"Offentlege aktivitetar hjå {world.organisation.name}").click()
    expect(page.get_by_text("Kveldstur")).to_be_visible()
    check()

    # Becoming a volunteer.
    visit.go(f"/c/{centre.slug}/")
    page.get_by_role("link", name="Bli frivillig").first.click()
    check()

    # The root belongs to no centre: the visitor chooses nynorsk there, and it stays chosen.
    visit.go("/")
    page.get_by_role("button", name="Nynorsk").click()
    page.wait_for_load_state()
    check()
    page.get_by_role("link", name="Slik oppfyller Frivillig WCAG 2.1").click()
    check()
    visit.shoot("accessibility-nynorsk")

    assert not problems, "\n".join(problems)
