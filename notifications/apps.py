from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from core.privacy import register

        from . import privacy

        register(eraser=privacy.erase, exporter=privacy.export)
        privacy.declare_fields()
