"""What the grant round reads from apps above it, filled in their `ready()` (so the imports
keep pointing down): which centres have their annual report made in Frivillig."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# (centre ids, year) -> the ids of those centres whose annual report of the year is made.
AnnualReportReader = Callable[[Iterable[int], int], set[int]]
_annual_report_readers: list[AnnualReportReader] = []


def register_annual_reports(reader: AnnualReportReader) -> AnnualReportReader:
    if reader not in _annual_report_readers:
        _annual_report_readers.append(reader)
    return reader


def annual_reports_made(centre_ids: Iterable[int], year: int) -> set[int]:
    """The centres (of `centre_ids`) whose annual report of `year` is made in Frivillig."""
    ids = list(centre_ids)
    made: set[int] = set()
    for reader in _annual_report_readers:
        made |= reader(ids, year)
    return made
