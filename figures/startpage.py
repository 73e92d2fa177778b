"""The figures on the start page: the cards' catalogue figures (`Card.figure_key`) and the
projects behind their target's pace (and the municipality's panel of its centres), from one
engine call per request (`this_year`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import WorkItem, once
from projects import selectors as project_selectors

from . import engine
from .presenters import OVERVIEW_KEYS, projects_pace

# What the pace of the projects reads (`projects_pace`).
PACE_KEYS = ["activities.held"]


def this_year(request: HttpRequest, access: Access, keys: list[str]) -> engine.Figures:
    """This year's figures of the centres the user sees, read once per request for the
    cards, the coordinator's pace of the projects (by project) and the municipality's panel of
    its centres (by centre, `OVERVIEW_KEYS`): the cards ask first, with the keys of the rest
    added; a read that lacks a key asked for later is made again with every key."""
    memo: dict[str, Any] = once(request, "figures.this_year", dict)
    if access.is_municipality:
        by, extra = "centre", OVERVIEW_KEYS
    else:
        by, extra = "project", PACE_KEYS if access.is_coordinator else []
    wanted = set(keys) | set(extra) | memo.get("keys", set())
    if not wanted <= memo.get("keys", set()):
        today = timezone.localdate()
        memo["keys"] = wanted
        memo["figures"] = engine.compute(
            engine.Scope.of_centres(access.centre_ids),
            years=[today.year],
            today=today,
            keys=sorted(wanted),
            by=by,
        )
    return memo["figures"]


def card_figures(request: HttpRequest, access: Access, keys: list[str]) -> dict[str, Any]:
    """This year's value of each key in the centres the user sees (0 where there is none)."""
    figures = this_year(request, access, keys)
    year = figures.today.year
    return {key: figures.get(key, year) or 0 for key in keys}


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's projects behind the pace of their target: the projects and their
    targets (two queries), from the figures the cards read (`this_year`)."""
    if not access.is_coordinator:
        return []
    figures = this_year(request, access, PACE_KEYS)
    behind = [
        row.project.name
        for row in projects_pace(
            projects=project_selectors.projects_managed(access=access),
            centre_ids=access.centre_ids,
            year=figures.today.year,
            today=figures.today,
            figures=figures,
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
