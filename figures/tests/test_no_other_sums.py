"""Only the figures engine counts activities, participants and hours.

A module outside `figures/` that sums or counts the activity log or the hour log (or decides
what "held" means) would compute a figure a second time, and the two would drift: this test
reads every production module and fails on such an aggregate, naming the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "activities",
    "cooperation",
    "core",
    "notifications",
    "organisations",
    "publicsite",
    "reports",
    "volunteers",
]
# Fields whose aggregate is a figure of the catalogue.
FIGURE_FIELDS = ("participants", "hours", "volunteer_hours", "volunteer_count")
AGGREGATES = {"Sum", "Avg", "Count", "Max", "Min"}
# Functions that filter on "cancelled" to list rows (not to count them), and why.
ALLOWED = {
    ("activities/selectors.py", "activities_missing_counts"): "lists activities to fill in",
}


def _production_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield path


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    relative = str(path.relative_to(ROOT))
    allowed = {
        node
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef) and (relative, function.name) in ALLOWED
        for node in ast.walk(function)
    }
    found = []
    for node in ast.walk(tree):
        if node in allowed:
            continue
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in AGGREGATES and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                field = first.value.split("__")[-1]
                if field in FIGURE_FIELDS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}({first.value!r})")
        # "Held" is defined once: not cancelled (and on or before the day).
        for keyword in node.keywords:
            if keyword.arg == "cancelled" and name in {"filter", "exclude"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(cancelled=…)")
    return found


def test_no_module_outside_the_engine_aggregates_activities_participants_or_hours():
    offences = [offence for path in _production_modules() for offence in _offences(path)]
    assert offences == [], "Ask figures.engine instead:\n" + "\n".join(offences)


def test_the_check_finds_an_aggregate(tmp_path):
    module = tmp_path / "selectors.py"
    module.write_text(
        "from django.db.models import Sum\n"
        "def hours(qs):\n"
        "    return qs.filter(cancelled=False).aggregate(total=Sum('volunteer_hours'))\n"
    )
    offences = [offence.split(" ", 1)[1] for offence in _offences_relative(module, tmp_path)]
    assert sorted(offences) == ["Sum('volunteer_hours')", "filter(cancelled=…)"]


def _offences_relative(path: Path, root: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, root
    try:
        return _offences(path)
    finally:
        ROOT = saved
