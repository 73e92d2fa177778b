"""Cooperation stories: drafted by the organisation (or the coordinator), approved by the
municipality side, public only with both sides' recorded consent; withdrawing a consent
unpublishes; the public "Samarbeid" pages search by theme; the booklet PDF is made by a job."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cooperation import services
from cooperation.models import BookletJob, Side, Story, StoryConsent
from cooperation.tests.factories import PartnershipFactory, StoryFactory
from core.audit import events_of
from core.permissions import access_for_user

ANSWERS = {
    "title": "Gatefotball gir jobb",
    "theme": "addiction",
    "idea": "Fotball for folk i rus.",
    "what_happened": "Klubben ringte kommunen.",
    "success": "Kommunen betalte trenere.",
    "barriers": "Ettårige midler.",
    "helped_most": "En fast kontakt i NAV.",
    "lessons": "Bruk klubbene.",
}


@pytest.fixture
def partnership(world):
    return PartnershipFactory(organisation=world.organisation, title="Gatelaget")


def _public_titles(client, world, **params):
    page = client.get(reverse("samarbeid:centre", args=[world.centre.slug]), params)
    return [s.title for s in page.context["page"].object_list]


def test_the_journey_from_draft_to_public_page(world, login, client, partnership):
    association = login(world.association)
    response = association.post(
        reverse("cooperation:story_create", args=[partnership.pk]), {**ANSWERS, "submit": "1"}
    )
    story = Story.objects.system().get()
    assert response.status_code == 302
    assert story.status == Story.Status.SUBMITTED
    # The organisation consents to its name and contact being shown.
    association.post(
        reverse("cooperation:story_consent", args=[story.pk]),
        {
            "consent-shows_name": "on",
            "consent-shows_contact": "on",
            "consent-contact_name": "Ola Leder",
            "consent-contact_email": "ola@gatelaget.example",
        },
    )
    story.refresh_from_db()
    assert not story.is_published  # not yet approved
    municipality = login(world.municipality_viewer)
    municipality.post(
        reverse("cooperation:story_approve", args=[story.pk]), {"consent-shows_name": "on"}
    )
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED and story.is_published
    client.logout()
    assert _public_titles(client, world) == ["Gatefotball gir jobb"]
    page = client.get(reverse("samarbeid:story", args=[world.centre.slug, story.pk]))
    text = page.content.decode()
    assert "Ola Leder" in text and world.organisation.name in text
    actions = {e.action for e in events_of(story)}
    assert {"story.created", "story.approved", "story.published"} <= actions


def test_consent_is_recorded_before_a_story_is_public(world, partnership):
    story = StoryFactory(partnership=partnership, status="submitted")
    municipality = access_for_user(world.municipality_viewer)
    services.story_approve(actor=municipality, story=story)
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    assert story.published_at is None  # the organisation has not consented
    assert not Story.objects.listed_publicly().exists()
    coordinator = access_for_user(world.coordinator)
    consent = services.story_consent_give(
        actor=coordinator,
        story=story,
        side=Side.ORGANISATION,
        shows_name=True,
        shows_contact=False,
    )
    story.refresh_from_db()
    assert story.published_at is not None
    assert consent.given_by == world.coordinator and consent.given_at <= story.published_at


def test_withdrawing_consent_unpublishes(world, client, partnership):
    story = StoryFactory(partnership=partnership, published=True)
    assert _public_titles(client, world) == [story.title]
    services.story_consent_withdraw(
        actor=access_for_user(world.association),
        story=story,
        side=Side.ORGANISATION,
    )
    story.refresh_from_db()
    assert story.published_at is None
    assert _public_titles(client, world) == []
    assert (
        client.get(reverse("samarbeid:story", args=[world.centre.slug, story.pk])).status_code
        == 404
    )
    withdrawn = StoryConsent.objects.system().get(story=story, side=Side.ORGANISATION)
    assert withdrawn.withdrawn_at is not None  # the record stays
    assert "story.unpublished" in {e.action for e in events_of(story)}


def test_a_change_to_an_approved_story_takes_it_off_the_public_page(world, partnership):
    story = StoryFactory(partnership=partnership, published=True)
    services.story_save(
        actor=access_for_user(world.association),
        partnership=partnership,
        story=story,
        data={"lessons": "Noe nytt"},
    )
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT and story.published_at is None


def test_the_public_page_shows_names_and_contacts_only_as_consented(world, client, partnership):
    story = StoryFactory(partnership=partnership, published=True)
    StoryConsent.objects.system().filter(story=story, side=Side.ORGANISATION).update(
        shows_name=False
    )
    page = client.get(reverse("samarbeid:story", args=[world.centre.slug, story.pk]))
    assert world.organisation.name not in page.content.decode()


def test_the_public_pages_search_by_theme_and_words(world, client, partnership):
    StoryFactory(partnership=partnership, published=True, title="Jobb", theme="work")
    StoryFactory(partnership=partnership, published=True, title="Barn", theme="children")
    StoryFactory(partnership=partnership, title="Utkast", theme="work")
    assert sorted(_public_titles(client, world)) == ["Barn", "Jobb"]
    assert _public_titles(client, world, theme="work") == ["Jobb"]
    assert _public_titles(client, world, q="barn") == ["Barn"]
    municipality = client.get(reverse("samarbeid:municipality", args=[world.municipality.slug]))
    assert {s.title for s in municipality.context["page"].object_list} == {"Jobb", "Barn"}


def test_only_the_municipality_approves_and_only_its_own(world, login, partnership):
    story = StoryFactory(partnership=partnership, status="submitted")
    url = reverse("cooperation:story_approve", args=[story.pk])
    assert login(world.coordinator).post(url, {}).status_code == 403
    assert login(world.other_municipality_viewer).post(url, {}).status_code == 404
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_another_association_cannot_draft_a_story(world, login):
    other = PartnershipFactory(organisation=world.other_organisation)
    response = login(world.association).get(reverse("cooperation:story_create", args=[other.pk]))
    assert response.status_code == 404


def test_the_booklet_is_made_by_a_job(world, login, partnership, run_jobs):
    StoryFactory(partnership=partnership, published=True, title="Språkverktøyet")
    client = login(world.coordinator)
    with run_jobs():
        client.post(reverse("cooperation:booklet"))
    job = BookletJob.objects.system().get()
    assert job.status == "done" and job.stories == 1
    pdf = client.get(reverse("cooperation:booklet_download", args=[job.pk]))
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    assert "Språkverktøyet" in "".join(page.extract_text() for page in reader.pages)
    assert (
        login(world.municipality_viewer)
        .get(reverse("cooperation:booklet_download", args=[job.pk]))
        .status_code
        == 200
    )
