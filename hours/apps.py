from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "hours"
    verbose_name = _("Volunteer hours")

    def ready(self) -> None:
        from core import privacy as person_data
        from volunteers.selectors import register_inactive_rule

        from . import privacy, selectors

        person_data.register(eraser=privacy.erase, exporter=privacy.export, rows=privacy.rows)
        from core.startpage import register_cards, register_nav, register_work

        from . import startpage

        register_cards(startpage.cards)
        register_nav(startpage.nav)
        register_work(startpage.work)
        register_inactive_rule(selectors.inactive_rule)
