"""The hours part of other apps' pages: `{% volunteer_hours_panel volunteer %}` on the
volunteer's page in the registry (the latest entries and the form to log more), so that the
registry (`volunteers`) needs to know nothing of hours."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from tasks.models import Task
from volunteers.models import Volunteer

from ..forms import HourEntryForm
from ..selectors import volunteer_hours

register = template.Library()


@register.inclusion_tag("hours/partials/volunteer_hours_panel.html", takes_context=True)
def volunteer_hours_panel(context: template.Context, volunteer: Volunteer) -> dict[str, Any]:
    return {
        "csrf_token": context.get("csrf_token"),
        "volunteer": volunteer,
        "hours": volunteer_hours(volunteer=volunteer)[:20],
        "hour_form": HourEntryForm(
            tasks=Task.objects.for_centre(volunteer.centre_id).filter(matches__volunteer=volunteer),
            initial={"date": timezone.localdate()},
        ),
    }
