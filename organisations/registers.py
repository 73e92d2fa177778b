"""A small client of Brønnøysundregistrene's open API: Enhetsregisteret (name, addresses,
contact, purpose, status) and Frivillighetsregisteret (ICNPO categories, status).

The PyPI package `brreg` was considered: it reads single entities and searches, but has no
change feed and no Frivillighetsregisteret, and brings httpx and pydantic; the three GETs we need
are a few lines of the standard library. The base URL is settings.BRREG_API_URL (tests point it
at a local server); every call has a timeout and is retried with back-off, and answers are
cached in Django's cache.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .models import Organisation

logger = logging.getLogger(__name__)


class RegisterError(Exception):
    """Base of the register's answers other than an entity."""


class RegisterUnavailable(RegisterError):
    """The register could not be reached or answered with an error."""


class NotInRegister(RegisterError):
    """404: no entity with this organisation number."""


class DeletedFromRegister(RegisterError):
    """410: the entity has been deleted from the register."""


def _url(path_or_url: str, params: dict[str, Any] | None = None) -> str:
    """The URL under settings.BRREG_API_URL. Links the register returns (next pages) keep only
    their path and query, so the setting always decides the host."""
    parts = urllib.parse.urlsplit(path_or_url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    url = settings.BRREG_API_URL.rstrip("/") + path
    if params:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    return url


def get_json(path_or_url: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """GET a JSON document from the register, with a timeout and retries with back-off."""
    url = _url(path_or_url, params)
    attempts = 1 + max(settings.BRREG_RETRIES, 0)
    backoff = getattr(settings, "BRREG_BACKOFF", 0.5)
    last: Exception | None = None
    for attempt in range(attempts):
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": "frivillig"}
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.BRREG_TIMEOUT) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise NotInRegister from exc
            if exc.code == 410:
                raise DeletedFromRegister from exc
            if exc.code < 500 and exc.code != 429:
                raise RegisterUnavailable(f"HTTP {exc.code}") from exc
            last = exc
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            last = exc
        if attempt < attempts - 1:
            time.sleep(backoff * 2**attempt)
    logger.warning("the register did not answer %s: %s", url, last)
    raise RegisterUnavailable(str(last))


def _lines(address: dict[str, Any] | None) -> str:
    lines = (address or {}).get("adresse") or []
    return ", ".join(line for line in lines if line) if isinstance(lines, list) else str(lines)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def entity_data(entity: dict[str, Any]) -> dict[str, Any]:
    """Organisation field -> value, from an Enhetsregisteret entity (JSON). Values the model's
    own validators refuse (a foreign phone number, say) are left out."""
    from .services import normalise_phone

    postal = entity.get("postadresse") or {}
    business = entity.get("forretningsadresse") or {}
    website = (entity.get("hjemmeside") or "").strip()
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    data: dict[str, Any] = {
        "name": entity.get("navn") or "",
        "organisation_number": entity.get("organisasjonsnummer") or "",
        "email": (entity.get("epostadresse") or "").lower(),
        "phone": normalise_phone(entity.get("telefon")),
        "mobile": normalise_phone(entity.get("mobil")),
        "website": website,
        "postal_address": _lines(postal),
        "postal_code": postal.get("postnummer") or "",
        "postal_place": postal.get("poststed") or "",
        "postal_municipality_number": postal.get("kommunenummer") or "",
        "business_address": _lines(business),
        "business_postal_code": business.get("postnummer") or "",
        "business_postal_place": business.get("poststed") or "",
        "business_municipality_number": business.get("kommunenummer") or "",
        "description": " ".join(entity.get("vedtektsfestetFormaal") or []),
        "activity": " ".join(entity.get("aktivitet") or []),
        "founded_date": _date(entity.get("stiftelsesdato")),
        "organisation_form": (entity.get("organisasjonsform") or {}).get("kode") or "",
        "in_national_register": bool(entity.get("registrertIFrivillighetsregisteret")),
        "national_register_date": _date(entity.get("registreringsdatoFrivillighetsregisteret")),
        "is_bankrupt": bool(entity.get("konkurs")),
        "under_liquidation": bool(entity.get("underAvvikling")),
        "under_forced_liquidation": bool(entity.get("underTvangsavviklingEllerTvangsopplosning")),
        "deleted_on": _date(entity.get("slettedato")),
    }
    if data["founded_date"]:
        data["founded_year"] = data["founded_date"].year
    clean = {}
    for name, value in data.items():
        model_field = cast(models.Field, Organisation._meta.get_field(name))
        if isinstance(value, str):
            value = value.strip()
            if model_field.max_length and len(value) > model_field.max_length:
                value = value[: model_field.max_length]
        if value not in ("", None):
            try:
                model_field.run_validators(value)
            except ValidationError:
                continue
        clean[name] = value
    return clean


@dataclass
class RegisterEntry:
    """What the registers say about one organisation number."""

    organisation_number: str
    data: dict[str, Any]
    icnpo: list[dict[str, Any]] = field(default_factory=list)
    voluntary_status: str = ""

    @property
    def category_codes(self) -> list[str]:
        ordered = sorted(self.icnpo, key=lambda c: c.get("rekkefoelge") or 99)
        return [str(c.get("icnpoNummer") or c.get("kategori") or "") for c in ordered]

    @property
    def category_names(self) -> list[str]:
        ordered = sorted(self.icnpo, key=lambda c: c.get("rekkefoelge") or 99)
        return [str(c.get("navn") or "") for c in ordered]


def lookup(organisation_number: str, *, use_cache: bool = True) -> RegisterEntry:
    """The entity from Enhetsregisteret and, when it has one, its Frivillighetsregisteret record.

    Raises NotInRegister (404), DeletedFromRegister (410) or RegisterUnavailable.
    """
    key = f"brreg:lookup:{organisation_number}"
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    entity = get_json(f"/enhetsregisteret/api/enheter/{organisation_number}")
    entry = RegisterEntry(organisation_number=organisation_number, data=entity_data(entity))
    try:
        voluntary = get_json(
            f"/frivillighetsregisteret/api/frivillige-organisasjoner/{organisation_number}"
        )
    except (NotInRegister, DeletedFromRegister):
        voluntary = {}
    entry.icnpo = list(voluntary.get("icnpoKategorier") or [])
    entry.voluntary_status = str(voluntary.get("frivilligOrganisasjonsstatus") or "")
    cache.set(key, entry, timeout=settings.BRREG_CACHE_SECONDS)
    return entry


def show(field_name: str, value: Any) -> str:
    """A value as the coordinator reads it in a comparison."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _icnpo_parts(code: str) -> tuple[str, str]:
    """An ICNPO code as (group, subgroup): "3 100", "3.100" and "3100"-style codes alike."""
    numbers = re.findall(r"\d+", code or "")
    if len(numbers) == 1 and len(numbers[0]) > 3:
        return numbers[0][:-3], numbers[0][-3:]
    return (numbers[0] if numbers else "", numbers[1] if len(numbers) > 1 else "")


def matching_categories(entry: RegisterEntry, categories: Iterable[Any]) -> list[Any]:
    """Our categories for the register's ICNPO codes, in the register's order (at most three).

    A category with a subgroup code ("1 100") matches that subgroup only; one with a group code
    ("3") matches every subgroup of the group."""
    ours = [(c, _icnpo_parts(c.icnpo_code)) for c in categories if c.icnpo_code]
    found: list[Any] = []
    for code in entry.category_codes:
        group, subgroup = _icnpo_parts(code)
        exact = [c for c, (g, s) in ours if g == group and s and s == subgroup]
        broad = [c for c, (g, s) in ours if g == group and not s]
        for category in (exact or broad)[:1]:
            if category not in found:
                found.append(category)
    return found[:3]


def differences(
    organisation: Organisation, entry: RegisterEntry, categories: Iterable[Any] = ()
) -> list[dict[str, Any]]:
    """The fields where the register differs from the entry: field, label, old and new
    (the categories too, when the register's ICNPO codes match categories of ours)."""
    rows = []
    matched = matching_categories(entry, categories)
    current = [rank.category for rank in organisation.ranked_categories.all()]
    if matched and matched != current:
        rows.append(
            {
                "field": "categories",
                "label": _("categories"),
                "old": ", ".join(str(c) for c in current) or "–",
                "new": ", ".join(str(c) for c in matched),
                "value": matched,
            }
        )
    for name, new in entry.data.items():
        if name == "organisation_number":
            continue
        old = getattr(organisation, name)
        if (old or None) == (new or None) and not isinstance(new, bool):
            continue
        if isinstance(new, bool) and bool(old) == new:
            continue
        rows.append(
            {
                "field": name,
                "label": str(cast(models.Field, Organisation._meta.get_field(name)).verbose_name),
                "old": show(name, old),
                "new": show(name, new),
            }
        )
    return rows


def register_message(exc: RegisterError) -> str:
    """What to tell the coordinator when the register gives no entity."""
    if isinstance(exc, NotInRegister):
        return _("The organisation number was not found in Enhetsregisteret.")
    if isinstance(exc, DeletedFromRegister):
        return _("The organisation has been deleted from Enhetsregisteret.")
    return _(
        "The national register could not be reached just now. Nothing was changed; you can "
        "still fill in and save the form yourself, or try again later."
    )
