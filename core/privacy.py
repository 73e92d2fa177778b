"""A person's data across the apps: one description of the person, and the places each app
registers to export and to erase what it holds about them.

The volunteers app owns the person (`volunteers.services.volunteer_erase`,
`volunteers.gdpr.volunteer_data`); the other apps hold free text that may name them (a report's
narrative, an activity's note, an association's notes) and files made from it (report PDFs).
Each app registers an `eraser` and an `exporter` in its `AppConfig.ready`, so the arrows keep
pointing one way: volunteers never imports reports or activities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from .permissions import Access


@dataclass(frozen=True)
class Person:
    """Who is being exported or erased: their centre, login (if any) and the values that name
    them (full names, e-mail addresses, phone numbers). The one place that decides whether a
    text names them (`names_in`) and takes them out of it (`redact`): the erasers of every app
    and the audit trail (`core.audit.audit_forget`) ask it."""

    centre_id: int
    user_id: int | None = None
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    volunteer_id: int | None = None

    @property
    def values(self) -> list[str]:
        return [v for v in (*self.names, *self.emails, *self.phones) if v and len(v.strip()) >= 3]

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """A case-insensitive pattern for every value. A phone number matches by its last eight
        digits in whatever is written between them ("+47 412 34 567", "412-34-567")."""
        parts = []
        for value in sorted(set(self.values), key=len, reverse=True):
            digits = "".join(ch for ch in value if ch.isdigit())
            if value in self.phones and len(digits) >= 8:
                number = r"\D*".join(re.escape(d) for d in digits[-8:])
                parts.append(r"(?:\+?47[\s.]?)?" + number)
            else:
                parts.append(re.escape(value.strip()))
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def names_in(self, value: Any) -> bool:
        """Whether a text (or any text in a list of them) names the person."""
        if isinstance(value, list | tuple):
            return any(self.names_in(item) for item in value)
        if not isinstance(value, str) or not value or self._pattern is None:
            return False
        return self._pattern.search(value) is not None

    def redact(self, text: str) -> str:
        """`text` with every value naming the person replaced by "[erased]"."""
        if not text or self._pattern is None:
            return text
        return self._pattern.sub(_("[erased]"), text)


Eraser = Callable[[Person, "Access"], None]
Exporter = Callable[[Person], dict[str, Any]]
Rows = Callable[[Person], list[Any]]
_erasers: list[Eraser] = []
_exporters: list[Exporter] = []
_rows: list[Rows] = []


def register(
    *, eraser: Eraser | None = None, exporter: Exporter | None = None, rows: Rows | None = None
) -> None:
    """Called from an app's `ready()`: what the app holds about a person. `rows` gives the
    person's own rows in the app (their hours, sign-ups, matches), whose history the audit
    trail forgets when they are erased."""
    if eraser is not None and eraser not in _erasers:
        _erasers.append(eraser)
    if exporter is not None and exporter not in _exporters:
        _exporters.append(exporter)
    if rows is not None and rows not in _rows:
        _rows.append(rows)


def erase_everywhere(person: Person, *, actor: Access) -> None:
    """Run every app's eraser (inside the caller's transaction)."""
    for eraser in _erasers:
        eraser(person, actor)


def export_everywhere(person: Person) -> dict[str, Any]:
    """Every app's part of a person's data export, merged."""
    data: dict[str, Any] = {}
    for exporter in _exporters:
        data.update(exporter(person))
    return data


def rows_everywhere(person: Person) -> list[Any]:
    """The person's own rows in every app (for `core.audit.audit_forget`)."""
    return [row for rows in _rows for row in rows(person)]


def isodate(value: Any) -> str | None:
    """A date or time as the export writes it (ISO 8601), or None."""
    return value.isoformat() if value else None


# --- What is held about whom, why and for how long (the record of processing) -----------------
#
# Each app declares, in its privacy.py, every model field that holds personal data: the kind of
# person it is about, the category of data, the purpose, the legal basis and the retention rule.
# The record of processing (GDPR art. 30) and the DPIA starting point are generated from these
# declarations (reports.privacy_record), and core/tests/test_privacy_record.py fails when a model
# field of a personal kind is neither declared personal nor declared not personal with a reason.

