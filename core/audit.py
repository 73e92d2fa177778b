"""The one audit trail: every write service records what it did through `log_action`.

An event says who (`actor`, or the system), what (`action`, "<object>.<verb>"), which object,
when, from where (`source`: the app, an import, the national register, the system) and which
fields changed (`changes`: field -> [old, new], as text). The association's change history, the
volunteer's privacy log and the login records are views of this one table.

Values are kept as text so that a row describes the change even after the object is gone.
Erasing a person (`audit_forget`) keeps the fact that something happened and removes what named
them: their own events lose their author, events about their record lose the values, and any
value anywhere in the trail that holds their name, e-mail address or phone number is blanked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Centre, User
from .privacy import Person

if TYPE_CHECKING:
    from .permissions import Access


# Fields that are bookkeeping, not content: never recorded as changes.
BOOKKEEPING = frozenset(
    {
        "id",
        "centre",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "version",
        "search_text",
        "public_search_text",
        "register_synced_at",
    }
)
MAX_VALUE_CHARS = 2000

# What each action is called on a page (the verb, after the actor's name).
ACTION_LABELS = {
    "created": _("created"),
    "updated": _("changed"),
    "deleted": _("deleted"),
    "archived": _("archived"),
    "restored": _("restored"),
    "confirmed": _("confirmed the entry as current"),
    "approved": _("approved"),
    "rejected": _("rejected"),
    "published": _("published"),
    "given": _("gave consent"),
    "withdrawn": _("withdrew consent"),
    "revoked": _("revoked"),
    "accepted": _("accepted"),
    "ignored": _("ignored"),
    "redacted": _("removed a person's name from the text"),
    "rendered": _("made the PDF"),
    "exported": _("exported the personal data"),
    "erased": _("erased the personal data"),
    "login_invited": _("sent a login invitation"),
    "requested": _("requested"),
    "counts": _("entered counts"),
    "logged": _("logged"),
    "login": _("logged in"),
    "logout": _("logged out"),
    "login_failed": _("failed to log in"),
    "cancelled": _("cancelled"),
    "held": _("marked as held"),
    "moved_up": _("moved up from the waiting list"),
    "police_certificate": _("recorded the police certificate"),
    "sent": _("sent"),
    "failed": _("could not send"),
    "calendar_reset": _("made a new calendar address"),
}


def actor_id(actor: Access | User | None) -> int | None:
    """The user id of an actor: a service's `Access` (None for the system's), the User of a
    sign-in event (allauth's signals hold no Access), or None (the system)."""
    if actor is None:
        return None
    if isinstance(actor, User):
        return actor.pk
    return actor.user_id


def as_text(value: Any) -> Any:
    """A value as the trail keeps it: JSON-safe, dates as ISO text, long text cut."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [as_text(v) for v in value]
    return str(value)[:MAX_VALUE_CHARS]


def snapshot(
    obj: models.Model, *, fields: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> dict[str, Any]:
    """The recorded fields of `obj` as text: concrete fields except bookkeeping, a foreign key
    as the text of the row it points to."""
    wanted = set(fields) if fields is not None else None
    skipped = BOOKKEEPING | set(exclude)
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skipped or (wanted is not None and field.name not in wanted):
            continue
        if field.is_relation:
            if getattr(obj, field.attname) is None:
                values[field.name] = None
            else:
                values[field.name] = as_text(getattr(obj, field.name))
        else:
            values[field.name] = as_text(getattr(obj, field.attname))
    return values


def stored_snapshot(obj: models.Model, **kwargs: Any) -> dict[str, Any] | None:
    """The snapshot of the row as stored (a bound form may already have changed `obj`), or
    None for a row not yet saved."""
    if obj.pk is None:
        return None
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    return snapshot(stored, **kwargs) if stored is not None else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field -> [old, new] for every field whose value differs."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not (_empty(before.get(name)) and _empty(value))
    }


def creation(obj: models.Model, **extra: Any) -> dict[str, list[Any]]:
    """The changes of a new row: every field that has a value, from nothing."""
    values = {**snapshot(obj), **{k: as_text(v) for k, v in extra.items()}}
    return {name: [None, value] for name, value in values.items() if not _empty(value)}


def log_action(
    *,
    actor: Access | User | None,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    data: dict[str, Any] | None = None,
    source: str | None = None,
    centre: Centre | int | None = None,
) -> AuditEvent:
    """Record one write. `actor` is the service's `Access` (a User only for sign-in events, None
    for the system; see `actor_id`); `centre` defaults to the object's centre. Call it inside
    the service's transaction, after the write."""
    if centre is None and obj is not None:
        centre = getattr(obj, "centre_id", None)
    centre_id = centre.pk if isinstance(centre, Centre) else centre
    user_id = actor_id(actor)
    if source is None:
        source = AuditEvent.Source.WEB if user_id else AuditEvent.Source.SYSTEM
    return AuditEvent.objects.create(
        centre_id=centre_id,
        actor_id=user_id,
        source=source,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
        data=data or {},
    )


