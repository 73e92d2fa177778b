from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core import privacy as person_data

        from . import privacy

        person_data.register(eraser=privacy.erase, exporter=privacy.export)
        from core.startpage import register_cards, register_nav, register_panels, register_work

        from . import startpage

        register_cards(startpage.cards)
        register_work(startpage.work)
        register_panels(startpage.panels)
        register_nav(startpage.nav)
        from centreyear.registry import register_annual_reports

        from .selectors import annual_reports_made

        # The grant round's condition 4: the annual evaluation made in Frivillig.
        register_annual_reports(annual_reports_made)
        privacy.declare_fields()
