from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Projects and activities")

    def ready(self) -> None:
        from core import privacy as person_data

        from . import privacy

        person_data.register(eraser=privacy.erase, exporter=privacy.export)
        from core.startpage import register_cards, register_nav, register_work

        from . import startpage

        register_cards(startpage.cards)
        register_work(startpage.work)
        register_nav(startpage.nav)
        privacy.declare_fields()
