"""What core (and the libraries it runs: allauth, sessions) holds about persons, declared for
the record of processing (core.privacy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .privacy import Person, declare, declare_not_personal, declare_retention, register

if TYPE_CHECKING:
    from .permissions import Access

SIGN_IN = _("Signing in and keeping the account secure")
AUDIT = _("Showing who changed what (accountability, art. 5 (2)), and the person's own history")


def declare_core() -> None:
    declare_retention(
        "account",
        _("While the person has a role; erased with the person (volunteers) or by the site admin"),
    )
    declare_retention(
        "login_records",
        _("Login records: AUTH_EVENT_RETENTION_DAYS (180) days, deleted nightly"),
        task="core.purge_auth_events",
    )
    declare_retention(
        "sessions",
        _(
            "Sessions: until they expire (8–12 hours for staff, 14–30 days for others), then "
            "deleted nightly"
        ),
        task="core.clear_sessions",
    )
    declare_retention(
        "audit_trail",
        _(
            "Changes: while the record they are about exists; the person's name is taken out when "
            "they are erased"
        ),
    )
    declare_retention(
        "sent_mail",
        _("Sent e-mails: MAIL_RETENTION_DAYS (90) days after sending, deleted nightly"),
        task="core.purge_sent_mail",
    )
    declare(
        "core.User",
        ["first_name", "last_name"],
        persons="any_user",
        category="identity",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="account",
    )
    declare(
        "core.User",
        ["email"],
        persons="any_user",
        category="contact",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="account",
    )
    declare(
        "core.User",
        ["password", "last_login"],
        persons="any_user",
        category="login",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="account",
    )
    declare(
        "account.EmailAddress",
        ["email"],
        persons="any_user",
        category="contact",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="account",
    )
    declare(
        "mfa.Authenticator",
        ["data", "user"],
        persons="staff",
        category="login",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="account",
    )
    declare(
        "sessions.Session",
        ["session_data"],
        persons="any_user",
        category="login",
        purpose=SIGN_IN,
        legal_basis="legitimate_interest",
        retention="sessions",
    )
    declare(
        "core.AuditEvent",
        ["actor", "object_repr", "changes", "data"],
        persons="any_user",
        category="log",
        purpose=AUDIT,
        legal_basis="legitimate_interest",
        retention="audit_trail",
    )
    declare(
        "core.OutgoingMail",
        ["to", "subject", "body", "html"],
        persons="recipient",
        category="communication",
        purpose=_("Sending e-mails the service needs to send"),
        legal_basis="legitimate_interest",
        retention="sent_mail",
        recipients=[_("The e-mail provider (sub-processor)")],
    )
    declare_not_personal("core.Municipality", ["name"], reason=_("The municipality's name"))
    declare_not_personal("core.District", ["name"], reason=_("A district's name"))
    declare_not_personal(
        "core.Centre",
        ["name", "email", "phone", "address", "description"],
        reason=_("The centre's own public contact details"),
    )
    declare(
        "socialaccount.SocialAccount",
        ["uid", "extra_data", "user"],
        persons="any_user",
        category="login",
        purpose=_(
            "Recognising a person who signs in with ID-porten or Ansattporten (a keyed hash "
            "of the identity number, never the number itself)"
        ),
        legal_basis="legitimate_interest",
        retention="account",
        recipients=[_("Digdir (ID-porten, Ansattporten) sees the sign-in, not our data")],
    )
    register(eraser=_erase_electronic_ids)
    declare_not_personal("core.OutgoingMail", ["from_email"], reason=_("The service's sender"))


def _erase_electronic_ids(person: Person, actor: Access) -> None:
    """An erased person's login is no longer linked to their electronic ID."""
    from allauth.socialaccount.models import SocialAccount

    if person.user_id:
        SocialAccount.objects.filter(user_id=person.user_id).delete()
