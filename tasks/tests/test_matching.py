import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.permissions import access_for_user
from tasks.models import Match
from tasks.selectors import match_suggestions
from tests.factories import DistrictFactory, VolunteerFactory, access_of
from volunteers.models import Volunteer
from volunteers.tests.factories import InterestFactory, MatchFactory, TaskFactory


@pytest.fixture
def setup(world):
    district = DistrictFactory(municipality=world.municipality, name="Sentrum")
    elsewhere = DistrictFactory(municipality=world.municipality, name="Nordbyen")
    visiting = InterestFactory(name="Besøksvenn")
    driving = InterestFactory(name="Sjåfør")
    task = TaskFactory(
        centre=world.centre, district=district, needs_weekdays=True, title="Besøksvenn"
    )
    task.interests.set([visiting])
    good = VolunteerFactory(
        centre=world.centre, last_name="Godmatch", district=district, available_weekdays=True
    )
    good.interests.set([visiting, driving])
    poor = VolunteerFactory(
        centre=world.centre, last_name="Ingenmatch", district=elsewhere, available_weekends=True
    )
    poor.interests.set([driving])
    return {"task": task, "good": good, "poor": poor, "access": access_for_user(world.coordinator)}


def _names(suggestions):
    return [s.volunteer.last_name for s in suggestions]


def test_it_ranks_shared_interests_availability_and_district_first(setup):
    suggestions = match_suggestions(access=setup["access"], task=setup["task"])
    names = _names(suggestions)
    assert names.index("Godmatch") < names.index("Ingenmatch")
    best = suggestions[0]
    assert best.volunteer == setup["good"]
    reasons = " ".join(best.reasons)
    assert "Besøksvenn" in reasons
    assert "Sentrum" in reasons
    assert best.score > suggestions[names.index("Ingenmatch")].score


def test_it_never_suggests_paused_or_ended_volunteers(setup):
    setup["good"].status = Volunteer.Status.PAUSED
    setup["good"].save()
    ended = VolunteerFactory(centre=setup["task"].centre, status=Volunteer.Status.ENDED)
    names = _names(match_suggestions(access=setup["access"], task=setup["task"]))
    assert "Godmatch" not in names
    assert ended.last_name not in names


def test_it_never_suggests_a_volunteer_lacking_a_required_certificate(setup):
    task = setup["task"]
    task.needs_police_certificate = True
    task.save()
    setup["poor"].police_certificate_checked_on = dt.date(2026, 1, 5)
    setup["poor"].save()
    suggestions = match_suggestions(access=setup["access"], task=task)
    assert _names(suggestions) == ["Ingenmatch"]
    assert any("Politiattest" in r or "Police" in r for r in suggestions[0].reasons)


def test_it_does_not_suggest_volunteers_of_another_centre(setup, world):
    names = _names(match_suggestions(access=setup["access"], task=setup["task"]))
    assert world.foreign_volunteer.last_name not in names


def test_it_shows_suggestions_with_reasons_on_the_task_page(setup, world, login):
    client = login(world.coordinator)
    page = client.get(reverse("volunteers:task_detail", args=[setup["task"].pk])).content.decode()
    assert "Godmatch" in page
    assert "Sentrum" in page


def test_it_matches_and_emails_the_volunteer(
    setup, world, login, django_capture_on_commit_callbacks
):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("volunteers:match_create", args=[setup["task"].pk]),
            {"volunteer": setup["good"].pk, "confirm": "1"},
        )
    assert response.status_code == 302
    match = Match.objects.get(task=setup["task"], volunteer=setup["good"])
    assert match.status == Match.Status.PROPOSED
    assert mail.outbox[0].to == [setup["good"].email]
    assert "Besøksvenn" in mail.outbox[0].subject
    # Matched volunteers are no longer suggested for the same task.
    assert "Godmatch" not in _names(match_suggestions(access=setup["access"], task=setup["task"]))


def test_it_refuses_to_match_a_foreign_volunteer(setup, world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:match_create", args=[setup["task"].pk]),
        {"volunteer": world.foreign_volunteer.pk},
    )
    assert response.status_code == 404
    assert not Match.objects.filter(volunteer=world.foreign_volunteer).exists()


def test_it_updates_a_match_with_follow_up_dates(setup, world, login):
    match = MatchFactory(task=setup["task"], volunteer=setup["good"], status="proposed")
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:match_edit", args=[match.pk]),
        {"status": "active", "next_follow_up_on": "2026-12-01", "follow_up_notes": "Går fint"},
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    assert match.started_on is not None
    assert match.next_follow_up_on == dt.date(2026, 12, 1)


