"""The record of processing (GDPR art. 30) and a starting point for the DPIA, generated from the
personal fields each app declares (core.privacy) and from the settings (sub-processors)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from core import privacy


@dataclass
class ModelRecord:
    label: str
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def _field_label(label: str, name: str) -> str:
    model = apps.get_model(label)
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a reverse relation or a field of a library without a verbose name
        return name


def _host(url: str) -> str:
    return urlparse(url).hostname or url


def sub_processors() -> list[dict[str, str]]:
    """Who processes personal data on the centre's behalf, read from the settings."""
    found = []
    backend = settings.EMAIL_BACKEND
    if backend.endswith("smtp.EmailBackend"):
        what = _("E-mail provider (SMTP server %(host)s)") % {"host": settings.EMAIL_HOST}
        found.append({"what": what, "data": _("Recipients' addresses and the e-mails' text")})
    else:
        found.append(
            {
                "what": _("No e-mail provider: e-mails are not sent (%(backend)s)")
                % {"backend": backend.rsplit(".", 2)[-2]},
                "data": "–",
            }
        )
    if settings.SMS_GATEWAY_URL:
        found.append(
            {
                "what": _("SMS gateway (%(host)s)") % {"host": _host(settings.SMS_GATEWAY_URL)},
                "data": _("Recipients' phone numbers and the reminders' text"),
            }
        )
    if settings.STORAGE_BUCKET:
        endpoint = settings.STORAGES["default"]["OPTIONS"].get("endpoint_url") or "Amazon S3"
        found.append(
            {
                "what": _("Object storage (bucket %(bucket)s at %(host)s)")
                % {"bucket": settings.STORAGE_BUCKET, "host": _host(endpoint)},
                "data": _("Uploaded import files and report PDFs"),
            }
        )
    else:
        found.append({"what": _("Files on the server's own disk (no object storage)"), "data": "–"})
    database = settings.DATABASES["default"]
    host = database.get("HOST") or _("the server itself")
    found.append(
        {
            "what": _("Database server (%(host)s) and its hosting") % {"host": host},
            "data": _("Everything in this record"),
        }
    )
    for provider in (
        getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", [])
    ):
        found.append(
            {
                "what": _("Electronic ID: %(name)s (Digdir, %(host)s)")
                % {"name": provider["name"], "host": _host(provider["settings"]["server_url"])},
                "data": _("Signing in; the national identity number is never stored"),
            }
        )
    return found


def _retention_rule(key: str) -> Any:
    rule = privacy.retention(key)
    return rule.rule if rule is not None else key


def record() -> dict[str, Any]:
    """Everything the record page and its PDF print."""
    models: dict[str, ModelRecord] = {}
    persons: dict[str, set[str]] = defaultdict(set)
    for item in privacy.personal_fields():
        model = apps.get_model(item.model)
        entry = models.setdefault(
            item.model, ModelRecord(label=item.model, name=str(model._meta.verbose_name_plural))
        )
        entry.rows.append(
            {
                "field": _field_label(item.model, item.field),
                "name": item.field,
                "persons": privacy.PERSONS[item.persons],
                "category": privacy.CATEGORIES[item.category],
                "purpose": item.purpose,
                "legal_basis": privacy.LEGAL_BASES[item.legal_basis],
                "retention": _retention_rule(item.retention),
                "recipients": ", ".join(str(r) for r in item.recipients),
            }
        )
        persons[item.persons].add(item.category)
    return {
        "models": sorted(models.values(), key=lambda m: m.label),
        "persons": [
            {
                "name": privacy.PERSONS[key],
                "categories": sorted(str(privacy.CATEGORIES[c]) for c in categories),
            }
            for key, categories in sorted(persons.items())
        ],
        "retentions": privacy.retentions(),
        "sub_processors": sub_processors(),
        "field_count": len(privacy.personal_fields()),
        "mfa_roles": settings.MFA_REQUIRED_ROLES,
        "staff_idle_hours": settings.STAFF_SESSION_IDLE_HOURS,
        "staff_max_hours": settings.STAFF_SESSION_MAX_HOURS,
    }
