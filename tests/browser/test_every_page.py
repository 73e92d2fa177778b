"""Every page of every role, at a desktop and at a small phone.

The pages are discovered from the URL resolver (the same walk as tests/test_url_permissions.py)
on the demo data, so a new page is visited without being listed here. Each page that answers
the role's GET with HTML is loaded once, at desktop width (1280 px), and then narrowed to 320 px:
the width of a small phone and of the desktop at 400 % zoom (WCAG 2.1 1.4.10 Reflow), which
app.js follows (its ResizeObserver decides each scroll box again). At both widths:
- the page never scrolls sideways;
- nothing (no stray hidden element) makes the page run on below the footer;
- every box that scrolls can be reached by keyboard;
- axe-core finds no violation of any impact;
and at the desktop the title reads "Page · Frivillig", no two pages of a role share a title, and
a form that marks required fields with * says what the mark means.

With SCREENSHOTS=1 (`make screenshots`, which CI runs after `make test` and keeps) the test also
takes pictures, for looking at (JPEG, test-artifacts/screenshots/every-page/<role>/): the
desktop's first screen and the phone's whole page. They are no check, and cost a quarter of the
test's time, so `make test` does not take them.

One browser for the run and one logged-in context per role; the roles in three tests of about
the same length (they are the suite's longest), each seeding the demo once; a page's checks
read in one call into it; after narrowing the test waits two frames, the time app.js's
ResizeObserver takes, rather than a fixed time. (Until December 2026 each page was loaded three
times, at 320, 390 and 1280 px, and narrowed after: the same checks at the same two widths, in
70 % of the time; the large phone's layout is the small phone's. app.js then also followed the
window's resizes after a 100 ms pause, which the test waited for: a fifth of its time.)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.test import Client

from tests.pages import DEMO_ROLES, pages_of

from .conftest import ARTIFACTS, AXE, PICTURES

# The crawl finds the HTML pages by asking every URL; documents are not laid out for it
# (conftest.pdfs_not_laid_out).
pytestmark = pytest.mark.usefixtures("pdfs_not_laid_out")

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 740}
TITLE = re.compile(r"^\S.* · Frivillig$")
# What the page at its present width shows, read in one call: its width, the blank page under
# the footer, the boxes that scroll but cannot be reached by keyboard (WCAG 2.1 2.1.1: app.js
# must give each a tabindex whenever it scrolls, also after the window narrowed), the forms that
# mark fields with * without explaining the mark (partials/required_note.html), its title and
# axe-core's violations of any impact.
PAGE_STATE = """async () => {
  const root = document.documentElement;
  const footer = document.querySelector('footer');
  const axeRun = await axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    resultTypes: ['violations']});
  return {
    scroll: root.scrollWidth,
    below: root.scrollHeight - Math.ceil(footer.getBoundingClientRect().bottom + window.scrollY),
    unreachable: Array.from(document.querySelectorAll('.table-wrap, .consent-text, .scroll-box'))
      .filter(b => (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
        && b.tabIndex < 0)
      .map(b => b.className + ': ' + b.textContent.trim().slice(0, 40)),
    stars: Array.from(document.querySelectorAll('form'))
      .filter(f => f.querySelector('.required') && !f.querySelector('.required-note'))
      .map(f => f.getAttribute('action') || '(this page)'),
    title: document.title,
    violations: axeRun.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target)})),
  };
}"""


# Resolves once the narrowed page has been laid out and app.js has decided again: app.js's
# ResizeObserver is called in the frame that lays the page out at its new width, after that
# frame's animation callbacks, so by the second frame's callbacks it has run.
AFTER_NEXT_FRAMES = (
    "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"
)


def _session_cookie(live_server, user) -> list[dict]:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]


def _layout_faults(state: dict, width: int, where: str) -> list[str]:
    """What the page read at `width` (`PAGE_STATE`) must not have: a sideways scroll, blank
    page under the footer, a scroll box out of the keyboard's reach, an axe-core violation."""
    found = []
    if state["scroll"] > width:
        found.append(f"{where} is {state['scroll']}px wide")
    if state["below"] > 1:
        found.append(f"{where}: {state['below']}px of blank page under the footer")
    for box in state["unreachable"]:
        found.append(f"{where}: a scroll box is not focusable: {box}")
    if state["violations"]:
        found.append(f"{where}, axe: {json.dumps(state['violations'])}")
    return found


# The roles in three tests of about the same length, the one with the most pages first (they
# are the suite's longest tests); the demo is seeded once per test.
GROUPS = (("coordinator",), ("municipality", "anonymous"), ("association", "volunteer"))


def test_every_demo_role_is_visited():
    assert sorted(role for group in GROUPS for role in group) == sorted(DEMO_ROLES)


@pytest.mark.parametrize("roles", GROUPS, ids=["+".join(group) for group in GROUPS])
def test_it_shows_every_page_at_a_desktop_and_a_phone(browser, live_server, roles, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise; pages are rendered the same.
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    faults = [fault for role in roles for fault in _role_faults(browser, live_server, role)]
    assert not faults, "\n".join(faults)


def _role_faults(browser, live_server, role: str) -> list[str]:
    from core.models import User

    email = DEMO_ROLES[role]
    user = User.objects.get(email=email) if email else None
    pages = pages_of(user)
    assert len(pages) >= 3, pages

    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    if user is not None:
        context.add_cookies(_session_cookie(live_server, user))
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    folder = ARTIFACTS / "every-page" / role
    if PICTURES:
        folder.mkdir(parents=True, exist_ok=True)
    faults: list[str] = []
    titles: dict[str, set[str]] = defaultdict(set)
    try:
        for name, path in pages:
            page.set_viewport_size(DESKTOP)
            page.goto(live_server.url + path)
            state = page.evaluate(PAGE_STATE)
            faults.extend(_layout_faults(state, DESKTOP["width"], f"{role} 1280px {path} ({name})"))
            title = state["title"]
            titles[title].add(name)
            if not TITLE.match(title):
                faults.append(f"{role}: title of {path} is {title!r}")
            if state["stars"]:
                faults.append(f"{role} {path}: * not explained in the forms {state['stars']}")
            slug = name.replace(":", "-")
            # JPEG: for looking at, and taken in about half the time of a PNG. At the desktop
            # what the first screen shows; the phone's picture is of the whole page.
            if PICTURES:
                page.screenshot(path=str(folder / f"{slug}-desktop.jpg"), type="jpeg", quality=80)

            page.set_viewport_size(PHONE)
            page.evaluate(AFTER_NEXT_FRAMES)  # laid out at 320 px; app.js has decided again
            if PICTURES:
                shot = folder / f"{slug}-phone.jpg"
                page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=80)
            state = page.evaluate(PAGE_STATE)
            faults.extend(_layout_faults(state, PHONE["width"], f"{role} 320px {path} ({name})"))
    finally:
        context.close()
    for title, names in titles.items():
        if len(names) > 1:
            faults.append(f"{role}: title {title!r} is shared by {sorted(names)}")
    return faults
