"""Writes for volunteers, consent, tasks, matches and hours. Views and the seed call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    log_change,
    stored_snapshot,
)
from core.concurrency import claim_version
from core.mail import mail_queue
from core.models import Centre
from core.permissions import Access, check_change, check_coordinate
from volunteers.models import (
    Volunteer,
)
from volunteers.services import lists_of, log_save, send, set_fields

from .models import Match, Task


@transaction.atomic
def task_create(*, actor: Access, centre: Centre, **fields: Any) -> Task:
    """Post a task. An association user may only post for their own association."""
    task = Task(centre=centre, created_by_id=actor.user_id)
    m2m = set_fields(task, fields)
    if actor.is_association:
        if centre.pk not in actor.centre_ids or (
            task.organisation_id is None or task.organisation_id not in actor.association_ids
        ):
            raise PermissionDenied
    else:
        check_coordinate(actor, centre.pk)
    task.full_clean()
    task.save()
    for name, values in m2m.items():
        getattr(task, name).set(values)
    log_save(actor=actor, action="task.created", obj=task, before=None, m2m_before={}, m2m=m2m)
    return task


@transaction.atomic
def task_update(
    *, actor: Access, task: Task, expected_version: int | None = None, **fields: Any
) -> Task:
    """Change a task. With `expected_version` a save over somebody else's newer save raises
    `core.concurrency.EditConflict`."""
    check_change(actor, task)
    before = stored_snapshot(task)
    claim_version(task, expected_version)
    m2m = set_fields(task, fields)
    m2m_before = lists_of(task, m2m)
    task.full_clean()
    task.save()
    for name, values in m2m.items():
        getattr(task, name).set(values)
    log_save(
        actor=actor, action="task.updated", obj=task, before=before, m2m_before=m2m_before, m2m=m2m
    )
    return task


@transaction.atomic
def match_create(*, actor: Access, task: Task, volunteer: Volunteer, **fields: Any) -> Match:
    """Match a volunteer to a task (status proposed unless given) and e-mail the volunteer."""
    check_coordinate(actor, task.centre_id)
    if volunteer.centre_id != task.centre_id:
        raise ValidationError(_("The volunteer belongs to another centre."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only active volunteers can be matched."))
    if task.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This task needs a police certificate the volunteer lacks."))
    if task.matches.filter(volunteer=volunteer).exists():
        raise ValidationError(_("The volunteer is already matched to this task."))
    match = Match(centre=task.centre, task=task, volunteer=volunteer, **fields)
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.created", obj=match, before=None)
    send(
        to=volunteer.email,
        template="match_created",
        context={"volunteer": volunteer, "task": task, "match": match},
    )
    return match


@transaction.atomic
def task_express_interest(*, actor: Access, task: Task, volunteer: Volunteer) -> Match:
    """A volunteer says they are interested in an open task: a proposed match the coordinator
    follows up (the centre is told by e-mail)."""
    if not actor.is_volunteer or actor.user_id != volunteer.user_id:
        raise PermissionDenied
    if task.status != Task.Status.OPEN:
        raise ValidationError(_("This task is no longer open."))
    if volunteer.centre_id != task.centre_id:
        raise ValidationError(_("The task belongs to another centre."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only approved volunteers can take tasks."))
    if task.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This task needs a police certificate you have not shown yet."))
    if task.matches.filter(volunteer=volunteer).exists():
        raise ValidationError(_("You have already said you are interested in this task."))
    match = Match(centre=task.centre, task=task, volunteer=volunteer)
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.created", obj=match, before=None)
    mail_queue(
        to=task.centre.email,
        subject=_("A volunteer is interested in the task %(task)s") % {"task": task.title},
        body=render_to_string(
            "volunteers/email/task_interest.txt", {"volunteer": volunteer, "task": task}
        ),
        centre=task.centre_id,
    )
    return match


@transaction.atomic
def match_update(*, actor: Access, match: Match, **fields: Any) -> Match:
    """Change a match's status, dates or follow-up."""
    check_coordinate(actor, match.centre_id)
    before = stored_snapshot(match)
    for name, value in fields.items():
        setattr(match, name, value)
    if match.status == Match.Status.ACTIVE and not match.started_on:
        match.started_on = timezone.localdate()
    if match.status == Match.Status.ENDED and not match.ended_on:
        match.ended_on = timezone.localdate()
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.updated", obj=match, before=before)
    return match
