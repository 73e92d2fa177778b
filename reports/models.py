"""Report jobs (a PDF made in the background) and the narratives coordinators write for them."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.concurrency import version_field
from core.jobs import ACTIVE_STATUSES, Job
from core.models import CENTRE_ONLY, CentreScopedModel, CentreScopedQuerySet
from core.permissions import Access


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual evaluation")
    FINAL = "final", _("Final report")


YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ReportJobQuerySet(CentreScopedQuerySet):
    def visible_to(self, access: Access) -> ReportJobQuerySet:
        qs = super().visible_to(access)
        if access.is_municipality:
            # The municipality reads finished reports; drafts in the making are the centre's.
            return qs.filter(status=ReportJob.Status.DONE)
        return qs

    def active(self) -> ReportJobQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)


class ReportJob(CentreScopedModel, Job):
    """One request to render a report: its state is kept here (the job kernel, core.jobs), not
    in Celery's result backend."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    task_name = "reports.render_report"
    time_limit = 150  # reports.tasks.render_report's hard limit
    FAILED_LOST = gettext_noop(
        "The report was not finished: the job stopped without an answer (the server "
        "may have restarted). Please request the report again."
    )
    FAILED_TOO_SLOW = gettext_noop(
        "The report took too long to make and was stopped. Please try again later; "
        "if it happens again, contact support."
    )
    FAILED_DATABASE = gettext_noop(
        "The report could not be made because the database did not answer. "
        "Please try again in a few minutes."
    )
    FAILED_PROGRAM = gettext_noop(
        "The report could not be made because of an error in the program. "
        "The error has been logged; please try again later or contact support "
        "(report number %(number)s)."
    )
    FAILED_QUEUE_DOWN = gettext_noop(
        "The report could not be queued because the report queue was not available. "
        "Please request the report again in a few minutes."
    )

    kind = models.CharField(_("kind of report"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    params_hash = models.CharField(_("parameters"), max_length=64, db_index=True)

    objects = ReportJobQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["centre", "status"])]
        constraints = [
            # Only one job per set of parameters may be queued or running at a time, so two
            # clicks (or two coordinators) never render the same report twice.
            models.UniqueConstraint(
                fields=["params_hash"],
                condition=models.Q(status__in=["queued", "running"]),
                name="reportjob_one_active_per_params",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="final") | models.Q(project__isnull=False),
                name="reportjob_final_has_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def title(self) -> str:
        if self.kind == ReportKind.FINAL and self.project_id:
            return f"{self.get_kind_display()} {self.project}"
        suffix = f" – {self.project}" if self.project_id else ""
        return f"{self.get_kind_display()} {self.year}{suffix}"

    @property
    def download_name(self) -> str:
        from django.utils.text import slugify

        parts = [self.get_kind_display(), str(self.year)]
        if self.project is not None:
            parts.append(self.project.slug)
        return slugify("-".join(parts)) + ".pdf"


class Narrative(CentreScopedModel):
    """The coordinator's own words for a report: the year's narrative or the six final sections.

    A final report's narrative belongs to its project (year 0); an annual narrative to a year,
    for the whole centre (no project) or for one project.
    """

    kind = models.CharField(_("kind of report"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), default=0)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    # The six sections funders use for a final report (see docs: "The final report").
    goals = models.TextField(_("Goals, target group and background"), blank=True)
    effect = models.TextField(_("To what degree the effect goals were reached"), blank=True)
    reach = models.TextField(_("People in the target group reached"), blank=True)
    method = models.TextField(_("Implementation and method"), blank=True)
    results = models.TextField(_("Results and assessment of results"), blank=True)
    summary = models.TextField(_("Summary and further plans"), blank=True)
    # The annual evaluation's narrative.
    evaluation = models.TextField(_("The year in words"), blank=True)
    is_draft = models.BooleanField(_("draft"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    FINAL_SECTIONS = ("goals", "effect", "reach", "method", "results", "summary")
    ANNUAL_SECTIONS = ("evaluation",)

    # Optimistic locking: two people writing the narrative cannot overwrite each other.
    version = version_field()

    owners = CENTRE_ONLY

    class Meta:
        verbose_name = _("report narrative")
        verbose_name_plural = _("report narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "kind", "year", "project"],
                condition=models.Q(project__isnull=False),
                name="narrative_unique_project",
            ),
            models.UniqueConstraint(
                fields=["centre", "kind", "year"],
                condition=models.Q(project__isnull=True),
                name="narrative_unique_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year or ''} {self.project or ''}".strip()

    @classmethod
    def section_names(cls, kind: str) -> tuple[str, ...]:
        return cls.FINAL_SECTIONS if kind == ReportKind.FINAL else cls.ANNUAL_SECTIONS

    def sections(self) -> list[tuple[str, str, str]]:
        """(field name, heading, text) of the sections this kind of report prints."""
        return [
            (
                name,
                str(cast(models.Field, self._meta.get_field(name)).verbose_name),
                getattr(self, name),
            )
            for name in self.section_names(self.kind)
        ]
