import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import Access
from core.startpage import Action, Card, NavItem

from . import selectors


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        return [
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
        ]
    if access.is_volunteer:
        return [
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
        return [NavItem(_("Rotas"), reverse("volunteers:rota_list"), 27, "/volunteers/rotas/")]
    if access.is_volunteer:
        return [
            NavItem(
                _("Shifts and tasks"), reverse("volunteers:open_needs"), 15, "/volunteers/open/"
            )
        ]
    return []
