from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from core.startpage import register_cards, register_nav, register_work

        from . import startpage

        register_cards(startpage.cards)
        register_work(startpage.work)
        register_nav(startpage.nav)
