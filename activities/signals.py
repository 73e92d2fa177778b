"""Signals the activities app sends for writes Django's model signals do not see."""

from django.dispatch import Signal

# Sent after `Activity.objects.bulk_create(...)` with `activities=[...]` (a series' occurrences):
# `figures.rollups` adds them to its sums.
activities_bulk_created = Signal()
