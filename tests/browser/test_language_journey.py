"""Journey 6 for the pages of journeys 1-3: every page again in English, then in Norwegian.

In English mode no Norwegian word or letter may show in the main element, and in Norwegian
mode none of the common English UI words. The data is chosen without æøå and without words of
either list, so the check is strict. The login page is checked by every login.

In each language axe-core checks what the language changes (the language of the page and of
its parts) on the first page each role visits and on the import's preview; the every-page test
(test_every_page.py) runs it on every page.
"""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from hours.models import HourEntry
from organisations import services as organisation_services
from projects.models import BudgetLine, Project, ProjectGoal, ReportedFigure
from tasks.models import Match, Task
from tests.factories import access_of
from volunteers.models import Consent, ConsentText, Interest, Volunteer

PASSWORD = "passord-123"

NORWEGIAN = re.compile(
    r"[æøåÆØÅ]|\b(og|eller|ikke|er|til|med|av|du|som|Lagre|Foreninger|Forening|Frivillige|"
    r"Oppdrag|Rediger|Avbryt|Vis|Ja|Nei|Slett|Logg|Registrert|Bydel|Kontaktperson)\b"
)
ENGLISH = re.compile(
    r"\b(Save|Cancel|Search|Export|Volunteers|Associations|Edit|Delete|the|and|or|not|"
    r"Yes|No|Show|Log|Tasks|Hours|Contact person|District|descending)\b"
)
# In nynorsk mode: English as above, and words that are bokmål and not nynorsk.
BOKMAL = re.compile(
    r"\b(ikke|hva|hvor|hvem|hvordan|hvis|jeg|noen|uke|uken|fra|ble|mye|Foreninger|foreninger|"
    r"foreningen|timer|Aktiviteter|aktiviteter|Deltakere|deltakere|bekreft|Bekreft|navn|Navn)\b"
)
NYNORSK_MODE = re.compile(f"{ENGLISH.pattern}|{BOKMAL.pattern}")


def _setup(world, tmp_path):
    organisation = world.other_organisation
    organisation.contact_name = "Per Hansen"
    organisation.phone = "22334455"
    organisation.save()
    organisation_services.invitation_create(
        actor=access_of(world.coordinator), organisation=organisation, email="leder@turlag.example"
    )
    text = ConsentText.objects.create(
        centre=world.centre, version=1, text="Vi lagrer navnet ditt.", text_en="We store your name."
    )
    walks = Interest.objects.create(name="Turer", name_en="Walks")
    applicant = Volunteer.objects.create(
        centre=world.centre,
        first_name="Nina",
        last_name="Berg",
        email="nina.berg@example.org",
        status=Volunteer.Status.APPLICANT,
        available_weekdays=True,
    )
    applicant.interests.add(walks)
    Consent.objects.create(volunteer=applicant, consent_text=text, given_at=timezone.now())
    volunteer = world.volunteer
    volunteer.first_name, volunteer.last_name = "Tone", "Lie"
    volunteer.available_weekdays = True
    volunteer.save()
    volunteer.interests.add(walks)
    task = Task.objects.create(centre=world.centre, title="Turvenn", needs_weekdays=True)
    task.interests.add(walks)
    Match.objects.create(centre=world.centre, task=task, volunteer=volunteer)
    HourEntry.objects.create(
        centre=world.centre,
        volunteer=volunteer,
        task=task,
        date=timezone.localdate() - dt.timedelta(days=1),
        hours=Decimal("2.5"),
    )
    project = Project.objects.create(
        centre=world.centre, name="Steg for Steg", slug="steg", planned_reach=210
    )
    ReportedFigure.objects.create(
        centre=world.centre, project=project, figure="persons_reached", value=75
    )
    ProjectGoal.objects.create(
        centre=world.centre,
        project=project,
        kind="effect",
        text="Fast tidgiver",
        target=80,
        unit="percent",
    )
    BudgetLine.objects.create(
        centre=world.centre,
        project=project,
        year=timezone.localdate().year,
        name="Prosjektledelse",
        budget=230_000,
        accounts=228_000,
    )
    upload = tmp_path / "liste.xlsx"
    workbook = Workbook()
    workbook.active.append(["navn", "e-post"])
    workbook.active.append(["Bergli Sjakklubb", "sjakk@bergli.example"])
    workbook.active.append(["Bergli Korps", "feil-adresse"])
    workbook.save(upload)
    return organisation, task, applicant, upload, project


