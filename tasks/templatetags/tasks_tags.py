"""The tasks part of other apps' pages: `{% own_matches volunteer as matches %}` on the
volunteer's own page, so that the registry (`volunteers`) needs to know nothing of tasks."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from volunteers.models import Volunteer

from ..models import Match

register = template.Library()


@register.simple_tag
def own_matches(volunteer: Volunteer) -> QuerySet[Match]:
    """The volunteer's matches, newest first, with their tasks (one query)."""
    return (
        Match.objects.for_centre(volunteer.centre_id)
        .filter(volunteer=volunteer)
        .select_related("task", "task__district")
        .order_by("-created_at")
    )
