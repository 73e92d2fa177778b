"""A person's data, everywhere the app can hold it: the export lists all of it, and after
erasure a search of every table and every stored file finds none of it.

The person is a volunteer with a login who has: a volunteer record with consent, a second
e-mail address, logins and a failed login (with their address, IP and browser), an open
session, e-mails sent to them, a task match with follow-up notes and logged hours, a period as
an association's contact person (in the change history), a note on an activity, and a mention
in the coordinator's yearly report text, rendered to a stored PDF.
"""

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from pypdf import PdfReader

from activities import services as activity_services
from core.permissions import access_for_user
from hours import services as hour_services
from organisations import services as organisation_services
from reports import services as report_services
from reports.models import ReportJob
from tasks import services as task_services
from tests import factories as f
from volunteers import services as volunteer_services
from volunteers.models import Volunteer
from volunteers.tests.factories import TaskFactory

FIRST, LAST = "Solveig", "Fjellheim"
EMAIL = "solveig.fjellheim@example.org"
OLD_EMAIL = "s.fjell@example.net"
PHONE = "41234567"
# Every way the person's data may be written, as searched for afterwards.
NEEDLES = [FIRST, LAST, EMAIL, OLD_EMAIL, PHONE, "412 34 567", "203.0.113.44", "Fjellbrowser"]
YEAR = dt.date.today().year


def _texts_of_every_row() -> dict[str, str]:
    """Every row of every table, as text (sessions decoded)."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.all()
        if model is Session:
            text = " ".join(str(s.get_decoded()) for s in rows)
        else:
            text = " ".join(json.dumps(list(row.values()), default=str) for row in rows.values())
        found[model._meta.label] = text
    return found


def _texts_of_every_file() -> dict[str, str]:
    """Every stored file, as text (a PDF by its extracted text)."""
    found = {}
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        if content.startswith(b"%PDF"):
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        else:
            text = content.decode("utf-8", "replace")
        found[str(path)] = text
    return found


def _holding(texts: dict[str, str]) -> dict[str, list[str]]:
    return {
        where: [n for n in NEEDLES if n.casefold() in text.casefold()]
        for where, text in texts.items()
        if any(n.casefold() in text.casefold() for n in NEEDLES)
    }


@pytest.fixture
def person(world, client, django_capture_on_commit_callbacks):
    coordinator = world.coordinator
    access = access_for_user(coordinator)
    volunteer_services.consent_text_publish(
        actor=access,
        centre=world.centre,
        text="Vi lagrer navn og kontakt.",
        text_en="",
    )
    volunteer = volunteer_services.volunteer_create(
        actor=access,
        centre=world.centre,
        consent_channel="paper",
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        phone=PHONE,
        notes=f"{FIRST} liker turer",
    )
    volunteer_services.volunteer_approve(actor=access, volunteer=volunteer)
    user = volunteer_services.volunteer_invite_login(actor=access, volunteer=volunteer)
    user.set_password("et-langt-passord-9")
    user.save()
    EmailAddress.objects.create(user=user, email=OLD_EMAIL, verified=True)
    # A failed login with the old address and a login, from the person's own machine.
    meta = {"REMOTE_ADDR": "203.0.113.44", "HTTP_USER_AGENT": "Fjellbrowser/1.0"}
    client.post(reverse("account_login"), {"login": OLD_EMAIL, "password": "feil"}, **meta)
    right = {"login": EMAIL, "password": "et-langt-passord-9"}
    client.post(reverse("account_login"), right, **meta)
    assert Session.objects.exists()

    task = TaskFactory(centre=world.centre, title="Leksehjelp")
    match = task_services.match_create(actor=access, task=task, volunteer=volunteer)
    task_services.match_update(actor=access, match=match, follow_up_notes=f"{FIRST} trives")
    hour_services.hours_log(
        actor=access,
        volunteer=volunteer,
        date=dt.date(YEAR, 1, 10),
        hours=Decimal("2"),
        description=f"Med {FIRST}",
    )
    # Once the association's contact person, since replaced.
    organisation = world.organisation
    organisation_services.organisation_update(
        actor=access,
        organisation=organisation,
        data={"contact_name": f"{FIRST} {LAST}", "email": EMAIL, "phone": "+47 412 34 567"},
    )
    organisation_services.organisation_update(
        actor=access,
        organisation=organisation,
        data={"contact_name": "Per Hansen", "email": "per@example.org", "phone": "90000000"},
    )
    # An import file with the person as an association's contact, uploaded and checked but
    # never confirmed (it would be deleted within a day anyway).
    from organisations.batches import import_batch_create, import_batch_run

    content = (
        f"Navn;Kontaktperson;E-post;Telefon\nFjordvik Sjakklubb;{FIRST} {LAST};{EMAIL};{PHONE}\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=False):
        batch = import_batch_create(
            actor=access, centre=world.centre, filename="lag.csv", file=content
        )
    import_batch_run(batch_id=batch.pk)
    project = f.ProjectFactory(centre=world.centre)
    activity_services.activity_create(
        actor=access,
        centre_id=world.centre.pk,
        fields={
            "title": "Turgruppe",
            "date": dt.date(YEAR, 1, 12),
            "project": project,
            "category": f.ActivityCategoryFactory(),
            "participants": 8,
            "note": f"{FIRST} {LAST} ledet turen",
        },
    )
    report_services.narrative_save(
        actor=access,
        centre=world.centre,
        kind="annual",
        year=YEAR,
        texts={"evaluation": f"Takk til {FIRST} {LAST}, som startet leksehjelpen."},
    )
    with django_capture_on_commit_callbacks(execute=False):
        job, _created = report_services.report_request(
            actor=access, centre=world.centre, kind="annual", year=YEAR
        )
    report_services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE
    return Volunteer.objects.get(pk=volunteer.pk)


def test_the_person_is_held_in_every_place_the_test_means(person):
    """The scene is set: the person is in the tables and in the report's PDF."""
    tables = _holding(_texts_of_every_row())
    for label in [
        "volunteers.Volunteer",
        "core.User",
        "account.EmailAddress",
        "core.AuditEvent",
        "core.OutgoingMail",
        "sessions.Session",
        "tasks.Match",
        "hours.HourEntry",
        "activities.Activity",
        "reports.Narrative",
    ]:
        assert label in tables, label
    files = _texts_of_every_file()
    assert any(FIRST in text for path, text in files.items() if path.endswith(".pdf"))
    assert any(EMAIL in text for path, text in files.items() if "/imports/" in path)


