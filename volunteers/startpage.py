from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem, once

from . import selectors
from .models import Volunteer


def _applicants(request: HttpRequest, access: Access) -> int:
    """Sign-ups waiting for approval, counted once for the card and the work list."""
    return once(
        request,
        "volunteers.applicants",
        lambda: selectors.volunteer_count(access=access, status=Volunteer.Status.APPLICANT),
    )


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        applicants = _applicants(request, access)
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
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [NavItem(_("Volunteers"), reverse("volunteers:list"), 20, "/volunteers/people/")]
    if access.is_volunteer:
        return [NavItem(_("My profile"), reverse("volunteers:me"), 10, "/volunteers/me/")]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """The coordinator's waiting sign-ups. One query."""
    if not access.is_coordinator:
        return []
    applicants = _applicants(request, access)
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
    ]
