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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _


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


Eraser = Callable[[Person, Any], None]
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


def erase_everywhere(person: Person, *, actor: Any) -> None:
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
