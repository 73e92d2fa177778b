"""The figures on the start page: the cards' catalogue figures (`Card.figure_key`, computed for
every card of the page in one engine call) and the projects behind their target's pace."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import WorkItem
from projects import selectors as project_selectors

from . import engine
from .presenters import projects_pace


def card_figures(access: Access, keys: list[str]) -> dict[str, Any]:
    """This year's value of each key in the centres the user sees (0 where there is none)."""
    today = timezone.localdate()
    figures = engine.compute(
        engine.Scope.of_centres(access.centre_ids), years=[today.year], today=today, keys=keys
    )
    return {key: figures.get(key, today.year) or 0 for key in keys}


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's projects behind the pace of their target. Three queries."""
    if not access.is_coordinator:
        return []
    today = timezone.localdate()
    behind = [
        row.project.name
        for row in projects_pace(
            projects=project_selectors.projects_managed(access=access),
            centre_ids=access.centre_ids,
            year=today.year,
            today=today,
        )
        if row.off_pace
    ]
    return [
        WorkItem(
            len(behind),
            ngettext(
                "project is behind the pace of its target: %(names)s.",
                "projects are behind the pace of their targets: %(names)s.",
                len(behind),
            )
            % {"names": ", ".join(behind)},
            reverse("activities:dashboard"),
            _("See the progress"),
            order=31,
        ),
    ]
