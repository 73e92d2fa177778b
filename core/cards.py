"""Core's own start-page card: e-mails the mail server did not take."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import Access
from .selectors import mail_failed
from .startpage import Action, Card


def cards(request: HttpRequest, access: Access) -> list[Card]:
    return _mail_cards(access)


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
