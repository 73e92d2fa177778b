"""Optimistic locking: an edit saved over somebody else's newer save is refused, not lost.

A model that two people could edit at once has a `version` number. Its edit form carries the
version the user loaded (`VersionedFormMixin`); the service claims the row for that version in
its transaction (`claim_version`): the row's version goes up by one only if it is still the one
the user saw, else `EditConflict` is raised and nothing is saved. The view shows the form again,
with the user's input kept, and names each field the other person changed (`conflict_message`).
Saving again then deliberately keeps the user's version. `edit_with_conflict` is that flow for
an edit view: validate, save through the service, show a conflict on the form, or redirect with a
message.

A centre's year (`centreyear.services.centre_year_save`) claims its row the same way; its form also
carries version 0 for a year not saved yet, so that two people starting the same year cannot
both create it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class EditConflict(Exception):
    """Somebody saved the row after the user loaded it. `current` is the row as saved now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("edit conflict")
        self.current = current


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)


# A saved row of a model with a `version_field()` (its type has no common base to name).
Versioned = Any


def _rows_of(instance: Versioned) -> models.QuerySet:
    """The table of `instance`, within its own centre for a centre-owned row."""
    manager = type(instance)._default_manager
    if hasattr(manager, "for_centre"):
        return manager.for_centre(instance.centre_id)
    return manager.all()


def claim_version(instance: Versioned, expected: int | None) -> None:
    """In the caller's transaction: move the row from version `expected` to the next one, or
    raise EditConflict when it has moved on already. `expected` None skips the check (a
    command or an import that loaded the row itself)."""
    if expected is None or instance.pk is None:
        return
    rows = _rows_of(instance)
    claimed = rows.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if not claimed:
        raise EditConflict(rows.get(pk=instance.pk))
    instance.version = expected + 1


class VersionedFormMixin:
    """Adds the hidden `version` the user loaded to the form of a saved, versioned instance (a
    form that creates a row has none)."""

    # Mixed into a Form, which has these.
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None) or kwargs.get("instance")
        if instance is None or instance.pk is None:
            return
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            min_value=1,
            initial=getattr(instance, "version", None),
        )

    @property
    def loaded_version(self) -> int | None:
        return self.cleaned_data.get("version")

    @property
    def changed_values(self) -> dict:
        """cleaned_data without the version (what a service sets on the row)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "all"):
        return ", ".join(sorted(str(item) for item in value.all())) or "–"
    return str(value)


def conflict_message(form: forms.BaseForm, current: models.Model) -> str:
    """ "Somebody else saved ... : Phone (now 22 33 44 55), E-mail (now ...)." for the fields of
    `form` whose saved value differs from what the user sent."""
    changed = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        saved = getattr(current, name)
        sent = form.cleaned_data.get(name)
        if hasattr(saved, "all"):
            differs = {item.pk for item in saved.all()} != {
                getattr(item, "pk", item) for item in (sent or [])
            }
        else:
            differs = (saved if saved is not None else "") != (sent if sent is not None else "")
        if differs:
            changed.append(
                _("%(field)s (now %(value)s)") % {"field": field.label, "value": _shown(saved)}
            )
    listing = "; ".join(changed) or _("no field of this form")
    return _(
        "Somebody else saved this while you were editing it, so your changes were not saved. "
        "They changed: %(fields)s. Check the form and save again to keep your version."
    ) % {"fields": listing}


def refresh_version(form: forms.BaseForm, current: Versioned) -> None:
    """After a conflict: the next save of the same form deliberately keeps the user's version."""
    data = cast(QueryDict, form.data).copy()
    data[form.add_prefix("version")] = current.version
    form.data = data


Saved = TypeVar("Saved")


def edit_with_conflict(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[], Saved],
    template: str,
    context: Mapping[str, Any] | None = None,
    success_url: str | Callable[[Saved], str],
    message: str | Callable[[Saved], str],
    also_valid: Callable[[], bool] | None = None,
    on_validation_error: Callable[[forms.BaseForm, ValidationError], None] | None = None,
    after_message: Callable[[Saved], None] | None = None,
) -> HttpResponse:
    """The edit view's flow after the permission lookup: on a POST whose `form` (bound with the
    `VersionedFormMixin` version) and `also_valid()` are valid, `save()` calls the service.
    On EditConflict the form is shown again with the other person's changes named and the
    version refreshed; on success the `message` is shown (then `after_message`, e.g. a warning)
    and the user is sent to `success_url`. Either may be a function of what `save()` returned.
    With `on_validation_error`, a service's ValidationError is put on the form by it (without,
    it propagates). Otherwise `template` is rendered with `form` and `context`."""
    if request.method == "POST" and form.is_valid() and (also_valid is None or also_valid()):
        try:
            saved = save()
        except EditConflict as conflict:
            form.add_error(None, conflict_message(form, conflict.current))
            refresh_version(form, conflict.current)
        except ValidationError as error:
            if on_validation_error is None:
                raise
            on_validation_error(form, error)
        else:
            messages.success(request, message(saved) if callable(message) else message)
            if after_message is not None:
                after_message(saved)
            return redirect(success_url(saved) if callable(success_url) else success_url)
    return render(request, template, {"form": form, **(context or {})})