# Categories of persons (GDPR art. 30 (1) c).
PERSONS: dict[str, Any] = {
    "volunteer": gettext_lazy("Volunteers and people who sign up to volunteer"),
    "association_contact": gettext_lazy("Contact persons and users of associations"),
    "staff": gettext_lazy(
        "Staff of the centres and the municipality (coordinators, viewers, admins)"
    ),
    "any_user": gettext_lazy("Everyone with a login"),
    "named_in_text": gettext_lazy("People named in free text (notes, narratives)"),
    "recipient": gettext_lazy("Recipients of e-mails and reminders"),
    "visitor": gettext_lazy("Visitors who offer an association their help on a public page"),
}

# Categories of personal data (art. 30 (1) c).
CATEGORIES: dict[str, Any] = {
    "identity": gettext_lazy("Name and identity"),
    "contact": gettext_lazy("Contact details (e-mail, phone, address)"),
    "login": gettext_lazy("Login and security data (password hash, second factors, sessions)"),
    "log": gettext_lazy("Log of logins and actions (time, IP address, browser)"),
    "profile": gettext_lazy("Volunteer profile (interests, availability, background, languages)"),
    "engagement": gettext_lazy("Tasks, shifts and hours given"),
    "consent": gettext_lazy("Consents given and withdrawn"),
    "police_certificate": gettext_lazy(
        "Police certificate: only the dates it was asked for and shown"
    ),
    "free_text": gettext_lazy("Free text that may name a person"),
    "communication": gettext_lazy("E-mails and reminders sent"),
    "files": gettext_lazy("Uploaded and generated files"),
}

# Legal bases (art. 6 (1)).
LEGAL_BASES: dict[str, Any] = {
    "consent": gettext_lazy("Consent, art. 6 (1) a"),
    "contract": gettext_lazy("Agreement with the person (volunteering), art. 6 (1) b"),
    "legal_obligation": gettext_lazy(
        "Legal obligation (accounting, police certificates), art. 6 (1) c"
    ),
    "public_task": gettext_lazy(
        "Task in the public interest (the municipality's services), art. 6 (1) e"
    ),
    "legitimate_interest": gettext_lazy(
        "Legitimate interest (security, running the service), art. 6 (1) f"
    ),
}


@dataclass(frozen=True)
class Retention:
    """A retention rule; `task` is the Celery beat task that enforces it (None: kept while the
    row it belongs to is, and erased with the person)."""

    key: str
    rule: Any
    task: str | None = None


@dataclass(frozen=True)
class PersonalField:
    """One model field that holds personal data."""

    model: str  # app_label.ModelName
    field: str
    persons: str
    category: str
    purpose: Any
    legal_basis: str
    retention: str
    recipients: tuple[Any, ...] = ()


_fields: dict[tuple[str, str], PersonalField] = {}
_not_personal: dict[tuple[str, str], Any] = {}
_retentions: dict[str, Retention] = {}


def declare_retention(key: str, rule: Any, *, task: str | None = None) -> None:
    """Called from an app's privacy module: a retention rule, and the job that enforces it."""
    _retentions[key] = Retention(key=key, rule=rule, task=task)


def declare(
    model: type[Any] | str,
    fields: Iterable[str],
    *,
    persons: str,
    category: str,
    purpose: Any,
    legal_basis: str,
    retention: str,
    recipients: Iterable[Any] = (),
) -> None:
    """Called from an app's privacy module: these fields of `model` hold personal data."""
    label = model if isinstance(model, str) else model._meta.label
    if persons not in PERSONS or category not in CATEGORIES or legal_basis not in LEGAL_BASES:
        raise ValueError(f"Unknown person kind, category or legal basis for {label}")
    for name in fields:
        _fields[(label, name)] = PersonalField(
            model=label,
            field=name,
            persons=persons,
            category=category,
            purpose=purpose,
            legal_basis=legal_basis,
            retention=retention,
            recipients=tuple(recipients),
        )


def declare_not_personal(model: type[Any] | str, fields: Iterable[str], *, reason: Any) -> None:
    """Fields that look personal (a name, a note) but are not about a person, and why."""
    label = model if isinstance(model, str) else model._meta.label
    for name in fields:
        _not_personal[(label, name)] = reason


def personal_fields() -> list[PersonalField]:
    """Every declared personal field, by model and field."""
    return sorted(_fields.values(), key=lambda f: (f.model, f.field))


def not_personal_fields() -> dict[tuple[str, str], Any]:
    return dict(_not_personal)


def retentions() -> list[Retention]:
    return sorted(_retentions.values(), key=lambda r: r.key)


def retention(key: str) -> Retention | None:
    return _retentions.get(key)
