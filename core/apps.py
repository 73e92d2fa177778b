from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Centres and users")

    def ready(self) -> None:
        from . import cards, signals  # noqa: F401  (signals: auth event receivers)
        from .startpage import register_cards

        register_cards(cards.cards)
