"""Browser journeys: Debian's Chromium driven by Playwright against a live server.

Never downloads a browser: Debian's Chromium (.ci/run installs it). Its headless shell
(package chromium-headless-shell, the same Chromium built without a window, as Playwright runs
headless by default) is used where installed: the suite's browser tests use about a fifth less
CPU with it than with the whole browser in its headless mode; /usr/bin/chromium is the fallback.
Every page visited is checked with axe-core (vendored from the npm package) for serious and
critical violations; with SCREENSHOTS=1 (`make screenshots`) pictures of the journeys' key pages
go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("TEST_CHROMIUM")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium"
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# Pictures of the pages, for looking at, are no check: taken with SCREENSHOTS=1 (`make
# screenshots`, which CI runs after `make test`), not by `make test`.
PICTURES = os.environ.get("SCREENSHOTS", "").lower() in {"1", "true", "yes"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
# (setting up data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _jobs_in_process(settings):
    """Jobs a journey starts (an import batch, a report) run in the live server's process, as in
    the embedded mode, so that none is left waiting in the broker with no worker to take it; a
    journey that wants the real worker asks for `celery_worker`, which turns this off."""
    from frivillig.celery import app

    previous = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium packages.")
        pytest.skip(
            "Browser tests need Debian's Chromium (apt-get install chromium-headless-shell)."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the test inject axe-core; the app's own pages never need it.
    return {**browser_context_args, "viewport": DESKTOP, "bypass_csp": True, "locale": "nb-NO"}


class Visit:
    """Helpers bound to one test: screenshots and accessibility checks of the current page."""

    def __init__(self, page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.folder = ARTIFACTS / name
        if PICTURES:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.checked: set[str] = set()
        # Loaded into every document once, rather than sent again for each check.
        page.context.add_init_script(path=str(AXE))

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check_accessibility()

    def shoot(self, name: str) -> None:
        """The current page on a phone must not scroll sideways; with SCREENSHOTS=1 (`make
        screenshots`) pictures of it at phone and desktop sizes are taken too."""
        page = self.page
        slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
        page.set_viewport_size(PHONE)
        if PICTURES:
            page.screenshot(path=str(self.folder / f"{slug}-phone.png"), full_page=True)
        # Wide tables scroll inside their .table-wrap; the page itself must never scroll sideways.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"
        page.set_viewport_size(DESKTOP)
        if PICTURES:
            page.screenshot(path=str(self.folder / f"{slug}-desktop.png"), full_page=True)

    def check_accessibility(self) -> None:
        """Run axe-core in the page; fail on serious or critical violations."""
        page = self.page
        # A check right after a click may start while the next page is still loading (its
        # document is not there yet): wait until it has loaded.
        page.wait_for_load_state()
        key = page.url.split("?")[0] + "|" + (page.evaluate("document.documentElement.lang") or "")
        if key in self.checked:
            return
        self.checked.add(key)
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, "
            "resultTypes: ['violations']})"
        )
        bad = [v for v in results["violations"] if v["impact"] in {"serious", "critical"}]
        summary = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in bad
        ]
        assert not bad, f"axe on {page.url}:\n{json.dumps(summary, indent=2)}"

    def login(self, email: str, password: str) -> None:
        page = self.page
        page.goto(self.base_url + "/accounts/login/")
        self.check_accessibility()
        page.get_by_label(re.compile("E-post|E-?mail", re.I)).fill(email)
        page.get_by_label(re.compile("Passord|Password", re.I)).fill(password)
        page.get_by_role("button", name=re.compile("^(Logg inn|Log in)$")).click()
        page.wait_for_load_state()
        self.check_accessibility()

    def logout(self) -> None:
        self.page.get_by_role("button", name=re.compile("^(Logg ut|Log out)$")).click()
        # Logging out lands on the login page; wait for it so the next step is logged out.
        self.page.wait_for_url(re.compile(r"/accounts/login/"))


@pytest.fixture
def visit(page, live_server, request) -> Visit:
    return Visit(page, live_server.url, request.node.name)
