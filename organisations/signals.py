"""Accept an association invitation as soon as its holder has signed up."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from core.adapters import SIGNUP_GRANT_SESSION_KEY

from . import services
from .models import Invitation

logger = logging.getLogger(__name__)

INVITATION_SESSION_KEY = "organisations_invitation"


def invitation_grant_holds(request: HttpRequest) -> bool:
    """Sign-up opened by an invitation link stays open only while the invitation is usable:
    revoking it (or its expiry) also closes a sign-up form the person has already opened."""
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return True  # not a grant of ours
    invitation = Invitation.objects.by_token(token).first()
    if invitation is not None and invitation.is_usable:
        return True
    request.session.pop(INVITATION_SESSION_KEY, None)
    return False


def accept_invitation_on_signup(sender, request: HttpRequest, user, **kwargs) -> None:
    token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
    if not token:
        return
    invitation = Invitation.objects.by_token(token).first()
    if invitation is None:
        return
    try:
        services.invitation_accept(user=user, invitation=invitation)
    except ValidationError:
        logger.info("Invitation %s could not be accepted on sign-up", invitation.pk)
        return
    request.session.pop(INVITATION_SESSION_KEY, None)
    request.session.pop(SIGNUP_GRANT_SESSION_KEY, None)
