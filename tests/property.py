"""Shared pieces of the property-based (hypothesis) tests: hostile values and row counts."""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from conftest import our_apps

# Few examples and a fixed seed: the whole property suite runs in seconds and the same way in
# CI every time (a failure found once is found again).
FAST = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

NASTY = [
    "<script>alert(1)</script>",
    "<b>x</b>",
    '=HYPERLINK("http://x","y")',
    "+cmd",
    "-1+1",
    "@SUM(1)",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "\r\n\t",
    "\u202e\u200b\ufeff",
    "😀" * 10,
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2025-13-45",
    "31.02.2025",
    "99:99",
    "null",
    "[]",
    "{}",
]

# One value for a field: random text (with control characters), a huge string, a number or a
# date in the wrong type, a known troublemaker, or several values where one is expected.
single_value = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(NASTY),
    st.just(""),
)
field_value = st.one_of(single_value, st.lists(single_value, min_size=2, max_size=3))


huge_text = st.integers(min_value=1_000, max_value=60_000).map(lambda n: "Ø" * n)


def form_data(draw, names: list[str]) -> dict[str, object]:
    """Draw a POST body for the fields `names`: hostile values, one field often huge, and a
    field the form does not know."""
    data = {name: draw(field_value) for name in names}
    if names and draw(st.booleans()):
        data[draw(st.sampled_from(names))] = draw(huge_text)
    data["unexpected_field"] = draw(single_value)
    return data


def row_counts(exclude: set[str] = frozenset()) -> dict[str, int]:
    """Rows of every model of our apps (history tables included), but those in `exclude`.

    Counted in one query (a sub-select per table): the property tests count before and after
    every example, and a query per model made that most of their time."""
    models = [
        model
        for label in sorted(our_apps())
        for model in apps.get_app_config(label).get_models()
        if model._meta.label not in exclude
    ]
    if not models:
        return {}
    quote = connection.ops.quote_name
    tables = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}")  # noqa: S608 (table names from the models)
        counts = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(models, counts, strict=True)}
