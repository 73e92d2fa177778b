from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RotasConfig(AppConfig):
    name = "rotas"
    verbose_name = _("Rotas and shifts")

    def ready(self) -> None:
        from core import privacy as person_data
        from volunteers.selectors import register_done

        from . import privacy, selectors

        person_data.register(eraser=privacy.erase, exporter=privacy.export, rows=privacy.rows)
        from core.startpage import register_cards, register_nav

        from . import startpage

        register_cards(startpage.cards)
        register_nav(startpage.nav)
        register_done(selectors.rotas_done)
