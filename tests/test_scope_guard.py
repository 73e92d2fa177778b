"""The guard against unscoped queries of centre-owned models (core.scopes, core.permissions)."""

import datetime as dt
import logging

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.urls import path, reverse

from core.models import CentreScopedModel
from core.permissions import Access, access_for_user
from core.scopes import ScopeError, request_scope, scopes_disabled
from hours.models import HourEntry
from organisations.models import Organisation
from tests import factories as f

CENTRE_MODELS = sorted(
    (model for model in apps.get_models() if issubclass(model, CentreScopedModel)),
    key=lambda model: model._meta.label,
)


def test_it_discovers_every_centre_owned_model():
    labels = {model._meta.label for model in CENTRE_MODELS}
    assert {
        "organisations.Organisation",
        "organisations.Invitation",
        "volunteers.Volunteer",
        "tasks.Task",
        "tasks.Match",
        "hours.HourEntry",
        "volunteers.ConsentText",
        "organisations.ImportBatch",
        "organisations.RegisterChange",
        "projects.Project",
        "activities.Activity",
        "projects.YearTarget",
        "core.CentreYear",
        "reports.ReportJob",
        "reports.Narrative",
    } <= labels


@pytest.mark.django_db
@pytest.mark.parametrize("model", CENTRE_MODELS, ids=lambda model: model._meta.label)
def test_it_refuses_an_unscoped_query_of_every_centre_owned_model(model):
    with request_scope():
        for run in (
            lambda: list(model.objects.all()),
            lambda: model.objects.filter(pk=1).first(),
            lambda: model.objects.count(),
            lambda: model.objects.exists(),
            lambda: model.objects.filter(pk=0).update(),
            lambda: model.objects.filter(pk=0).delete(),
            lambda: list(model.objects.values_list("pk", flat=True)),
            lambda: list(model.objects.iterator()),
        ):
            with pytest.raises(ScopeError, match=model._meta.label):
                run()


@pytest.mark.django_db
@pytest.mark.parametrize("model", CENTRE_MODELS, ids=lambda model: model._meta.label)
def test_it_allows_the_explicit_scopes_of_every_centre_owned_model(model, world):
    access = access_for_user(world.coordinator)
    with request_scope(lambda: access.centre_ids):
        assert list(model.objects.visible_to(access).filter(pk=0)) == []
        assert not model.objects.for_centre(world.centre).filter(pk=0).exists()
        assert model.objects.system().filter(pk=0).count() == 0
        assert list(model.objects.none()) == []
        with scopes_disabled():
            assert not model.objects.filter(pk=0).exists()


def test_it_lets_nothing_through_outside_the_guard(world):
    # Commands, migrations and workers run without a request: the guard is not on there.
    assert Organisation.objects.count() == 3


def test_it_allows_rows_reached_from_a_centre_owned_row_but_not_from_a_shared_one(world):
    entry = HourEntry.objects.create(
        centre=world.centre, volunteer=world.volunteer, date=dt.date(2025, 3, 4), hours=2
    )
    district = f.DistrictFactory(municipality=world.municipality)
    with request_scope():
        assert list(world.volunteer.hour_entries.all()) == [entry]
        with pytest.raises(ScopeError):
            # A district is shared by the municipality's centres: its rows are no scope.
            list(district.organisation_set.all())
    assert HourEntry.objects.count() == 1


def test_it_refuses_for_centre_outside_the_requests_centres(world):
    access = access_for_user(world.coordinator)
    with request_scope(lambda: access.centre_ids):
        assert list(Organisation.objects.for_centre(world.centre).order_by("name"))
        with pytest.raises(ScopeError):
            Organisation.objects.for_centre(world.other_centre).exists()
        with pytest.raises(ScopeError):
            Organisation.objects.for_centres([world.centre, world.other_centre]).exists()


def test_the_system_reader_reads_every_centre_and_writes_nothing(world):
    system = Access.system()
    assert set(Organisation.objects.visible_to(system)) == set(Organisation.objects.all())
    assert not system.can_write
    assert not system.is_anonymous
    assert system.reads_free_text
    assert not world.organisation.is_editable_by(system)
    assert str(system) == "system"


def test_the_system_reader_of_one_centre_reads_that_centre_only(world):
    from reports.models import ReportJob
    from reports.tests.factories import ReportJobFactory

    ReportJobFactory(centre=world.centre, status=ReportJob.Status.QUEUED)
    ReportJobFactory(centre=world.other_centre)
    reader = Access.system([world.centre])
    assert set(Organisation.objects.visible_to(reader)) == {
        world.organisation,
        world.other_organisation,
    }
    # Unlike the municipality viewer it used to borrow, it also reads jobs not yet done.
    assert [job.centre for job in ReportJob.objects.visible_to(reader)] == [world.centre]
    with request_scope():
        assert Organisation.objects.visible_to(reader).count() == 2


# --- A view that forgets its scope fails the suite ---------------------------------------------


def leaky_view(request):
    names = [organisation.name for organisation in Organisation.objects.all()]
    return HttpResponse(", ".join(names))


def careful_view(request):
    from core.permissions import visible

    names = [organisation.name for organisation in visible(request, Organisation)]
    return HttpResponse(", ".join(names))


urlpatterns = [
    path("leaky/", leaky_view, name="leaky"),
    path("careful/", careful_view, name="careful"),
]


@pytest.mark.urls(__name__)
def test_a_view_with_an_unscoped_query_fails_the_suite(world, login):
    client = login(world.coordinator)
    with pytest.raises(ScopeError, match="organisations.Organisation"):
        client.get(reverse("leaky"))
    response = client.get(reverse("careful"))
    assert response.content.decode() == "Fjordvik Sanitetsforening, Fjordvik Turlag"


@pytest.mark.urls(__name__)
def test_it_only_logs_when_the_guard_is_set_to_log(world, login, settings, caplog):
    settings.SCOPE_GUARD = "log"
    with caplog.at_level(logging.ERROR, logger="frivillig.scopes"):
        response = login(world.coordinator).get(reverse("leaky"))
    assert response.status_code == 200
    assert "Unscoped query of organisations.Organisation" in caplog.text


def test_the_admin_works_across_centres(world, login):
    project = f.ProjectFactory(centre=world.other_centre)
    f.YearTargetFactory(project=project)
    client = login(world.site_admin)
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert "Annen forening" in response.content.decode()
    response = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200


def test_jobs_run_with_the_guard_off(world):
    from core.tasks import sweep_jobs

    with request_scope():
        # A job queued by a view runs in-process without a broker, as the system.
        assert sweep_jobs.apply().get() == 0
