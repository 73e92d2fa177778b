"""WCAG 2.1 1.4.11 Non-text contrast, computed from the stylesheets and the chart palette:
field borders, the focus ring and the marks of the charts have at least 3:1 against every
background they are drawn on (the page, a panel, a highlighted row, a bar's track)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from core.charts import month_bars

STATIC = Path(settings.BASE_DIR) / "static" / "css"


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _variables() -> dict[str, str]:
    css = (STATIC / "base.css").read_text()
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))


def test_borders_and_chart_marks_have_3_to_1_contrast():
    v = _variables()
    backgrounds = {"page": v["c-bg"], "panel": v["c-surface"], "highlight": v["c-accent"]}
    base = (STATIC / "base.css").read_text()
    # Fields use the variable, not a colour of their own.
    assert "border: 1px solid var(--c-input-border)" in base
    track = re.search(r"\.hbar__bar \{[^}]*background: (#[0-9a-f]{6})", base).group(1)
    chart = month_bars([1] * 12, [1] * 12, title="")
    bar = re.search(r'<rect [^>]*fill="(#[0-9a-f]{6})"', chart).group(1)
    line = re.search(r'<polyline [^>]*stroke="(#[0-9a-f]{6})"', chart).group(1)
    pairs = {
        **{f"field border on the {k}": (v["c-input-border"], b) for k, b in backgrounds.items()},
        **{f"focus ring on the {k}": (v["c-focus"], b) for k, b in backgrounds.items()},
        "chart bar on a panel": (bar, v["c-surface"]),
        "target line on a panel": (line, v["c-surface"]),
        "bar of a category chart on its track": (v["c-primary"], track),
    }
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 3}
    assert not low, low
