"""Writes of projects, targets, series and activities. Views and imports call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from core.audit import log_change, snapshot, stored_snapshot
from core.concurrency import claim_version
from core.permissions import Access

from .models import Project

CHILD_FIELDS_SKIPPED = {"id", "pk"}


def _require_project_editor(actor: Access, project: Project) -> None:
    """Coordinators edit their centre's projects; association users only their own."""
    if project.centre_id not in actor.centre_ids:
        raise PermissionDenied
    if actor.is_association:
        if project.organisation_id is None or project.organisation_id not in actor.association_ids:
            raise PermissionDenied
        return
    if not actor.is_coordinator:
        raise PermissionDenied


def _unique_slug(centre_id: int, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "prosjekt"
    slug, number = base, 2
    taken = Project.objects.for_centre(centre_id).filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def project_save(
    *,
    actor: Access,
    project: Project,
    # Rows of the project's part models (targets, partners, ...): each has a project and a centre.
    children: Iterable[Any] = (),
    deleted: Iterable[Any] = (),
    expected_version: int | None = None,
) -> Project:
    """Create or change a project together with its targets, partners, grants and outcomes.

    `project` carries the new values (new when it has no pk; its centre must be set);
    `children` are unsaved or changed rows of YearTarget/Partner/Grant/OutcomeCounter,
    `deleted` rows to remove. The centre's coordinator may do this for every project of the
    centre; an association user for the projects of its own association.
    """
    _require_project_editor(actor, project)
    before = stored_snapshot(project)
    claim_version(project, expected_version)
    if not project.slug:
        project.slug = _unique_slug(project.centre_id, project.name, project.pk)
    project.full_clean()
    project.save()
    parts: dict[str, list] = {}
    for row in deleted:
        if row.pk and row.project_id == project.pk:
            parts.setdefault(row._meta.model_name, [[], []])[0].append(str(row))
            row.delete()
    for row in children:
        stored = stored_snapshot(row)
        row.project = project
        row.centre_id = project.centre_id
        row.full_clean()
        row.save()
        if stored is None or stored != snapshot(row):
            parts.setdefault(row._meta.model_name, [[], []])[1].append(str(row))
    # The project's targets, partners, grants, goals and budget lines, by kind: what was
    # removed and what was added or changed.
    log_change(
        actor=actor,
        obj=project,
        before=before,
        related={kind: [old or None, new or None] for kind, (old, new) in parts.items()},
    )
    return project
