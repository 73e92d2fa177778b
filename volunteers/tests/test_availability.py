from django.utils import translation

from tasks.models import Task
from volunteers.models import Volunteer


def test_it_lists_a_tasks_wanted_slots_from_its_own_fields():
    task = Task(needs_weekdays=True, needs_weekends=True)
    assert task.availability_flags() == {"weekdays", "weekends"}
    with translation.override("en"):
        assert task.availability_labels() == ["weekdays", "weekends"]
    with translation.override("nb"):
        assert task.availability_labels() == ["hverdager", "helger"]
    assert Task().availability_labels() == []


def test_it_lists_a_volunteers_slots_in_the_weeks_order():
    volunteer = Volunteer(available_weekends=True, available_evenings=True)
    assert volunteer.availability_flags() == {"evenings", "weekends"}
    with translation.override("en"):
        assert volunteer.availability_labels() == ["evenings", "weekends"]
