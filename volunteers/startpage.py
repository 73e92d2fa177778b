import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem

from . import selectors
from .models import Volunteer


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        applicants = selectors.volunteer_count(access=access, status=Volunteer.Status.APPLICANT)
        pending = selectors.hours_pending(access=access).count()
        follow_ups = selectors.matches_due_for_follow_up(
            access=access, on_or_before=timezone.localdate() + dt.timedelta(days=7)
        ).count()
        return [
            Card(
                title=_("Volunteers"),
                description=_(
                    "The centre's own volunteers: sign-ups to approve, profiles, consent and "
                    "privacy (export, erasure, review of inactive people)."
                ),
                url=reverse("volunteers:list"),
                order=20,
                # Computed by the figures app (core.startpage.register_figures).
                figure_key="volunteers.registered",
                figure_label=_("registered volunteers (active and paused)"),
                empty_hint=ngettext(
                    "%(count)s applicant waits for approval.",
                    "%(count)s applicants wait for approval.",
                    applicants,
                )
                % {"count": applicants}
                if applicants
                else "",
                actions=[
                    Action(_("Open the list"), reverse("volunteers:list"), True),
                    Action(
                        _("Applicants"), reverse("volunteers:list") + "?status=applicant", False
                    ),
                    Action(_("Consent and sign-up form"), reverse("volunteers:consent_texts")),
                    Action(_("Data lists"), reverse("volunteers:lists", args=["interests"])),
                ],
            ),
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
            Card(
                title=_("Rotas"),
                description=_(
                    "Recurring needs with shifts volunteers sign up for themselves: see who "
                    "comes, fill gaps, and log the hours of a held shift in one step."
                ),
                url=reverse("volunteers:rota_list"),
                order=27,
                figure=selectors.shifts_with_free_places(
                    access=access,
                    since=timezone.now(),
                    until=timezone.now() + dt.timedelta(days=7),
                ),
                figure_label=_("shifts with free places within a week"),
                actions=[
                    Action(_("See the rotas"), reverse("volunteers:rota_list"), True),
                    Action(_("New rota"), reverse("volunteers:rota_create")),
                    Action(_("Reminders sent"), reverse("notifications:log")),
                ],
            ),
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
            )
        ]
    if access.is_volunteer:
        return [
            Card(
                title=_("My profile"),
                description=_("What the centre knows about you; keep it current."),
                url=reverse("volunteers:me"),
                order=10,
                actions=[
                    Action(_("See my profile and tasks"), reverse("volunteers:me"), True),
                    Action(_("Update my profile"), reverse("volunteers:me_edit")),
                ],
            ),
            Card(
                title=_("My hours"),
                description=_(
                    "Log the hours you gave, as h:mm or a number. The coordinator approves them."
                ),
                url=reverse("volunteers:my_hours"),
                order=20,
                actions=[Action(_("Log hours"), reverse("volunteers:my_hours"), True)],
            ),
            Card(
                title=_("Shifts and tasks"),
                description=_(
                    "Sign up for open shifts, cancel the ones you cannot take, and say you are "
                    "interested in open tasks that fit you."
                ),
                url=reverse("volunteers:open_needs"),
                order=15,
                actions=[Action(_("Find a shift"), reverse("volunteers:open_needs"), True)],
            ),
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [
            NavItem(_("Volunteers"), reverse("volunteers:list"), 20, "/volunteers/people/"),
            NavItem(_("Tasks"), reverse("volunteers:task_list"), 25, "/volunteers/tasks/"),
            NavItem(_("Rotas"), reverse("volunteers:rota_list"), 27, "/volunteers/rotas/"),
            NavItem(_("Hours"), reverse("volunteers:hours_pending"), 30, "/volunteers/hours/"),
        ]
    if access.is_association:
        return [NavItem(_("Tasks"), reverse("volunteers:task_list"), 25, "/volunteers/tasks/")]
    if access.is_volunteer:
        return [
            NavItem(_("My profile"), reverse("volunteers:me"), 10, "/volunteers/me/"),
            NavItem(
                _("Shifts and tasks"), reverse("volunteers:open_needs"), 15, "/volunteers/open/"
            ),
            NavItem(_("My hours"), reverse("volunteers:my_hours"), 20, "/volunteers/my-hours/"),
        ]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's waiting sign-ups, hours and follow-ups. Three queries."""
    if not access.is_coordinator:
        return []
    applicants = selectors.volunteer_count(access=access, status=Volunteer.Status.APPLICANT)
    hours = selectors.hours_pending(access=access).count()
    week = timezone.localdate() + dt.timedelta(days=7)
    follow_ups = selectors.matches_due_for_follow_up(access=access, on_or_before=week).count()
    return [
        WorkItem(
            applicants,
            ngettext(
                "sign-up waits for approval.",
                "sign-ups wait for approval.",
                applicants,
            ),
            reverse("volunteers:list") + "?status=applicant",
            _("Review the sign-ups"),
            order=10,
        ),
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
