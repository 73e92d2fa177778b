"""Time the annual evaluation of a year with 220 activities: seconds and peak memory.

A benchmark, not a test. It builds its data in a throwaway SQLite database, renders the PDF
the same way the Celery job does, and prints the figures:

    /work/main/.venv/bin/python bench/report_render.py [--runs 3]

The target (issue 6) is under 5 seconds on the development machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--activities", type=int, default=220)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frivillig-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings_test")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from activities.models import Activity, ActivityCategory
    from core.models import Centre, Municipality
    from projects.models import Project, YearTarget
    from reports.rendering import ReportParams, render_pdf

    municipality = Municipality.objects.create(name="Fjordvik kommune", slug="fjordvik")
    centre = Centre.objects.create(
        municipality=municipality, name="Fjordvik frivilligsentral", slug="fjordvik"
    )
    categories = [
        ActivityCategory.objects.create(name=f"Kategori {i}", position=i) for i in range(9)
    ]
    project = Project.objects.create(centre=centre, name="Steg for Steg", slug="steg")
    year = 2025
    YearTarget.objects.create(
        centre=centre,
        project=project,
        year=year,
        activities=220,
        average_participants=Decimal("10.0"),
        persons_reached=210,
        volunteer_hours=1500,
    )
    Activity.objects.bulk_create(
        Activity(
            centre=centre,
            project=project,
            title=f"Aktivitet {i}",
            category=categories[i % len(categories)],
            date=dt.date(year, 1, 1) + dt.timedelta(days=i * 365 // args.activities),
            participants=5 + i % 12,
            volunteer_count=2,
            volunteer_hours=Decimal(3),
        )
        for i in range(args.activities)
    )

    # The state grant's conditions (printed in a centre's annual evaluation), and a project's
    # goals, reported figures and budget (printed in its final report).
    from core.models import CentreIncome, CentreYear
    from projects.models import BudgetLine, GoalResult, ProjectGoal, ReportedFigure

    centre_year = CentreYear.objects.create(
        centre=centre, year=year, staff_fte=Decimal("1.5"), owner_name="Fjordvik kommune"
    )
    for source, amount in (("state_grant", 480_046), ("municipality", 330_000)):
        CentreIncome.objects.create(centre_year=centre_year, source=source, amount=amount)
    ReportedFigure.objects.create(
        centre=centre, project=project, figure="persons_reached", year=None, value=75
    )
    goal = ProjectGoal.objects.create(
        centre=centre, project=project, kind="effect", text="80 %", target=80, unit="percent"
    )
    GoalResult.objects.create(centre=centre, project=project, goal=goal, year=year, value=82)
    for name, amount in (("Prosjektledelse", 230_000), ("Tiltak i prosjektet", 20_000)):
        BudgetLine.objects.create(
            centre=centre, project=project, year=year, name=name, budget=amount, accounts=amount
        )

    params = ReportParams(centre=centre, kind="annual", year=year)
    # Timed runs without tracing (tracemalloc slows WeasyPrint down several times) ...
    timings = []
    size = 0
    for run in range(args.runs):
        started = time.perf_counter()
        size = len(render_pdf(params))
        timings.append(time.perf_counter() - started)
        print(f"run {run + 1}: {timings[-1]:.2f} s, PDF {size / 1024:.0f} kB")
    # ... and one traced run for the peak of Python allocations.
    tracemalloc.start()
    render_pdf(params)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of one render: {peak / 2**20:.1f} MiB")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"annual report, {args.activities} activities: first {timings[0]:.2f} s, "
        f"best {min(timings):.2f} s, process peak RSS {max_rss:.0f} MiB"
    )
    final = ReportParams(centre=centre, kind="final", year=year, project=project)
    started = time.perf_counter()
    render_pdf(final)
    print(f"final report of the project: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
