from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, WorkItem, once

from . import selectors


def _counts(request: HttpRequest, access: Access) -> tuple[int, int]:
    """Active associations and those due for confirmation, one query for card and work."""
    return once(
        request, "organisations.counts", lambda: selectors.organisation_counts(access=access)
    )


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        count = _counts(request, access)[0]
        return [
            Card(
                title=_("Associations"),
                description=_(
                    "The registry of local associations and clubs: search, edit, "
                    "invite their contacts, import and export."
                ),
                url=reverse("organisations:list"),
                order=10,
                figure=count,
                figure_label=_("active associations"),
                empty_hint=""
                if count
                else _("The registry is empty. Add the first association or import a file."),
                actions=[
                    Action(_("Open the registry"), reverse("organisations:list"), True),
                    Action(_("Add an association"), reverse("organisations:create")),
                    Action(_("Import"), reverse("organisations:import")),
                    Action(_("Statistics"), reverse("organisations:statistics")),
                    Action(_("Categories"), reverse("organisations:categories")),
                ],
            )
        ]
    if access.is_association:
        result = []
        for organisation in selectors.organisations_of_user(access=access):
            detail = reverse("organisations:detail", args=[organisation.pk])
            due = organisation.confirmation_due
            result.append(
                Card(
                    title=organisation.name,
                    description=_(
                        "Your association's entry. Once a year, please confirm that it is "
                        "current. It is time to confirm it now."
                    )
                    if due
                    else _(
                        "Your association's entry. Keep contact details, what you offer and "
                        "whether you need volunteers current."
                    ),
                    url=detail,
                    order=1,
                    figure=_("Confirmation due") if due else None,
                    actions=[
                        Action(
                            _("See and confirm the entry") if due else _("See the entry"),
                            detail,
                            True,
                        ),
                        Action(
                            _("Edit the entry"),
                            reverse("organisations:edit", args=[organisation.pk]),
                        ),
                    ],
                )
            )
        return result
    if access.is_municipality:
        return [
            Card(
                title=_("Associations"),
                description=_(
                    "Statistics of the associations registered by the volunteer centres of "
                    "your municipality."
                ),
                url=reverse("organisations:statistics"),
                order=30,
                figure=selectors.organisation_count(access=access),
                figure_label=_("active associations"),
                actions=[Action(_("See statistics"), reverse("organisations:statistics"), True)],
            )
        ]
    return []


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator:
        return [NavItem(_("Associations"), reverse("organisations:list"), 10, "/associations/")]
    if access.is_association:
        items = list(selectors.organisations_of_user(access=access)[:1])
        return [
            NavItem(
                _("Our entry"),
                reverse("organisations:detail", args=[items[0].pk]),
                10,
                "/associations/",
            )
            for _item in items
        ]
    if access.is_municipality:
        return [
            NavItem(
                _("Associations"),
                reverse("organisations:statistics"),
                30,
                "/associations/statistics/",
            )
        ]
    return []


def landing(request: HttpRequest, access: Access) -> str | None:
    """An association user with one association lands on its entry after login."""
    if not access.is_association:
        return None
    organisations = list(selectors.organisations_of_user(access=access)[:2])
    if len(organisations) != 1:
        return None
    return reverse("organisations:detail", args=[organisations[0].pk])


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """Associations whose yearly confirmation is due (coordinator). One query."""
    if not access.is_coordinator:
        return []
    due = _counts(request, access)[1]
    return [
        WorkItem(
            due,
            ngettext(
                "association has not confirmed its entry this year.",
                "associations have not confirmed their entry this year.",
                due,
            ),
            reverse("organisations:list") + "?stale=on",
            _("See who is due"),
            order=20,
        )
    ]
