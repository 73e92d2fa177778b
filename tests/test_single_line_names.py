import pytest

from activities.models import Activity, ActivitySeries
from core.validators import validate_single_line
from organisations.models import Organisation
from projects.models import Project
from rotas.models import Rota
from tasks.models import Task
from volunteers.models import Volunteer


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Organisation, "name"),
        (Volunteer, "first_name"),
        (Volunteer, "last_name"),
        (Task, "title"),
        (Rota, "title"),
        (Activity, "title"),
        (ActivitySeries, "title"),
        (Project, "name"),
    ],
)
def test_it_keeps_every_single_line_name_on_one_line(model, field):
    # On the model field, so the forms, the import and the admin all refuse a line break.
    assert validate_single_line in model._meta.get_field(field).validators