def log_change(
    *,
    actor: Access | User | None,
    obj: models.Model,
    before: dict[str, Any] | None,
    action: str | None = None,
    source: str | None = None,
    data: dict[str, Any] | None = None,
    related: dict[str, list[Any]] | None = None,
) -> AuditEvent:
    """Record a save of `obj`: its fields from nothing when `before` is None (a new row),
    otherwise what differs from the `before` snapshot; `related` adds changes the row's own
    fields do not hold (its many-to-many lists, its child rows), as name -> [old, new]. Without
    an `action`, a create-or-change service's: "<model>.created" for a new row, else
    "<model>.updated"."""
    if action is None:
        model = obj._meta.model_name
        action = f"{model}.created" if before is None else f"{model}.updated"
    changes = creation(obj) if before is None else changes_between(before, snapshot(obj))
    changes.update(related or {})
    return log_action(
        actor=actor, action=action, obj=obj, changes=changes, source=source, data=data
    )


def save_and_log(
    obj: models.Model, *, actor: Access | User | None, before: dict[str, Any] | None
) -> None:
    """Validate and save one row a service created or changed, and record it (`log_change`)."""
    obj.full_clean()
    obj.save()
    log_change(actor=actor, obj=obj, before=before)


def events_of(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """The events about one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def action_label(action: str) -> str:
    verb = action.rsplit(".", 1)[-1]
    return str(ACTION_LABELS.get(verb, verb))


def describe(events: Iterable[AuditEvent], model: type[models.Model]) -> list[dict[str, Any]]:
    """Events as a page shows them: time, actor, what was done, and each change with the
    field's name and its old and new value in words."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    extra_names = getattr(model, "AUDIT_FIELD_LABELS", {})

    def label_of(name: str) -> str:
        if name in extra_names:
            return str(extra_names[name])
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name)
        try:  # a related row kind, e.g. a project's targets: the kind's plural name
            return str(apps.get_model(model._meta.app_label, name)._meta.verbose_name_plural)
        except LookupError:
            return name

    def show(name: str, value: Any, erased: bool) -> str:
        if erased:
            return gettext("(erased)")
        if _empty(value):
            return "–"
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        field = fields.get(name)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return value
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "SHORT_DATETIME_FORMAT")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    entries = []
    for event in events:
        erased = set(event.data.get("erased_fields", ()))
        changes = []
        for name, (old, new) in event.changes.items():
            changes.append(
                {
                    "field": label_of(name),
                    "old": show(name, old, name in erased),
                    "new": show(name, new, name in erased),
                }
            )
        entries.append(
            {
                "date": event.created_at,
                "user": event.actor,
                "source": event.source,
                "source_label": event.get_source_display(),
                "action": event.action,
                "label": action_label(event.action),
                "changes": changes,
            }
        )
    return entries


# --- Erasure --------------------------------------------------------------------------------------


def audit_forget(
    *,
    person: Person,
    objects: Iterable[models.Model] = (),
) -> int:
    """Remove a person from the trail; returns how many events were changed.

    - events the person did (with their login) keep their action and time and lose their
      author;
    - events about the person's own rows (`objects`) lose every value and the row's name;
    - any value anywhere else in the trail that names them (`Person.names_in`: their name,
      e-mail addresses, phone) is blanked and noted as erased, e.g. the association whose
      contact person they were, or a failed login with their address.
    """
    changed = 0
    if person.user_id:
        changed += AuditEvent.objects.filter(actor_id=person.user_id).update(actor=None)
    own = Q(pk__in=[])
    for obj in objects:
        own |= Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    for event in AuditEvent.objects.filter(own).iterator():
        event.changes = {name: [None, None] for name in event.changes}
        event.data = {"erased_fields": sorted(event.changes)}
        event.object_repr = ""
        event.save(update_fields=["changes", "data", "object_repr"])
        changed += 1
    if not person.values:
        return changed
    # JSON is stored with escapes on some databases, so the values are compared here, in
    # Python, event by event (erasure is rare; the scan reads the trail once, in chunks).
    batch: list[AuditEvent] = []
    for event in (
        AuditEvent.objects.exclude(own)
        .only("id", "changes", "data", "object_repr")
        .iterator(chunk_size=2000)
    ):
        touched = False
        erased = set(event.data.get("erased_fields", ()))
        for name, pair in event.changes.items():
            if person.names_in(pair):
                event.changes[name] = [None if person.names_in(v) else v for v in pair]
                erased.add(name)
                touched = True
        if any(person.names_in(v) for k, v in event.data.items() if k != "erased_fields"):
            # The rest of the event's context (client address, browser) goes with the name.
            event.data = {}
            touched = True
        if person.names_in(event.object_repr):
            event.object_repr = ""
            touched = True
        if touched:
            if erased:
                event.data["erased_fields"] = sorted(erased)
            batch.append(event)
    if batch:
        AuditEvent.objects.bulk_update(batch, ["changes", "data", "object_repr"], batch_size=500)
    return changed + len(batch)


def events_naming(person: Person) -> list[AuditEvent]:
    """Every event whose values name the person (for their data export)."""
    if not person.values:
        return []
    return [
        event
        for event in AuditEvent.objects.select_related("actor").iterator(chunk_size=2000)
        if person.names_in(list(event.changes.values()))
        or person.names_in(list(event.data.values()))
        or person.names_in(event.object_repr)
    ]
