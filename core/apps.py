from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Centres and users")

    def ready(self) -> None:
        from django.core.signals import request_finished

        from . import cards, checks, signals  # noqa: F401  (signals: auth event receivers)
        from .maintenance import after_request
        from .startpage import register_cards

        register_cards(cards.cards)
        from .personal_data import declare_core

        declare_core()
        # Without a broker nothing runs beat's schedule: the web process does (core.maintenance).
        request_finished.connect(after_request, dispatch_uid="frivillig-maintenance")
