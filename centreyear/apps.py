from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentreYearConfig(AppConfig):
    name = "centreyear"
    verbose_name = _("The centre's year and the grant round")

    def ready(self) -> None:
        from core.startpage import register_cards

        from . import cards

        register_cards(cards.cards)