def test_it_keeps_the_task_page_query_count_fixed(setup, world, login, django_assert_num_queries):
    client = login(world.coordinator)
    url = reverse("volunteers:task_detail", args=[setup["task"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(8):
        v = VolunteerFactory(centre=world.centre, available_weekdays=True)
        v.interests.set(setup["task"].interests.all())
        MatchFactory(task=setup["task"], volunteer=VolunteerFactory(centre=world.centre))
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_the_service_refuses_to_match_paused_or_uncertified_volunteers(setup, world):
    import pytest as _pytest
    from django.core.exceptions import ValidationError

    from tasks.services import match_create

    task = setup["task"]
    setup["good"].status = Volunteer.Status.PAUSED
    setup["good"].save()
    with _pytest.raises(ValidationError):
        match_create(actor=access_of(world.coordinator), task=task, volunteer=setup["good"])
    task.needs_police_certificate = True
    task.save()
    with _pytest.raises(ValidationError):
        match_create(actor=access_of(world.coordinator), task=task, volunteer=setup["poor"])
    assert not Match.objects.exists()


def test_the_task_list_shows_follow_ups_due(setup, world, login):
    MatchFactory(
        task=setup["task"],
        volunteer=setup["good"],
        next_follow_up_on=dt.date.today() + dt.timedelta(days=2),
    )
    page = login(world.coordinator).get(reverse("volunteers:task_list")).content.decode()
    assert reverse("volunteers:match_edit", args=[Match.objects.get().pk]) in page


def test_it_checks_ownership(setup, world, login):
    foreign_match = MatchFactory(task__centre=world.other_centre)
    client = login(world.coordinator)
    assert client.get(reverse("volunteers:match_edit", args=[foreign_match.pk])).status_code == 404
    response = client.post(
        reverse("volunteers:match_create", args=[foreign_match.task.pk]),
        {"volunteer": setup["good"].pk},
    )
    assert response.status_code == 404


def test_it_requires_rw_access(setup, world, login):
    match = MatchFactory(task=setup["task"], volunteer=setup["good"])
    client = login(world.municipality_viewer)
    assert client.post(reverse("volunteers:match_edit", args=[match.pk]), {}).status_code == 403
    response = client.post(
        reverse("volunteers:match_create", args=[setup["task"].pk]),
        {"volunteer": setup["poor"].pk},
    )
    assert response.status_code == 403
    assert Match.objects.count() == 1


def test_it_sends_the_match_email_for_a_title_with_a_line_break(
    setup, world, login, django_capture_on_commit_callbacks
):
    task = setup["task"]
    task.title = "Besøksvenn\r\nBcc: alle@example.org"
    task.save()
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("volunteers:match_create", args=[task.pk]),
            {"volunteer": setup["good"].pk, "confirm": "1"},
        )
    assert response.status_code == 302
    assert Match.objects.filter(task=task, volunteer=setup["good"]).exists()
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Besøksvenn Bcc: alle@example.org" in message.subject
    assert message.bcc == [] and message.message()["Bcc"] is None


def test_it_matches_only_after_a_confirmation(
    setup, world, login, django_capture_on_commit_callbacks
):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("volunteers:match_create", args=[setup["task"].pk]),
            {"volunteer": setup["good"].pk},
        )
    assert response.status_code == 302
    assert not Match.objects.exists()
    assert mail.outbox == []
    page = client.get(response.url).content.decode()
    assert "Godmatch" in page  # the warning names who was not matched


def test_the_task_page_asks_before_the_email_and_keeps_reserves_aside(setup, world, login):
    page = (
        login(world.coordinator)
        .get(reverse("volunteers:task_detail", args=[setup["task"].pk]))
        .content.decode()
    )
    # Each candidate's form sits inside a disclosure and says an e-mail is sent.
    assert page.count('class="candidate__match"') >= 1
    assert 'name="confirm" value="1"' in page
    # Ingenmatch shares nothing with the task: listed behind "Show … with nothing in common".
    ranked, reserves = page.split('class="reserves"', 1)
    assert "Ingenmatch" in reserves
    assert "Godmatch" in ranked.split('class="candidates"', 1)[1]
    assert "Ingenmatch" not in ranked.split('class="candidates"', 1)[1]


def test_a_task_with_all_its_volunteers_is_listed_as_filled_not_open(setup, world, login):
    task = setup["task"]
    task.volunteers_needed = 1
    task.save()
    MatchFactory(task=task, volunteer=setup["good"], status=Match.Status.ACTIVE)
    client = login(world.coordinator)
    open_page = client.get(reverse("volunteers:task_list")).content.decode()
    filled_page = client.get(reverse("volunteers:task_list"), {"status": "filled"})
    assert task.title not in open_page
    assert task.title in filled_page.content.decode()
    # An ended match frees the place again.
    Match.objects.filter(task=task).update(status=Match.Status.ENDED)
    assert task.title in client.get(reverse("volunteers:task_list")).content.decode()
