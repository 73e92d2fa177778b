"""Answers to a shift reminder without signing in: signed, single-purpose, expiring links, and
SMS replies through the gateway's signed webhook.

A link names one sign-up, its volunteer and one action ("confirm": I'm coming, "cancel": I
can't come), signed with Django's signing and a salt per action, so a "confirm" link cannot
be turned into a "cancel" one, nor point at another shift or person, and it stops working
after settings.ANSWER_LINK_MAX_AGE (and at the shift's start: the service checks that). The
link grants nothing else: no session, no page but the answer's.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

ACTIONS = ("confirm", "cancel")


class BadAnswerLink(Exception):
    """The link is altered, for another purpose, or expired."""


def _salt(action: str) -> str:
    return f"frivillig.shift-answer.{action}"


@dataclass(frozen=True)
class Answer:
    signup_id: int
    volunteer_id: int
    action: str


def answer_token(*, signup_id: int, volunteer_id: int, action: str) -> str:
    """The token of one answer to one sign-up by its volunteer."""
    if action not in ACTIONS:
        raise ValueError(action)
    return signing.dumps({"s": signup_id, "v": volunteer_id, "a": action}, salt=_salt(action))


def answer_url(*, signup_id: int, volunteer_id: int, action: str) -> str:
    token = answer_token(signup_id=signup_id, volunteer_id=volunteer_id, action=action)
    path = reverse("notifications:answer", kwargs={"action": action, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def read_answer(token: str, *, action: str) -> Answer:
    """What a link says, or BadAnswerLink (altered, made for another action, or expired)."""
    if action not in ACTIONS:
        raise BadAnswerLink
    try:
        data = signing.loads(token, salt=_salt(action), max_age=settings.ANSWER_LINK_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is one too
        raise BadAnswerLink from error
    if not isinstance(data, dict) or data.get("a") != action:
        raise BadAnswerLink
    try:
        return Answer(signup_id=int(data["s"]), volunteer_id=int(data["v"]), action=action)
    except (KeyError, TypeError, ValueError) as error:
        raise BadAnswerLink from error


# --- The SMS gateway's inbound webhook --------------------------------------------------------

SIGNATURE_HEADER = "X-Frivillig-Signature"


def signature(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, given: str) -> bool:
    """Whether the call is signed with the shared secret (never without a secret set)."""
    secret = settings.SMS_INBOUND_SECRET
    if not secret or not given:
        return False
    return hmac.compare_digest(signature(body, secret), given.strip().lower())


YES = {"ja", "j", "yes", "y", "kommer", "ok"}
NO = {"nei", "n", "no", "kan ikke", "kan ikkje"}


def sms_action(text: str) -> str | None:
    """JA → confirm, NEI → cancel (the first word, any case); None for anything else."""
    words = (text or "").strip().lower().strip(".!").split()
    if not words:
        return None
    if words[0] in YES:
        return "confirm"
    if words[0] in NO or " ".join(words[:2]) in NO:
        return "cancel"
    return None
