"""The start page's card of a centre's year: the state grant's conditions for this year."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.formatting import percent
from core.permissions import Access
from core.startpage import Action, Card, NavItem, user_centres

from .grant import current_round, deadline_for
from .models import GrantDecision
from .selectors import centre_year_figures, grant_round


def cards(request: HttpRequest, access: Access) -> list[Card]:
    return _state_grant_cards(access) + grant_cards(request, access)


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_municipality:
        return [NavItem(_("Grant round"), reverse("centreyear:grant_round_current"), 50, "/grant/")]
    return []


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


def grant_cards(request: HttpRequest, access: Access) -> list[Card]:
    """The grant round: for the municipality, how many centres are confirmed and what is
    left; for a coordinator, what their centre still has to fix before the deadline."""
    if not (access.is_municipality or (access.is_coordinator and access.centre_id)):
        return []
    year = current_round()
    url = reverse("centreyear:grant_round", kwargs={"year": year})
    deadline = formats.date_format(timezone.localtime(deadline_for(year)), "SHORT_DATETIME_FORMAT")
    centres = user_centres(request, access)
    rounds = grant_round(centres=centres, year=year)
    card = Card(
        title=_("State grant round %(year)s") % {"year": year},
        description=_(
            "The application for the state grant to volunteer centres is due %(deadline)s."
        )
        % {"deadline": deadline},
        url=url,
        order=15 if access.is_municipality else 85,
    )
    if access.is_municipality:
        confirmed = sum(
            1
            for r in rounds
            if r.decision and r.decision.decision == GrantDecision.Decision.CONFIRMED
        )
        card.figure = f"{confirmed} / {len(rounds)}"
        card.figure_label = _("centres confirmed")
        card.warnings = [
            _("%(centre)s: %(count)s to fix") % {"centre": r.centre.name, "count": len(r.missing)}
            for r in rounds
            if not r.decision and r.missing
        ]
        card.actions = [Action(_("See the grant round"), url, True)]
    else:
        entry = rounds[0] if rounds else None
        missing = entry.missing if entry else []
        card.figure = len(missing)
        card.figure_label = _("things to fix for the application")
        # The list itself is on the round's page (the year's own card warns about the figures).
        card.actions = [Action(_("See what the municipality sees"), url, True)]
    return [card]
