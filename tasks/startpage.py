import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem, once

from . import selectors


def _follow_ups(request: HttpRequest, access: Access) -> int:
    """Follow-ups due within a week, counted once for the card and the work list."""
    week = timezone.localdate() + dt.timedelta(days=7)
    return once(
        request,
        "tasks.follow_ups",
        lambda: selectors.matches_due_for_follow_up(access=access, on_or_before=week).count(),
    )


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        follow_ups = _follow_ups(request, access)
        return [
            Card(
                title=_("Tasks and matching"),
                description=_(
                    "Tasks from the centre and the associations, with suggested "
                    "volunteers and follow-up."
                ),
                url=reverse("volunteers:task_list"),
                order=25,
                figure=follow_ups,
                figure_label=ngettext(
                    "follow-up due within a week", "follow-ups due within a week", follow_ups
                ),
                actions=[
                    Action(_("See the tasks"), reverse("volunteers:task_list"), True),
                    Action(_("Post a task"), reverse("volunteers:task_create")),
                    Action(_("My reminders"), reverse("notifications:preferences")),
                ],
            ),
        ]
    if access.is_association:
        return [
            Card(
                title=_("Tasks for volunteers"),
                description=_("Post a need for volunteers; the centre finds and matches them."),
                url=reverse("volunteers:task_list"),
                order=20,
                actions=[
                    Action(_("Post a task"), reverse("volunteers:task_create"), True),
                    Action(_("Your tasks"), reverse("volunteers:task_list")),
                    Action(_("My reminders"), reverse("notifications:preferences")),
                ],
            ),
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator or access.is_association:
        return [NavItem(_("Tasks"), reverse("volunteers:task_list"), 25, "/volunteers/tasks/")]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's follow-ups due this week. One query."""
    if not access.is_coordinator:
        return []
    follow_ups = _follow_ups(request, access)
    return [
        WorkItem(
            follow_ups,
            ngettext(
                "follow-up is due this week.",
                "follow-ups are due this week.",
                follow_ups,
            ),
            reverse("volunteers:task_list"),
            _("See the tasks"),
            order=12,
        ),
    ]
