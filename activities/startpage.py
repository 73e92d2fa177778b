from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem

from . import selectors


def cards(request: HttpRequest, access: Access) -> list[Card]:
    # The figures of the cards are named by catalogue key; the figures app computes them
    # (core.startpage.register_figures), as it sits above this app.
    if access.is_coordinator:
        return [
            Card(
                title=_("Activities"),
                description=_(
                    "Log activities in seconds, create weekly series and fill in participant "
                    "counts for many activities at once."
                ),
                url=reverse("activities:list"),
                order=20,
                figure_key="activities.held",
                figure_label=_("activities held this year (cancelled ones not counted)"),
                zero_hint=_("No activities logged this year yet."),
                actions=[
                    Action(_("Log an activity"), reverse("activities:quick_add"), True),
                    Action(_("Weekly series"), reverse("activities:series_create")),
                    Action(_("Fill in counts"), reverse("activities:counts")),
                ],
            ),
            Card(
                title=_("Projects and targets"),
                description=_(
                    "Projects with partners, grants and outcomes, and this year's progress "
                    "against the targets."
                ),
                url=reverse("activities:dashboard"),
                order=21,
                actions=[
                    Action(_("See the progress"), reverse("activities:dashboard"), True),
                    Action(_("Projects"), reverse("activities:project_list")),
                ],
            ),
        ]
    if access.is_association:
        return [
            Card(
                title=_("Your activities"),
                description=_(
                    "Log the activities your association organises, in its own projects or "
                    "in the centre's. You see and change only your own."
                ),
                url=reverse("activities:list"),
                order=20,
                actions=[
                    Action(_("Log an activity"), reverse("activities:quick_add"), True),
                    Action(_("Weekly series"), reverse("activities:series_create")),
                    Action(_("Your activities"), reverse("activities:list")),
                    Action(_("Your projects"), reverse("activities:project_list")),
                ],
            )
        ]
    if access.is_municipality:
        return [
            Card(
                title=_("Target dashboard"),
                figure_key="activities.held",
                figure_label=_("activities held this year (cancelled ones not counted)"),
                description=_(
                    "How the centres' projects stand against this year's targets (read-only)."
                ),
                url=reverse("activities:dashboard"),
                order=20,
                actions=[
                    Action(_("See the progress"), reverse("activities:dashboard"), True),
                    Action(_("Activities"), reverse("activities:list")),
                ],
            )
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [
            NavItem(_("Activities"), reverse("activities:list"), 20, "/activities/log/"),
            NavItem(_("Progress"), reverse("activities:dashboard"), 21, "/activities/progress/"),
            NavItem(_("Projects"), reverse("activities:project_list"), 22, "/activities/projects/"),
        ]
    if access.is_association:
        return [
            NavItem(_("Activities"), reverse("activities:list"), 20, "/activities/log/"),
            NavItem(_("Progress"), reverse("activities:dashboard"), 21, "/activities/progress/"),
            NavItem(_("Projects"), reverse("activities:project_list"), 22, "/activities/projects/"),
        ]
    if access.is_municipality:
        return [
            NavItem(_("Progress"), reverse("activities:dashboard"), 20, "/activities/progress/"),
            NavItem(_("Projects"), reverse("activities:project_list"), 21, "/activities/projects/"),
            NavItem(_("Activities"), reverse("activities:list"), 22, "/activities/log/"),
        ]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """Past activities without a count (coordinator); the projects behind their target's pace
    are the figures app's (figures.startpage). One query."""
    if not access.is_coordinator:
        return []
    today = timezone.localdate()
    missing = selectors.activities_missing_counts(access=access, today=today).count()
    return [
        WorkItem(
            missing,
            ngettext(
                "past activity has no participant count.",
                "past activities have no participant count.",
                missing,
            ),
            reverse("activities:counts"),
            _("Fill in counts"),
            order=30,
        ),
    ]
