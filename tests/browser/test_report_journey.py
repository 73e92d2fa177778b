"""Journey 5: the coordinator writes the narrative and requests the annual report; a municipality
viewer finds the finished report, downloads it, and the PDF holds the year's activity count.

With PostgreSQL and Redis configured (always in CI) the report is rendered by a real Celery
worker process and the page shows it finish without reloading; on the embedded default (SQLite,
no broker) the task runs in-process. Every page is checked with axe.
"""

import datetime as dt
import io
import re

import pypdf
import pytest
from playwright.sync_api import expect

from tests.factories import (
    ActivityCategoryFactory,
    ActivityFactory,
    ProjectFactory,
    YearTargetFactory,
)

PASSWORD = "passord-123"
YEAR = dt.date.today().year - 1


@pytest.fixture
def report_runner(request, settings, tmp_path):
    """A real worker when the services are there (CI must have them), else in-process."""
    from conftest import IN_CI, _worker_services_missing
    from frivillig.celery import app

    if IN_CI or not _worker_services_missing():
        request.getfixturevalue("celery_worker")
        yield "worker"
        return
    previous = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = tmp_path / "media"
    app.conf.task_always_eager = True
    yield "eager"
    app.conf.task_always_eager = previous


def test_the_municipality_downloads_the_annual_report_the_coordinator_wrote(
    visit, world, report_runner
):
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    YearTargetFactory(project=project, year=YEAR, activities=20)
    category = ActivityCategoryFactory()
    for week in range(17):
        ActivityFactory(
            project=project,
            category=category,
            date=dt.date(YEAR, 1, 5) + dt.timedelta(weeks=week),
            participants=8,
        )
    page = visit.page

    # The coordinator previews the year's report, writes its narrative and has the PDF made.
    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Rapporter").first.click()
    page.wait_for_load_state()
    visit.check_accessibility()
    expect(page.get_by_label("År")).to_have_value(str(YEAR))
    page.get_by_role("button", name="Forhåndsvisning").click()
    expect(page.locator(".page-header h1")).to_have_text(f"Forhåndsvisning: Årsevaluering {YEAR}")
    # A centre's report: the centre's count, and each project against its own target.
    expect(page.locator("article.report")).to_contain_text("17 aktiviteter ble gjennomført")
    percent = page.locator('article.report [data-figure="activities.held.percent_of_target"]')
    expect(percent).to_have_text(re.compile(r"^85\s%$"))  # 17 of the project's 20
    visit.check_accessibility()

    page.get_by_role("link", name="Skriv teksten").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label("Året i ord").fill(
        "Året ga mange nye møteplasser.\n\n- Turgruppa vokste\n- Flere unge frivillige"
    )
    page.get_by_role("button", name="Lagre som endelig").click()
    expect(page.locator(".messages")).to_contain_text("Teksten ble lagret og merket som endelig.")
    expect(page.get_by_label("Året i ord")).to_have_value(re.compile("Turgruppa vokste"))
    visit.check_accessibility()
    visit.shoot("narrative")

    page.get_by_role("link", name="Forhåndsvis rapporten").click()
    expect(page.locator("article.report")).to_contain_text("Turgruppa vokste")
    visit.check_accessibility()
    page.get_by_role("button", name="Lag PDF").click()
    expect(page.locator(".messages")).to_contain_text("Rapporten lages nå.")
    jobs = page.locator("#report-jobs")
    expect(jobs).to_contain_text(f"Årsevaluering {YEAR}")
    # The list polls while the job is queued or running; the link appears when it is done.
    expect(jobs.get_by_role("link", name="Last ned PDF")).to_be_visible(timeout=60_000)
    visit.check_accessibility()
    visit.shoot("report-list")
    visit.logout()

    # The municipality viewer sees the finished report and downloads it.
    visit.login(world.municipality_viewer.email, PASSWORD)
    visit.go("/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporter")
    expect(page.get_by_role("button", name="Lag PDF")).to_have_count(0)
    row = page.locator("#report-jobs tbody tr").filter(has_text=f"Årsevaluering {YEAR}")
    expect(row).to_have_count(1)
    visit.shoot("municipality-report-list")
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Last ned PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = open(download.path(), "rb").read()  # noqa: SIM115 - read once, closed by GC
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\xa0", " ")
    assert "17 aktiviteter ble gjennomført" in text
    assert "Turgruppa vokste" in text
