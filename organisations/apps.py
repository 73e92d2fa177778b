from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Associations")

    def ready(self) -> None:
        from core import privacy as person_data
        from core.permissions import register_access_part

        from . import privacy, selectors

        register_access_part("association_ids", selectors.association_ids_of)
        person_data.register(eraser=privacy.erase, exporter=privacy.export)
        from allauth.account.signals import user_signed_up

        from core.adapters import register_signup_grant_check
        from core.startpage import register_cards, register_landing, register_nav, register_work

        from . import signals, startpage

        register_cards(startpage.cards)
        register_work(startpage.work)
        register_nav(startpage.nav)
        register_landing(startpage.landing)
        register_signup_grant_check(signals.invitation_grant_holds)
        user_signed_up.connect(
            signals.accept_invitation_on_signup, dispatch_uid="organisations_invitation_signup"
        )
        privacy.declare_fields()
