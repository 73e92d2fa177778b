"""The public pages: the root, a centre's front page, the calendar, the embeddable list, the
directory's consent and filters, the language and the accessibility page."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from activities.models import Activity
from core.permissions import access_for_user
from publicsite import wcag
from tests import factories as f


def test_it_lists_the_centres_at_the_root(client, world):
    page = client.get("/").content.decode()
    for centre in (world.centre, world.sibling_centre, world.other_centre):
        assert reverse("public:centre", args=[centre.slug]) in page


def test_it_goes_straight_to_the_only_centre(client, db):
    centre = f.CentreFactory()
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("public:centre", args=[centre.slug])


def test_it_sends_a_signed_in_user_to_the_start_page(login, world):
    response = login(world.coordinator).get("/")
    assert response.url == reverse("core:home")


def test_it_links_the_public_pages_from_the_login_page(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("public:root")}"' in page
    assert f'href="{reverse("organisations:directory")}"' in page


def test_it_shows_what_the_centre_is_and_does_this_week(client, public_world):
    centre = public_world.centre
    page = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    assert "Et møtested for alle i Fjordvik." in page
    assert "Åpen turgruppe" in page
    assert "Sjåfør til handletur" in page
    assert reverse("volunteers:signup", args=[centre.slug]) in page
    assert public_world.listed.name in page  # needs volunteers now
    assert reverse("public:centre_feed", args=[centre.slug]) in page


def _public_activities(centre, n):
    project = f.ProjectFactory(centre=centre)
    organiser = f.OrganisationFactory(centre=centre, is_public=True)
    today = timezone.localdate()
    for i in range(n):
        f.ActivityFactory(
            project=project,
            title=f"Aktivitet {i}",
            is_public=True,
            date=today + dt.timedelta(days=i % 5),
            place=f"Sted {i % 3}",
            organiser=organiser,
        )


@pytest.mark.parametrize("size", [2, 20])
def test_it_reads_the_front_page_in_fixed_queries(client, world, size, django_assert_num_queries):
    _public_activities(world.centre, size)
    url = reverse("public:centre", args=[world.centre.slug])
    client.get(url)
    # The short lists of associations read no categories (13, was 14: here only one list has
    # rows, so one category read is saved; two where both have).
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_it_reads_the_calendar_in_fixed_queries(client, world, size, django_assert_num_queries):
    _public_activities(world.centre, size)
    url = reverse("public:calendar", args=[world.centre.slug])
    for query in ("", "?view=list"):
        with django_assert_num_queries(9 if query else 8):
            assert client.get(url + query).status_code == 200


def test_it_filters_the_calendar_by_category_place_and_association(client, world):
    project = f.ProjectFactory(centre=world.centre)
    walk = f.ActivityCategoryFactory(name="Fysisk aktivitet og friluftsliv")
    lunch = f.ActivityCategoryFactory(name="Sosiale møteplasser")
    organiser = f.OrganisationFactory(centre=world.centre, is_public=True)
    f.ActivityFactory(project=project, title="Tur", category=walk, place="Skogen", is_public=True)
    f.ActivityFactory(
        project=project,
        title="Lunsj",
        category=lunch,
        place="Kafeen",
        is_public=True,
        organiser=organiser,
    )
    url = reverse("public:calendar", args=[world.centre.slug])

    def titles(**params):
        page = client.get(url, {"view": "list", **params}).content.decode()
        return [t for t in ("Tur", "Lunsj") if f'public-event__title"><bdi>{t}</bdi><' in page]

    assert titles() == ["Tur", "Lunsj"]
    assert titles(category=walk.pk) == ["Tur"]
    assert titles(place="Kafeen") == ["Lunsj"]
    assert titles(organiser=organiser.pk) == ["Lunsj"]
    assert titles(category="x", place="\x00") == ["Tur", "Lunsj"]
    week = client.get(url, {"week": "2030-W01"}).content.decode()
    assert "mandag 31. desember" in week  # ISO week 1 of 2030 starts on 31.12.2029
    for nonsense in ("2030-W99", "x-Wy", "99999999999999999999-W01"):
        assert client.get(url, {"week": nonsense}).status_code == 200


def test_it_lets_only_the_embeddable_list_be_framed(client, world, settings):
    embed = client.get(reverse("public:embed", args=[world.centre.slug]))
    assert "frame-ancestors https:" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    page = client.get(reverse("public:calendar", args=[world.centre.slug]))
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_it_shows_contact_details_only_with_consent(client, public_world):
    page = client.get(reverse("organisations:directory")).content.decode()
    assert "apen-kontakt@example.org" in page
    assert "skjult-kontakt@example.org" not in page
    assert "https://skjult.example.org" not in page
    organiser_link = f"?view=list&amp;organiser={public_world.listed.pk}"
    assert organiser_link in page


def test_it_filters_the_directory_by_need_and_district(client, public_world):
    district = f.DistrictFactory(municipality=public_world.municipality, name="Sentrum")
    consenting = public_world.consenting
    consenting.district = district
    consenting.save()
    url = reverse("organisations:directory")
    needs = client.get(url, {"needs": "1"}).content.decode()
    assert public_world.listed.name in needs and consenting.name not in needs
    in_district = client.get(url, {"district": district.pk}).content.decode()
    assert consenting.name in in_district and public_world.listed.name not in in_district


def test_it_exports_the_directory_as_open_data(client, public_world):
    data = json.loads(client.get(reverse("organisations:directory_export", args=["json"])).content)
    by_name = {row["name"]: row for row in data["results"]}
    assert by_name[public_world.consenting.name]["email"] == "apen-kontakt@example.org"
    assert by_name[public_world.listed.name]["email"] == ""
    assert "Ikke-oppført forening" not in by_name
    csv = client.get(reverse("organisations:directory_export", args=["csv"])).content.decode()
    assert "apen-kontakt@example.org" in csv and "skjult-kontakt" not in csv
    assert client.get(reverse("organisations:directory_export", args=["xml"])).status_code == 404


def test_it_lets_the_association_consent_to_show_its_contact_details(login, world):
    page = login(world.association).get(reverse("organisations:edit", args=[world.organisation.pk]))
    body = page.content.decode()
    assert 'name="public_contacts"' in body
    assert 'name="shows_contact"' not in body


def test_occurrences_follow_the_series_public_mark(world):
    access = access_for_user(world.coordinator)
    fields = {
        "project": f.ProjectFactory(centre=world.centre),
        "title": "Strikkekafé",
        "category": f.ActivityCategoryFactory(),
        "weekday": 1,
        "start_time": dt.time(11),
        "end_time": dt.time(13),
        "first_date": dt.date(2030, 1, 1),
        "last_date": dt.date(2030, 1, 31),
        "place": "",
        "organiser": None,
        "is_public": True,
    }
    series, created = activity_services.series_save(
        actor=access, centre_id=world.centre.pk, fields=fields
    )
    assert created == 5
    assert Activity.objects.system().filter(series=series, is_public=True).count() == 5
    activity_services.series_save(
        actor=access, centre_id=world.centre.pk, fields={**fields, "is_public": False}
    )
    assert not Activity.objects.system().filter(series=series, is_public=True).exists()


def test_it_speaks_the_centres_default_language_until_the_visitor_chooses(client, world):
    centre = world.centre
    centre.default_language = "nn"
    centre.save()
    url = reverse("public:centre", args=[centre.slug])
    assert '<html lang="nn">' in client.get(url).content.decode()
    other = reverse("public:centre", args=[world.other_centre.slug])
    assert '<html lang="nb">' in client.get(other).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert '<html lang="en">' in client.get(url).content.decode()


def test_the_language_switch_names_all_three_languages_in_themselves(client, db):
    page = client.get(reverse("public:accessibility")).content.decode()
    assert 'lang="nb" aria-current="true">Bokmål<' in page
    assert 'lang="nn">Nynorsk<' in page
    assert 'lang="en">English<' in page


def test_it_links_the_accessibility_statement_from_every_page(login, world, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://uustatus.no/nb/erklaringer/publisert/abc"
    link = 'href="https://uustatus.no/nb/erklaringer/publisert/abc"'
    anonymous = login(None)
    for url in (
        reverse("account_login"),
        reverse("public:root"),
        reverse("public:accessibility"),
        reverse("public:embed", args=[world.centre.slug]),
    ):
        assert link in anonymous.get(url).content.decode(), url
    assert link in login(world.coordinator).get(reverse("core:home")).content.decode()


def test_it_lists_every_wcag_21_a_and_aa_criterion(client, db):
    criteria = wcag.criteria()
    numbers = [c.number for c in criteria]
    assert len(numbers) == len(set(numbers)) == 50
    assert sum(c.level == "A" for c in criteria) == 30
    assert {c.status for c in criteria} <= set(wcag.STATUS_LABELS)
    page = client.get(reverse("public:accessibility")).content.decode()
    for criterion in criteria:
        assert f"{criterion.number} " in page


def test_the_embeddable_list_has_a_main_landmark_and_phone_links_without_spaces(client, world):
    """The embed page is a page of its own (no base.html): its list is in <main>. A phone
    number shown as "22 33 44 55" is dialled from tel:22334455."""
    embed = client.get(reverse("public:embed", args=[world.centre.slug])).content.decode()
    assert embed.count("<main>") == 1 and "</main>" in embed
    world.centre.phone = "+47 22 33 44 55"
    world.centre.save()
    front = client.get(reverse("public:centre", args=[world.centre.slug])).content.decode()
    assert 'href="tel:+4722334455"' in front
    assert "tel:+47 " not in front
