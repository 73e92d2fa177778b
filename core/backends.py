"""The login backends, loading the signed-in user with their centre in the same query.

A page marks text its centre's staff wrote with the centre's language (`Centre.content_language`,
WCAG 2.1 3.1.2); reading it from `request.user.centre` costs no query of its own this way.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def _user_with_centre(backend: ModelBackend, user_id: Any) -> Any:
    model = get_user_model()
    try:
        user = model._default_manager.select_related("centre").get(pk=user_id)
    except model.DoesNotExist:
        return None
    return user if backend.user_can_authenticate(user) else None


class CentreModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        return _user_with_centre(self, user_id)


class CentreAuthenticationBackend(AuthenticationBackend):
    def get_user(self, user_id: Any) -> Any:
        return _user_with_centre(self, user_id)
