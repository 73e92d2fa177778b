"""A part of a page that updates itself (the report jobs while a PDF is made; the import status
works the same way, app.js `[data-live]`), WCAG 2.1 2.2.2 and 4.1.3:
- one live region, outside the part that is swapped, says only what changed state ("…: Done"),
  once;
- the updates can be paused and resumed with a button, and stop by themselves when no job runs
  (the button goes away);
- focus stays on the link it was on when the table is swapped.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from reports.models import ReportJob
from reports.tests.factories import ReportJobFactory

# The table asks again every LIVE_UPDATE_MS while a job runs (hx-trigger, reports/partials/
# job_table.html): 2 s in production; here half a second, so the waits for a round are short.
POLL_MS = 500


@pytest.fixture(autouse=True)
def _polls_often(settings):
    settings.LIVE_UPDATE_MS = POLL_MS


def _as(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_a_job_that_finishes_is_announced_once_and_the_updates_pause_and_stop(
    browser, live_server, world
):
    done = ReportJobFactory(centre=world.centre, year=2024, size=2048)
    done.file.save("rapport.pdf", __import__("io").BytesIO(b"%PDF-1.7 test"), save=False)
    done.save()
    running = ReportJobFactory(
        centre=world.centre,
        year=2025,
        status=ReportJob.Status.RUNNING,
        started_at=timezone.now(),
        queued_at=timezone.now() - dt.timedelta(seconds=5),
        progress=40,
    )
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    _as(context, live_server, world.coordinator)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/reports/")

    announcer = page.locator("#announcer")
    table = page.locator("#report-jobs")
    pause = page.get_by_role("button", name="Stopp automatisk oppdatering")
    # The live region is the page's one, outside the swapped table, and starts empty.
    assert table.locator("[aria-live], [role=status]").count() == 0
    expect(announcer).to_have_text("")
    expect(pause).to_be_visible()

    # Paused: no request for the table over more than one round of polling;
    # resumed: it polls again within the next round.
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "true")
    requests.clear()
    page.wait_for_timeout(POLL_MS + 500)
    assert not [url for url in requests if "/reports/" in url]
    with page.expect_request(lambda request: "/reports/" in request.url, timeout=POLL_MS + 1000):
        pause.click()
        expect(pause).to_have_attribute("aria-pressed", "false")
    expect(announcer).to_have_text("")  # progress alone is no change of state

    # Focus on the finished report's link stays there while the table is swapped.
    download = page.get_by_role("link", name="Last ned PDF")
    download.focus()
    ReportJob.objects.system().filter(pk=running.pk).update(
        status=ReportJob.Status.DONE, progress=100, finished_at=timezone.now(), size=4096
    )
    expect(announcer).to_contain_text("Ferdig", timeout=6000)
    assert announcer.inner_text().count("Ferdig") == 1
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == f"/reports/{done.pk}/download/", focused

    # No job runs: the table stops updating and the pause button goes.
    expect(pause).to_be_hidden()
    requests.clear()
    page.wait_for_timeout(POLL_MS + 500)
    assert not [url for url in requests if "/reports/" in url]
    context.close()


def test_a_message_after_saving_is_announced(browser, live_server, world):
    """A message shown after a redirect ("Version 1 of the consent text is published.") is
    written into the page's live region after the page has loaded, so it is read out; the
    visible message stays."""
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    _as(context, live_server, world.coordinator)
    page = context.new_page()
    page.goto(live_server.url + "/volunteers/people/consent/")
    page.locator("textarea[name=text]").fill("Vi lagrer navnet ditt og hvordan vi når deg.")
    page.get_by_role("button", name="Publiser").click()
    page.wait_for_load_state()
    message = page.locator("[data-messages] .message")
    expect(message).to_contain_text("publisert")
    announcer = page.locator("#announcer")
    expect(announcer).to_have_text(message.inner_text().strip(), timeout=3000)
    # The message itself is no second live region, so it is not read twice.
    assert page.locator("[data-messages][role], [data-messages][aria-live]").count() == 0
    context.close()
