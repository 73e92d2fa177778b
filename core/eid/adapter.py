"""Who may sign in with which electronic ID, the checks of the ID token allauth leaves to us
(nonce, issuer, expiry, level of assurance), and single logout."""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest
from django.urls import reverse

logger = logging.getLogger(__name__)

# Where logout continues at the provider (its end-session endpoint), kept in the session.
SESSION_KEY = "frivillig_eid"


def now() -> float:
    """The clock the ID token's expiry is checked against (a test moves it)."""
    return time.time()


def refuse(request: HttpRequest, sociallogin: SocialLogin, reason: str) -> None:
    from core.audit import log_action

    log_action(
        actor=None,
        action="auth.eid_refused",
        data={"provider": sociallogin.account.provider, "reason": reason},
    )
    raise ImmediateHttpResponse(
        render_authentication_error(
            request, sociallogin.provider, exception=PermissionError(reason)
        )
    )


def check_id_token(request: HttpRequest, sociallogin: SocialLogin) -> None:
    """The ID token was issued for this very request (nonce), by the configured issuer, is
    still valid, and at the level of assurance asked for; otherwise the sign-in is refused."""
    app = sociallogin.provider.app
    claims = sociallogin.account.extra_data.get("id_token") or {}
    expected_nonce = (sociallogin.state or {}).get("nonce")
    if not expected_nonce or claims.get("nonce") != expected_nonce:
        refuse(request, sociallogin, "nonce")
    if claims.get("iss") != app.settings.get("issuer"):
        refuse(request, sociallogin, "issuer")
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] <= now():
        refuse(request, sociallogin, "expired")
    wanted = (app.settings.get("acr_values") or "").split()
    if wanted and claims.get("acr") not in wanted:
        refuse(request, sociallogin, "acr")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if not _is_eid(sociallogin):
            return
        check_id_token(request, sociallogin)
        roles = set(sociallogin.provider.app.settings.get("roles") or [])
        user: Any = sociallogin.user if sociallogin.is_existing else request.user
        if getattr(user, "is_authenticated", False) and roles and user.role not in roles:
            refuse(request, sociallogin, "role")

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """A new account through an electronic ID only where the provider allows sign-up
        (ID-porten) and sign-up was opened (an invitation: core.adapters.SIGNUP_GRANT_SESSION_KEY,
        the same rule as for a password account)."""
        from core.adapters import AccountAdapter

        if not sociallogin.provider.app.settings.get("signup"):
            return False
        return AccountAdapter(request).is_open_for_signup(request)

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False  # the person gives (and confirms) their e-mail address


def _is_eid(sociallogin: SocialLogin) -> bool:
    from .provider import EidProvider

    return isinstance(sociallogin.provider, EidProvider)


def remember_for_logout(request: HttpRequest, sociallogin: Any) -> None:
    """After an electronic-ID sign-in: which provider's session logout must end too."""
    if sociallogin is None or not _is_eid(sociallogin):
        return
    claims = sociallogin.account.extra_data.get("id_token") or {}
    request.session[SESSION_KEY] = {
        "provider_id": sociallogin.provider.app.provider_id,
        "sid": claims.get("sid", ""),
    }


def end_session_url(request: HttpRequest, info: dict[str, str]) -> str | None:
    """The provider's end-session endpoint, back to our login page afterwards (RP-initiated
    logout). The ID token is not kept (it holds the identity number), so no id_token_hint."""
    from .views import EidAdapter

    try:
        adapter = EidAdapter(request, info["provider_id"])
        client_id = adapter.get_provider().app.client_id
        endpoint = adapter.openid_config.get("end_session_endpoint")
    except Exception:  # the provider cannot be reached: our own logout is done anyway
        logger.warning("The end-session endpoint of %s is unknown", info, exc_info=True)
        return None
    if not endpoint:
        return None
    params = {
        "client_id": client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("account_login")),
        "state": secrets.token_urlsafe(16),
    }
    if info.get("sid"):
        params["logout_hint"] = info["sid"]
    return f"{endpoint}?{urlencode(params)}"
