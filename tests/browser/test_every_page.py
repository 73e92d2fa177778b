"""Every page of every role, at a small phone, a large phone and a desktop.

The pages are discovered from the URL resolver (the same walk as tests/test_url_permissions.py)
on the demo data, so a new page is visited without being listed here. For each role, each page
that answers GET with HTML, and each width:
- the page never scrolls sideways (WCAG 2.1 1.4.10 Reflow);
- axe-core finds no violation of any impact;
- the title reads "Page · Frivillig", and no two pages of a role share a title;
- nothing (no stray hidden element) makes the page run on below the footer.
Screenshots at phone and desktop size go to test-artifacts/screenshots/every-page/ (kept by CI).

One browser for the run and one logged-in context per role; the viewport is changed per width.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.test_url_permissions import PATTERNS, _url_name

from .conftest import ARTIFACTS, AXE

WIDTHS = (320, 390, 1280)
SHOT_WIDTHS = {390: "phone", 1280: "desktop"}
TITLE = re.compile(r"^\S.* · Frivillig$")
DEMO_ROLES = {
    "anonymous": None,
    "coordinator": "koordinator@fjordvik.example",
    "association": "lag@fjordvik.example",
    "municipality": "kommune@fjordvik.example",
    "volunteer": "frivillig@fjordvik.example",
}
AXE_RUN = (
    "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, "
    "resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact, "
    "help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)}))"
)


def _kwargs_for(user) -> dict[str, dict]:
    """URL arguments of the demo objects this user may see (their own centre and association)."""
    from activities.models import Activity
    from core.models import Centre
    from organisations.models import Category, Invitation, Organisation
    from projects.models import Project
    from tasks.models import Match, Task
    from volunteers.models import Interest, Volunteer

    centre = Centre.objects.get(name="Fjordvik frivilligsentral")
    organisations = Organisation.objects.filter(centre=centre)
    activities = Activity.objects.filter(centre=centre)
    projects = Project.objects.filter(centre=centre)
    tasks = Task.objects.filter(centre=centre)
    if user is not None and user.role == "association":
        organisations = organisations.filter(memberships__user=user)
        activities = activities.filter(organiser__memberships__user=user)
        projects = projects.filter(organisation__memberships__user=user)
        tasks = tasks.filter(organisation__memberships__user=user)
    organisation = organisations.order_by("pk").first()
    activity = activities.order_by("pk").first()
    project = projects.order_by("pk").first()
    task = tasks.order_by("pk").first()
    volunteer = Volunteer.objects.filter(centre=centre).order_by("pk").first()
    match = Match.objects.filter(centre=centre).order_by("pk").first()
    invitation = Invitation.objects.pending().filter(centre=centre).first()
    found = {
        "core:centre_year": {"year": timezone.localdate().year},
        "organisations:category_edit": {"pk": Category.objects.order_by("pk").first().pk},
        "volunteers:lists": {"kind": "interests"},
        "volunteers:lists_edit": {"kind": "interests", "pk": Interest.objects.first().pk},
        "volunteers:signup": {"slug": centre.slug},
        "public:centre": {"slug": centre.slug},
        "public:figures": {"slug": centre.slug},
        "volunteers:signup_done": {"slug": centre.slug},
    }
    if invitation:
        found["organisations:invitation_accept"] = {"token": invitation.token}
    for name in ("detail", "edit"):
        if organisation:
            found[f"organisations:{name}"] = {"pk": organisation.pk}
    for name in ("detail", "edit", "erase", "export"):
        found[f"volunteers:{name}"] = {"pk": volunteer.pk}
    if task:
        for name in ("task_detail", "task_edit", "match_create"):
            found[f"volunteers:{name}"] = {"pk": task.pk}
    if match:
        found["volunteers:match_edit"] = {"pk": match.pk}
    if activity:
        found["activities:edit"] = {"pk": activity.pk}
    if project:
        for name in ("project_detail", "project_edit"):
            found[f"activities:{name}"] = {"project_pk": project.pk}
    from cooperation.models import Partnership, Story

    partnerships = Partnership.objects.filter(centre=centre, status="active")
    stories = Story.objects.filter(centre=centre, published_at__isnull=False)
    if user is not None and user.role == "association":
        partnerships = partnerships.filter(organisation__memberships__user=user)
        stories = stories.filter(partnership__organisation__memberships__user=user)
    partnership = partnerships.order_by("pk").first()
    story = stories.order_by("pk").first()
    if partnership:
        found["cooperation:partnership_detail"] = {"pk": partnership.pk}
    if story:
        found["cooperation:story_detail"] = {"pk": story.pk}
        found["samarbeid:story"] = {"slug": centre.slug, "pk": story.pk}
    found["samarbeid:centre"] = {"slug": centre.slug}
    found["samarbeid:municipality"] = {"slug": centre.municipality.slug}
    return found


def pages_of(user) -> list[tuple[str, str]]:
    """(url name, path) of every page that answers this user's GET with an HTML page."""
    client = Client()
    if user is not None:
        client.force_login(user)
    kwargs = _kwargs_for(user)
    pages = [("account_login", reverse("account_login"))] if user is None else []
    for namespace, pattern, _route in PATTERNS:
        name = _url_name(namespace, pattern)
        if pattern.pattern.regex.groupindex and name not in kwargs:
            continue
        path = reverse(name, kwargs=kwargs.get(name, {}))
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((name, path))
    return pages


def _session_cookie(live_server, user) -> list[dict]:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]


@pytest.mark.parametrize("role", list(DEMO_ROLES))
def test_it_shows_every_page_at_every_width(browser, live_server, role, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise; pages are rendered the same.
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
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
    folder.mkdir(parents=True, exist_ok=True)
    faults: list[str] = []
    titles: dict[str, set[str]] = defaultdict(set)
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800 if width > 400 else 740})
            for name, path in pages:
                page.goto(live_server.url + path)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    faults.append(f"{width}px {path} ({name}) is {scroll}px wide")
                below = page.evaluate(
                    "document.documentElement.scrollHeight - Math.ceil(document.querySelector("
                    "'footer').getBoundingClientRect().bottom + window.scrollY)"
                )
                if below > 1:
                    faults.append(f"{width}px {path}: {below}px of blank page under the footer")
                violations = page.evaluate(AXE_RUN)
                if violations:
                    faults.append(f"{width}px axe {path}: {json.dumps(violations)}")
                if width == WIDTHS[-1]:
                    title = page.title()
                    titles[title].add(name)
                    if not TITLE.match(title):
                        faults.append(f"title of {path} is {title!r}")
                if width in SHOT_WIDTHS:
                    slug = name.replace(":", "-")
                    shot = folder / f"{slug}-{SHOT_WIDTHS[width]}.png"
                    page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    for title, names in titles.items():
        if len(names) > 1:
            faults.append(f"title {title!r} is shared by {sorted(names)}")
    assert not faults, "\n".join(faults)
