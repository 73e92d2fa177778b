from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentreYearConfig(AppConfig):
    name = "centreyear"
    verbose_name = _("The centre's year and the grant round")

    def ready(self) -> None:
        from core import privacy
        from core.startpage import register_cards, register_nav

        from . import cards
        from . import privacy as own_privacy

        register_cards(cards.cards)
        register_nav(cards.nav)
        privacy.register(eraser=own_privacy.erase, exporter=own_privacy.export)
        own_privacy.declare_fields()
