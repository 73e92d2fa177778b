from collections.abc import Callable
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

# Views that may open sign-up (an association invitation, the volunteer sign-up) put this key
# in the session; anybody else cannot create an account on their own.
SIGNUP_GRANT_SESSION_KEY = "frivillig_signup_grant"

# The app that handed out a grant says whether it still holds, on every sign-up page and post:
# a grant lives in the session, while what it rests on (an invitation) can be revoked or expire.
_signup_grant_checks: list[Callable[[HttpRequest], bool]] = []


def register_signup_grant_check(check: Callable[[HttpRequest], bool]) -> None:
    """Register `check(request) -> bool`: False when the grant in the session no longer holds."""
    if check not in _signup_grant_checks:
        _signup_grant_checks.append(check)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Login e-mails (verification, password reset) go through the mail queue too, so a
        mail server that is down never turns a sign-up or reset into an error page."""
        from .mail import mail_queue

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        body = message.body
        if getattr(message, "content_subtype", "plain") == "html":
            html, body = message.body, ""
        mail_queue(
            to=email, subject=message.subject, body=body, html=html, from_email=message.from_email
        )

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        if not request.session.get(SIGNUP_GRANT_SESSION_KEY):
            return False
        if all(check(request) for check in _signup_grant_checks):
            return True
        request.session.pop(SIGNUP_GRANT_SESSION_KEY, None)
        return False

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        """After an electronic-ID sign-in, logout goes on to the provider's end-session endpoint
        (allauth asks for this address before it logs the user out), then back to our login."""
        from .eid.adapter import SESSION_KEY, end_session_url

        info = request.session.get(SESSION_KEY)
        return (info and end_session_url(request, info)) or super().get_logout_redirect_url(request)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a user lands after login when no `next` was given: an app's landing page for
        the role (see core.startpage.register_landing), else the start page."""
        from .permissions import access_for_user
        from .startpage import landing_for

        return landing_for(request, access_for_user(request.user)) or (
            super().get_login_redirect_url(request)
        )


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Any) -> bool:
        """A user whose role needs two-factor sign-in keeps at least one second factor."""
        from allauth.mfa.models import Authenticator

        from .mfa import mfa_required_for

        user = authenticator.user
        if authenticator.type == Authenticator.Type.RECOVERY_CODES or not mfa_required_for(user):
            return True
        return (
            Authenticator.objects.filter(
                user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
            )
            .exclude(pk=authenticator.pk)
            .exists()
        )
