from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation with the municipality")

    def ready(self) -> None:
        from core import privacy as person_data
        from core.startpage import register_nav

        from . import privacy, startpage

        person_data.register(eraser=privacy.erase, exporter=privacy.export)
        register_nav(startpage.nav)
