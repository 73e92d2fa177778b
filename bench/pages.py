"""The pages measured by bench/run.py, chosen from the generated data of the first centre."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import Centre, User
from core.permissions import access_for_user
from organisations import selectors as organisation_selectors
from organisations.models import Organisation


@dataclass
class Page:
    label: str
    path: str
    email: str
    note: str = ""

    @property
    def cookie(self) -> str:
        return f"{settings.SESSION_COOKIE_NAME}={session_for(self.email)}"


@cache
def session_for(email: str) -> str:
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "core.backends.CentreModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


COORDINATOR = "bench-koordinator@bench.example"
ADMIN = "bench-admin@bench.example"
MUNICIPALITY = "bench-kommune@bench.example"


def _context() -> dict:
    from organisations.models import Category
    from projects.models import Project
    from tasks.models import Task

    centre = Centre.objects.order_by("pk").first()
    # The list's search and filters are the first association's own word, district and
    # "needs volunteers", so the list shows rows, as the admin's same search does.
    organisation = (
        Organisation.objects.filter(centre=centre, district__isnull=False).order_by("pk").first()
    )
    word = organisation.name.split()[0][:4].lower()
    return {
        "centre": centre,
        "organisation": organisation,
        "word": word,
        "category": Category.objects.order_by("pk").first(),
        "district": organisation.district,
        "needs_volunteers": "true" if organisation.needs_volunteers else "false",
        "task": Task.objects.filter(centre=centre).order_by("pk").first(),
        "project": Project.objects.filter(centre=centre).order_by("pk").first(),
    }


def pages() -> list[Page]:
    ctx = _context()
    filters = (
        f"q={ctx['word']}&district={ctx['district'].pk}&needs_volunteers={ctx['needs_volunteers']}"
    )
    return [
        Page("Association list, search + 2 filters", f"/associations/?{filters}", COORDINATOR),
        Page("Association detail", f"/associations/{ctx['organisation'].pk}/", COORDINATOR),
        Page(
            "Admin changelist, same search (reference)",
            f"/admin/organisations/organisation/?q={ctx['word']}&centre__id__exact={ctx['centre'].pk}",
            ADMIN,
        ),
        Page("Volunteer list", "/volunteers/people/?status=active", COORDINATOR),
        Page(
            "Matching suggestions for a task", f"/volunteers/tasks/{ctx['task'].pk}/", COORDINATOR
        ),
        Page(
            "Targets dashboard",
            f"/activities/progress/?project={ctx['project'].pk}&year=2026",
            COORDINATOR,
        ),
        Page("Project page", f"/activities/projects/{ctx['project'].pk}/", COORDINATOR),
        Page("Volunteer hours per year", "/reports/hours/?year=2026", COORDINATOR),
        Page("Overview, the centre", "/reports/overview/?year=2026", COORDINATOR),
        Page("Municipality overview, every centre", "/reports/overview/?year=2026", MUNICIPALITY),
        Page("Public front page", f"/c/{ctx['centre'].slug}/", COORDINATOR),
        Page("Open API, figures", f"/api/v1/centres/{ctx['centre'].slug}/figures", COORDINATOR),
        Page("Public directory search", f"/associations/directory/?q={ctx['word']}", COORDINATOR),
        Page("Start page", "/start/", COORDINATOR),
        Page("Trends, the municipality (every year)", "/reports/years/", MUNICIPALITY),
        Page(
            "Trends, one district (every year)",
            f"/reports/years/?district={ctx['centre'].district_id}",
            MUNICIPALITY,
        ),
    ]


def query_count(page: Page) -> int:
    client = Client()
    client.force_login(User.objects.get(email=page.email))
    client.get(page.path, HTTP_HOST="127.0.0.1")  # warm-up: caches filled, as for a user
    with CaptureQueriesContext(connection) as queries:
        client.get(page.path, HTTP_HOST="127.0.0.1")
    return len(queries)


def extras(requests: int) -> dict:
    """The bare SQL of our association list query, for the page/SQL ratio."""
    ctx = _context()
    user = User.objects.get(email=COORDINATOR)
    params = {
        "q": ctx["word"],
        "district": str(ctx["district"].pk),
        "needs_volunteers": ctx["needs_volunteers"],
    }
    qs = organisation_selectors.organisation_filter(access=access_for_user(user), params=params).qs[
        :25
    ]
    sql, params = qs.query.sql_with_params()
    timings = []
    with connection.cursor() as cursor:
        for _ in range(requests):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return {"association list bare SQL median ms": round(statistics.median(timings), 2)}
