from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem, once

from . import selectors


def _pending(request: HttpRequest, access: Access) -> int:
    """Hour entries waiting for approval, counted once for the card and the work list."""
    return once(request, "hours.pending", lambda: selectors.hours_pending(access=access).count())


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        pending = _pending(request, access)
        return [
            Card(
                title=_("Volunteer hours"),
                description=_(
                    "Approve hours the volunteers log, and see totals and full-time equivalents."
                ),
                url=reverse("volunteers:hours_pending"),
                order=30,
                figure=pending,
                figure_label=_("entries await approval"),
                actions=[
                    Action(_("Approve hours"), reverse("volunteers:hours_pending"), True),
                    Action(_("Totals per year"), reverse("reports:hours")),
                ],
            ),
        ]
    if access.is_volunteer:
        return [
            Card(
                title=_("My hours"),
                description=_(
                    "Log the hours you gave, as h:mm or a number. The coordinator approves them."
                ),
                url=reverse("volunteers:my_hours"),
                order=20,
                actions=[Action(_("Log hours"), reverse("volunteers:my_hours"), True)],
            ),
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [NavItem(_("Hours"), reverse("volunteers:hours_pending"), 30, "/volunteers/hours/")]
    if access.is_volunteer:
        return [NavItem(_("My hours"), reverse("volunteers:my_hours"), 20, "/volunteers/my-hours/")]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's hours waiting for approval. One query."""
    if not access.is_coordinator:
        return []
    hours = _pending(request, access)
    return [
        WorkItem(
            hours,
            ngettext(
                "hour entry waits for approval.",
                "hour entries wait for approval.",
                hours,
            ),
            reverse("volunteers:hours_pending"),
            _("Approve hours"),
            order=11,
        ),
    ]
