import datetime as dt

from demo.seed import seed
from hours.models import HourEntry
from tasks.models import Task
from volunteers.models import ConsentText, Interest, Volunteer


def test_the_demo_volunteer_has_consent_tasks_and_hours(db):
    seed(today=dt.date(2026, 11, 23))
    volunteer = Volunteer.objects.get(user__email="frivillig@fjordvik.example")
    assert volunteer == Volunteer.objects.filter(centre=volunteer.centre).order_by("pk").first()
    assert volunteer.consents.exists()
    assert volunteer.matches.exists()
    assert volunteer.hour_entries.filter(status=HourEntry.Status.APPROVED).exists()
    assert ConsentText.objects.filter(centre=volunteer.centre).exists()
    assert Task.objects.count() >= 5 and Interest.objects.count() >= 10
    years = {day.year for day in HourEntry.objects.dates("date", "year")}
    # Last year and this year for the totals page, and (#23) at least six years side by side.
    assert {2025, 2026} <= years and len(years) >= 6
