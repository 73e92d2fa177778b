"""Core's own start-page cards: the state grant's conditions for this year, and e-mails the
mail server did not take."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .formatting import percent
from .permissions import Access
from .selectors import centre_year_figures, mail_failed
from .startpage import Action, Card


def cards(request: HttpRequest, access: Access) -> list[Card]:
    return _state_grant_cards(access) + _mail_cards(access)


def _mail_cards(access: Access) -> list[Card]:
    """E-mails of the centre the mail server never took, for the coordinator to act on."""
    if not (access.is_coordinator and access.centre_id):
        return []
    failed = mail_failed(access=access)
    count = failed.count()
    if not count:
        return []
    url = reverse("core:mail_failed")
    return [
        Card(
            title=_("E-mails not sent"),
            description=_(
                "The mail server did not take these e-mails after several attempts. Check "
                "the address, then send them again."
            ),
            url=url,
            order=5,
            figure=count,
            figure_label=_("e-mails not sent"),
            warnings=[f"{mail.to}: {mail.subject}" for mail in failed[:5]],
            actions=[Action(_("See and send again"), url, True)],
        )
    ]


def _state_grant_cards(access: Access) -> list[Card]:
    year = timezone.localdate().year
    title = _("State grant conditions %(year)s") % {"year": year}
    url = reverse("core:centre_year", kwargs={"year": year})
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
