"""What each role can do: start-page cards and navigation links, contributed by each app.

Apps register providers in their AppConfig.ready(), so core never imports them. A card whose
figure is a catalogue figure names its key (`figure_key`) and leaves `figure` empty: the figures
app registers the resolver (`register_figures`) that computes every such card's figure for the
user's centres in one engine call, so the apps below it need not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.http import HttpRequest

from .permissions import Access


@dataclass
class Action:
    label: str
    url: str
    primary: bool = False


@dataclass
class Card:
    """One thing a role can do, with a figure and the links to do it."""

    title: str
    description: str
    url: str
    order: int = 100
    figure: str | int | None = None
    figure_label: str = ""
    # The catalogue key of `figure` where it is one (figures.catalogue), marked on the page.
    # With `figure` left None, the registered figure resolver computes this year's value.
    figure_key: str = ""
    empty_hint: str = ""
    # Shown as the hint when the figure is 0 (e.g. "No activities logged this year yet.").
    zero_hint: str = ""
    actions: list[Action] = field(default_factory=list)
    # Things that need the user's attention, shown as text (never by colour alone).
    warnings: list[str] = field(default_factory=list)


@dataclass
class WorkItem:
    """Something that waits for the user now, with the one link to where it is done."""

    count: int
    # What waits, pluralised for `count` and read after it: (3) "sign-ups wait for approval."
    text: str
    url: str
    action: str  # the link's words: "Approve hours"
    order: int = 100


@dataclass
class Panel:
    """A block of the start page that an app draws with its own template (e.g. the figures of a
    municipality's centres)."""

    template: str
    context: dict
    order: int = 100


@dataclass
class NavItem:
    label: str
    url: str
    order: int = 100
    active_prefix: str = ""


CardProvider = Callable[[HttpRequest, Access], list[Card]]
WorkProvider = Callable[[HttpRequest, Access], list[WorkItem]]
PanelProvider = Callable[[HttpRequest, Access], list[Panel]]
NavProvider = Callable[[HttpRequest, Access], list[NavItem]]
LandingProvider = Callable[[HttpRequest, Access], str | None]
# This year's value of each catalogue key for the centres the user sees: {key: value} (the
# request lets the resolver share its reads with the same app's work items, `once`).
FigureResolver = Callable[[HttpRequest, Access, list[str]], dict[str, Any]]

_card_providers: list[CardProvider] = []
_work_providers: list[WorkProvider] = []
_panel_providers: list[PanelProvider] = []
_nav_providers: list[NavProvider] = []
_landing_providers: list[LandingProvider] = []
_figure_resolvers: list[FigureResolver] = []


P = TypeVar("P")


def _registrar(registry: list[P]) -> Callable[[P], P]:
    """A decorator that adds a provider to `registry` once (an app's ready() may run twice)."""

    def register(provider: P) -> P:
        if provider not in registry:
            registry.append(provider)
        return provider

    return register


register_cards: Callable[[CardProvider], CardProvider] = _registrar(_card_providers)
register_work: Callable[[WorkProvider], WorkProvider] = _registrar(_work_providers)
register_panels: Callable[[PanelProvider], PanelProvider] = _registrar(_panel_providers)
register_nav: Callable[[NavProvider], NavProvider] = _registrar(_nav_providers)
# An app may name the page a role lands on after login (e.g. an association's own entry).
register_landing: Callable[[LandingProvider], LandingProvider] = _registrar(_landing_providers)
# The figures app computes the cards' catalogue figures (`Card.figure_key`).
register_figures: Callable[[FigureResolver], FigureResolver] = _registrar(_figure_resolvers)


T = TypeVar("T")


def once(request: HttpRequest, key: str, compute: Callable[[], T]) -> T:
    """`compute()` at most once per request: a count that both a card and a work item show
    (waiting sign-ups, hours, follow-ups) or a list several providers read (the user's centres)
    costs one query, whichever provider asks first."""
    memo: dict[str, Any] = request.__dict__.setdefault("_startpage_once", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def user_centres(request: HttpRequest, access: Access) -> list[Any]:
    """The centres the user sees, by name, read once per request."""
    from .models import Centre

    return once(
        request,
        "centres",
        lambda: list(
            Centre.objects.filter(id__in=access.centre_ids)
            .select_related("municipality")
            .order_by("name")
        ),
    )


def landing_for(request: HttpRequest, access: Access) -> str | None:
    for provider in _landing_providers:
        url = provider(request, access)
        if url:
            return url
    return None


def cards_for(request: HttpRequest, access: Access) -> list[Card]:
    cards = [card for provider in _card_providers for card in provider(request, access)]
    _resolve_figures(request, access, cards)
    return sorted(cards, key=lambda card: card.order)


def _resolve_figures(request: HttpRequest, access: Access, cards: list[Card]) -> None:
    """Fill in the figures the cards name by key, all of a page's keys in one call."""
    waiting = [card for card in cards if card.figure_key and card.figure is None]
    keys = sorted({card.figure_key for card in waiting})
    if keys:
        values: dict[str, Any] = {}
        for resolver in _figure_resolvers:
            values.update(resolver(request, access, keys))
        for card in waiting:
            card.figure = values.get(card.figure_key)
    for card in cards:
        if card.zero_hint and card.figure == 0 and not card.empty_hint:
            card.empty_hint = card.zero_hint


def work_for(request: HttpRequest, access: Access) -> list[WorkItem]:
    """What waits for the user now, across the apps; items with nothing waiting are left out."""
    items = [item for provider in _work_providers for item in provider(request, access)]
    return sorted((item for item in items if item.count), key=lambda item: item.order)


def panels_for(request: HttpRequest, access: Access) -> list[Panel]:
    panels = [panel for provider in _panel_providers for panel in provider(request, access)]
    return sorted(panels, key=lambda panel: panel.order)


def nav_for(request: HttpRequest, access: Access) -> list[NavItem]:
    items = [item for provider in _nav_providers for item in provider(request, access)]
    return sorted(items, key=lambda item: item.order)
