"""Render a report synchronously, with the same code as the background job (cron, operators)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports import figures
from reports.models import ReportKind
from reports.rendering import ReportParams, render_pdf


class Command(BaseCommand):
    help = "Render an annual evaluation or a final report to a PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=[k.value for k in ReportKind])
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--project", help="short name (slug) of the project")
        parser.add_argument("--centre", help="short name (slug) of the centre")
        parser.add_argument(
            "--language", default="nb", choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    def handle(self, *args, **options) -> None:
        if options["project"] and not options["centre"]:
            # A project's short name usually names its centre too.
            matches = figures.projects_by_slug(options["project"])
            if len(matches) == 1:
                options["centre"] = matches[0].centre.slug
        try:
            centre = (
                figures.centre_by_slug(options["centre"])
                if options["centre"]
                else figures.only_centre()
            )
        except figures.Centre.DoesNotExist as exc:
            raise CommandError(f"No centre with the short name {options['centre']!r}.") from exc
        except figures.ReportError as exc:
            raise CommandError("There is not exactly one centre: name it with --centre.") from exc
        project = None
        if options["project"]:
            try:
                project = figures.project_by_slug(centre, options["project"])
            except ObjectDoesNotExist as exc:
                raise CommandError(
                    f"No project {options['project']!r} in the centre {centre.slug!r}."
                ) from exc
        if options["kind"] == ReportKind.FINAL and project is None:
            raise CommandError("A final report needs --project.")
        params = ReportParams(
            centre=centre,
            kind=options["kind"],
            year=options["year"],
            project=project,
            language=options["language"],
        )
        try:
            pdf = render_pdf(params)
        except figures.ReportError as exc:
            raise CommandError(str(exc)) from exc
        out: Path = options["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        self.stdout.write(f"Wrote {out} ({len(pdf)} bytes).")