def test_every_page_speaks_one_language(visit, world, tmp_path):
    page = visit.page
    page.set_default_timeout(5000)
    organisation, task, applicant, upload, project = _setup(world, tmp_path)
    invitation = organisation.invitations.get()
    problems: list[str] = []

    def check(path: str, language: str, *, axe: bool = False) -> None:
        if path:
            page.goto(visit.base_url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        if axe:
            visit.check_accessibility()
        # Text marked as another language (lang="nb" on the import's column names) is exempt.
        text = page.evaluate(
            """(language) => {
                const main = document.querySelector("main");
                let text = main.innerText;
                for (const el of main.querySelectorAll("[lang]")) {
                    if (!el.lang.startsWith(language)) text = text.replace(el.innerText, "");
                }
                return text;
            }""",
            language,
        )
        pattern = {"en": NORWEGIAN, "nb": ENGLISH, "nn": NYNORSK_MODE}[language]
        found = sorted({m.group(0) for m in pattern.finditer(text)})
        if found:
            lines = [line for line in text.splitlines() if pattern.search(line)]
            problems.append(f"{language} {page.url}: {found} in {lines[:6]}")

    def switch(language: str) -> None:
        name = {"en": "English", "nn": "Nynorsk", "nb": "Bokmål"}[language]
        page.get_by_role("button", name=name).click()
        expect(page.locator("html")).to_have_attribute("lang", language)

    coordinator_pages = [
        "/associations/",
        f"/associations/{organisation.pk}/",
        f"/associations/{organisation.pk}/edit/",
        "/volunteers/people/",
        f"/volunteers/people/{applicant.pk}/",
        "/volunteers/tasks/",
        "/volunteers/tasks/new/",
        f"/volunteers/tasks/{task.pk}/",
        "/volunteers/hours/pending/",
        f"/activities/projects/{project.pk}/",
        f"/activities/projects/{project.pk}/edit/",
        "/reports/hours/",
        "/reports/overview/",
        "/centre/year/",
    ]
    public_pages = [
        f"/volunteers/signup/{world.centre.slug}/",
        f"/volunteers/signup/{world.centre.slug}/thanks/",
        f"/associations/invitations/{invitation.token}/",
        "/accounts/signup/",
        "/associations/999999/",
    ]

    for language in ("en", "nb", "nn"):
        visit.login(world.coordinator.email, PASSWORD)
        switch(language)
        for number, path in enumerate(coordinator_pages):
            check(path, language, axe=number == 0)
        visit.go("/associations/import/")
        page.locator("input[type=file]").set_input_files(upload)
        page.locator("form[enctype] button[type=submit]").click()
        expect(page.locator("#import-errors")).to_be_visible()
        check("", language, axe=True)
        if language == "en":
            visit.shoot("import-preview-english")
        visit.logout()

        visit.login(world.association.email, PASSWORD)
        check(f"/associations/{world.organisation.pk}/", language, axe=True)
        check(f"/associations/{world.organisation.pk}/edit/", language)
        visit.logout()

        visit.login(world.volunteer_user.email, PASSWORD)
        check("/volunteers/me/", language, axe=True)
        check("/volunteers/my-hours/", language)
        if language == "en":
            visit.shoot("my-hours-english")
        visit.logout()

        for number, path in enumerate(public_pages):
            check(path, language, axe=number == 0)

    assert not problems, "\n".join(problems)
