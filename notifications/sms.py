"""SMS through a small provider interface, with one HTTP implementation.

`get_provider()` returns the installation's gateway, configured by environment variables
(settings.SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_SENDER, SMS_TIMEOUT), or None when none is
configured: then reminders go by e-mail only. The HTTP gateway takes a JSON POST
{"from": sender, "to": "+4791234567", "text": "..."} with a bearer token and answers 2xx;
anything else (an error status, a timeout, a refused connection) is an `SmsError`, and the
delivery is tried again later (notifications.services).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings


class SmsError(Exception):
    """The gateway did not take the message."""


class SmsProvider(Protocol):
    def send(self, *, to: str, text: str) -> None:
        """Hand one SMS to the gateway, or raise SmsError."""


class HttpSmsProvider:
    def __init__(self, *, url: str, token: str, sender: str, timeout: float = 5.0) -> None:
        self.url = url
        self.token = token
        self.sender = sender
        self.timeout = timeout

    def send(self, *, to: str, text: str) -> None:
        payload = json.dumps({"from": self.sender, "to": to, "text": text}).encode()
        request = urllib.request.Request(
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if not 200 <= response.status < 300:
                    raise SmsError(f"HTTP {response.status}")
        except urllib.error.HTTPError as error:
            raise SmsError(f"HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"unreachable: {getattr(error, 'reason', error)}") from None


def get_provider() -> SmsProvider | None:
    if not settings.SMS_GATEWAY_URL:
        return None
    return HttpSmsProvider(
        url=settings.SMS_GATEWAY_URL,
        token=settings.SMS_GATEWAY_TOKEN,
        sender=settings.SMS_SENDER,
        timeout=settings.SMS_TIMEOUT,
    )


def phone_number(value: str) -> str | None:
    """A Norwegian phone number as +47 and eight digits (None when it is not one)."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("0047"):
        digits = digits[4:]
    return f"+47{digits}" if re.fullmatch(r"\d{8}", digits) else None
