"""The OpenID Connect flow of ID-porten and Ansattporten: allauth's, with a nonce, PKCE (S256)
always, and the token request made here (client_secret_post or private_key_jwt)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.decorators import method_decorator  # noqa: F401

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class EidAdapter(OpenIDConnectOAuth2Adapter):
    def get_access_token_data(
        self, request: HttpRequest, app: SocialApp, client: Any, pkce_code_verifier: Any = None
    ) -> dict:
        """The token request: the code, the PKCE verifier and the client's proof, either the
        secret (client_secret_post) or a JWT signed with the client's key (private_key_jwt)."""
        if not pkce_code_verifier:
            raise OAuth2Error("PKCE code verifier missing")
        data = {
            "grant_type": "authorization_code",
            "code": request.GET.get("code", ""),
            "redirect_uri": self.get_callback_url(request, app),
            "code_verifier": pkce_code_verifier,
            "client_id": app.client_id,
        }
        key = app.settings.get("private_key")
        if key:
            now = int(time.time())
            claims = {
                "iss": app.client_id,
                "sub": app.client_id,
                "aud": self.openid_config["issuer"],
                "iat": now,
                "exp": now + 60,
                "jti": str(uuid.uuid4()),
            }
            headers = {"kid": app.settings["key_id"]} if app.settings.get("key_id") else None
            data["client_assertion_type"] = ASSERTION_TYPE
            data["client_assertion"] = jwt.encode(claims, key, algorithm="RS256", headers=headers)
        else:
            data["client_secret"] = app.secret
        with get_adapter().get_requests_session() as session:
            response = session.post(self.access_token_url, data=data, timeout=10)
        if response.status_code != 200:
            raise OAuth2Error(f"The token request was refused ({response.status_code})")
        token = response.json()
        if "access_token" not in token:
            raise OAuth2Error("No access token in the answer")
        return token

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        from allauth.socialaccount.internal import jwtkit

        # Always verify the signature (and so iss, aud and exp), though the token came over TLS.
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def get_callback_url(self, request: HttpRequest, app: SocialApp) -> str:
        from allauth.utils import build_absolute_uri

        url = reverse("eid_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, url, self.redirect_uri_protocol)


@login_not_required
def login(request: HttpRequest, provider_id: str):
    try:
        return OAuth2LoginView.adapter_view(EidAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def callback(request: HttpRequest, provider_id: str):
    try:
        return OAuth2CallbackView.adapter_view(EidAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
