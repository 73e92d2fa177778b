"""Every page of every demo role, found from the URL resolver on the demo data (`seed_demo`):
the pages the every-page browser test visits and the language crawl reads."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.test_url_permissions import PATTERNS, _url_name

DEMO_ROLES = {
    "anonymous": None,
    "coordinator": "koordinator@fjordvik.example",
    "association": "lag@fjordvik.example",
    "municipality": "kommune@fjordvik.example",
    "volunteer": "frivillig@fjordvik.example",
}


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
        "centreyear:centre_year": {"year": timezone.localdate().year},
        "centreyear:grant_round": {"year": timezone.localdate().year + 1},
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


def crawl(user, language: str | None = None) -> Iterator[tuple[str, str, HttpResponse]]:
    """(url name, path, response) of every page that answers this user's GET with an HTML page,
    read in `language` (the language cookie; None: the default, bokmål). The pages are found
    and read in one pass, so a check of their content needs no second crawl."""
    client = Client()
    if user is not None:
        client.force_login(user)
    if language is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    kwargs = _kwargs_for(user)
    if user is None:
        yield "account_login", reverse("account_login"), client.get(reverse("account_login"))
    for namespace, pattern, _route in PATTERNS:
        name = _url_name(namespace, pattern)
        if pattern.pattern.regex.groupindex and name not in kwargs:
            continue
        path = reverse(name, kwargs=kwargs.get(name, {}))
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield name, path, response


def pages_of(user) -> list[tuple[str, str]]:
    """(url name, path) of every page that answers this user's GET with an HTML page."""
    return [(name, path) for name, path, _response in crawl(user)]
