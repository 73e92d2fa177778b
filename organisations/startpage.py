from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import Access
from core.startpage import Action, Card, NavItem

from . import selectors


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        count = selectors.organisation_count(access=access)
        return [
            Card(
                title=_("Associations"),
                description=_("The registry of local associations (lag og foreninger)."),
                url=reverse("organisations:list"),
                order=10,
                figure=count,
                figure_label=_("active associations"),
                empty_hint=""
                if count
                else _("The registry is empty. Add the first association from the list page."),
                actions=[Action(_("Open the registry"), reverse("organisations:list"), True)],
            )
        ]
    if access.is_association:
        return [
            Card(
                title=organisation.name,
                description=_(
                    "Your association's entry. Keep contact details, activities and needs current."
                ),
                url=reverse("organisations:detail", args=[organisation.pk]),
                order=10,
                actions=[
                    Action(
                        _("See the entry"),
                        reverse("organisations:detail", args=[organisation.pk]),
                        True,
                    )
                ],
            )
            for organisation in selectors.organisations_of_user(access=access)
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [NavItem(_("Associations"), reverse("organisations:list"), 10, "/associations/")]
    return []
