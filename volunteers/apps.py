from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from core.permissions import register_access_part
        from core.startpage import register_cards, register_nav, register_work

        from . import selectors, startpage

        register_access_part("volunteer_id", selectors.volunteer_id_of)
        register_cards(startpage.cards)
        register_work(startpage.work)
        register_nav(startpage.nav)
        from . import privacy

        privacy.declare_volunteers()
