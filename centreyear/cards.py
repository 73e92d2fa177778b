"""The start page's card of a centre's year: the state grant's conditions for this year."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import percent
from core.permissions import Access
from core.startpage import Action, Card

from .selectors import centre_year_figures


def cards(request: HttpRequest, access: Access) -> list[Card]:
    return _state_grant_cards(access)


def _state_grant_cards(access: Access) -> list[Card]:
    year = timezone.localdate().year
    title = _("State grant conditions %(year)s") % {"year": year}
    url = reverse("centreyear:centre_year", kwargs={"year": year})
    if access.is_coordinator and access.centre_id:
        figures = centre_year_figures(centre=access.centre_id, year=year)
        card = Card(
            title=title,
            description=_(
                "Staff, owner, advisory body, premises and income, which the municipality "
                "confirms when it applies for the state grant."
            ),
            url=url,
            order=90,
            actions=[Action(_("Enter the figures"), url, True)],
        )
        if figures is None:
            card.warnings = [_("Nothing is entered for %(year)s yet.") % {"year": year}]
        else:
            card.figure = percent(figures.local_share, 1)
            card.figure_label = (
                _("local funding (draft)") if figures.is_draft else _("local funding")
            )
            card.warnings = list(figures.problems)
        return [card]
    if access.is_municipality:
        return [
            Card(
                title=title,
                description=_(
                    "The figures each centre has entered for the state grant's conditions "
                    "(read-only)."
                ),
                url=url,
                order=90,
                actions=[Action(_("See the figures"), url, True)],
            )
        ]
    return []
