"""ID-porten and Ansattporten as allauth providers (configured in settings.SOCIALACCOUNT_PROVIDERS
from the environment; see README: "Signing in with ID-porten and Ansattporten")."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
    OpenIDConnectProviderAccount,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import translation

from .views import EidAdapter

# The claims kept with the linked account: what logout, the assurance level and the audit need.
# Never `pid` (the national identity number), nor anything else that names the person.
KEPT_CLAIMS = ("iss", "aud", "acr", "amr", "auth_time", "iat", "exp", "nonce", "sid", "locale")
UI_LOCALES = {"nb": "nb", "nn": "nn", "en": "en"}


def pid_hash(pid: str) -> str:
    """The keyed hash that recognises a person next time (the identity number itself is never
    stored): HMAC-SHA256 with EID_PID_HMAC_KEY."""
    key = settings.EID_PID_HMAC_KEY
    if not key:
        raise ImproperlyConfigured("EID_PID_HMAC_KEY must be set to sign in with an electronic ID.")
    return hmac.new(key.encode(), pid.encode(), hashlib.sha256).hexdigest()


def scrub(claims: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (claims or {}).items() if k in KEPT_CLAIMS}


class EidAccount(OpenIDConnectProviderAccount):
    def to_str(self) -> str:
        return str(self.account.get_provider().name)


class EidProvider(OpenIDConnectProvider):
    id = "eid"
    name = "Electronic ID"
    account_class = EidAccount
    oauth2_adapter_class = EidAdapter
    pkce_enabled_default = True

    def get_pkce_params(self) -> dict:
        return generate_code_challenge()  # always, with S256

    def get_default_scope(self) -> list[str]:
        return list(self.app.settings.get("scope") or ["openid", "profile"])

    def get_auth_params(self) -> dict:
        params = dict(super().get_auth_params())
        if self.app.settings.get("acr_values"):
            params["acr_values"] = self.app.settings["acr_values"]
        params["ui_locales"] = UI_LOCALES.get(translation.get_language() or "nb", "nb")
        return params

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        """Every authorization request carries a fresh nonce, kept in the flow's state and
        compared with the ID token's (core.eid.adapter)."""
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        auth_params["nonce"] = nonce
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
        )

    def extract_uid(self, data: dict) -> str:
        claims = data.get("id_token") or data.get("userinfo") or {}
        pid = claims.get("pid") or (data.get("userinfo") or {}).get("pid")
        if not pid:
            raise ValueError("The ID token has no pid claim")
        return pid_hash(str(pid))

    def extract_common_fields(self, data: dict) -> dict:
        return {}  # ID-porten tells no name or address; the person's own profile does

    def extract_email_addresses(self, data: dict) -> list:
        return []

    def sociallogin_from_response(self, request: HttpRequest, response: dict):
        login = super().sociallogin_from_response(request, response)
        # What is stored with the account: the keyed hash (uid) and the scrubbed claims.
        login.account.extra_data = {
            "id_token": scrub(response.get("id_token")),
            "userinfo": scrub(response.get("userinfo")),
        }
        return login

    def get_login_url(self, request: HttpRequest, **kwargs) -> str:
        from django.urls import reverse
        from django.utils.http import urlencode

        url = reverse("eid_login", kwargs={"provider_id": self.app.provider_id})
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_callback_url(self) -> str:
        from django.urls import reverse

        return reverse("eid_callback", kwargs={"provider_id": self.app.provider_id})


provider_classes = [EidProvider]