def test_the_export_lists_every_place(person, world, login):
    client = login(world.coordinator)
    response = client.get(reverse("volunteers:export", args=[person.pk]) + "?format=json")
    data = json.loads(response.content)

    assert data["person"]["email"] == EMAIL and data["person"]["phone"] == PHONE
    assert data["login"]["first_name"] == FIRST and data["login"]["date_joined"]
    assert {a["email"] for a in data["login"]["email_addresses"]} == {EMAIL, OLD_EMAIL}
    history = {(row["event"], row["email_given"]) for row in data["login_history"]}
    assert ("login_failed", OLD_EMAIL) in history and ("login", EMAIL) in history
    failed = next(row for row in data["login_history"] if row["event"] == "login_failed")
    assert (failed["ip_address"], failed["browser"]) == ("203.0.113.44", "Fjellbrowser/1.0")
    assert data["emails_sent"] and all(m["to"] == EMAIL for m in data["emails_sent"])
    assert {"volunteer.created", "volunteer.approved", "consent.given"} <= {
        e["action"] for e in data["audit_trail"]
    }
    assert data["consents"][0]["text"] == "Vi lagrer navn og kontakt."
    mentions = {e["action"] for e in data["mentioned_in_the_audit_trail"]}
    assert "organisation.updated" in mentions
    assert data["activity_notes_naming_the_person"][0]["activity"] == "Turgruppe"
    assert data["report_narratives_naming_the_person"][0]["year"] == YEAR
    assert data["matches"][0]["follow_up_notes"] == f"{FIRST} trives"
    assert data["hours"][0]["activity"] == f"Med {FIRST}"
    assert data["import_files_naming_the_person"][0]["file"] == "lag.csv"
    page = client.get(reverse("volunteers:export", args=[person.pk])).content.decode()
    for text in [OLD_EMAIL, "203.0.113.44", "Turgruppe", "lag.csv"]:
        assert text in page


def test_after_erasure_no_table_and_no_stored_file_holds_the_person(
    person, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_services.volunteer_erase(actor=f.access_of(world.coordinator), volunteer=person)

    assert _holding(_texts_of_every_row()) == {}
    assert _holding(_texts_of_every_file()) == {}
    # What is not personal stays: the hours, the activity's count, the association.
    person.refresh_from_db()
    assert person.hour_entries.get().hours == Decimal("2")
    assert world.organisation.__class__.objects.get(pk=world.organisation.pk).contact_name == (
        "Per Hansen"
    )
