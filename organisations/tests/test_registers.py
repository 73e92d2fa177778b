"""The national registers: look-up by organisation number, the nightly change feed, and the
proposals the coordinator accepts or ignores. The register is a local server (register_server)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.audit import events_of
from organisations import registers, services
from organisations.models import Organisation, RegisterChange, RegisterSyncState

NUMBER = "974760673"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def entry(world):
    world.organisation.organisation_number = NUMBER
    world.organisation.postal_code = "8500"
    world.organisation.save()
    return world.organisation


def test_it_reads_an_entity_and_its_voluntary_record_in_the_registers_shapes(db, register):
    register.add_entity(NUMBER)
    found = registers.lookup(NUMBER)
    assert found.data["name"] == "FJORDVIK SANITETSFORENING"
    assert found.data["phone"] == "75000000"
    assert found.data["mobile"] == "90000000"
    assert found.data["business_address"] == "Storgata 1, 2. etasje"
    assert found.data["postal_address"] == "Postboks 12"
    assert found.data["business_municipality_number"] == "1804"
    assert found.data["website"] == "https://www.sanitet.example"
    assert found.data["founded_date"] == dt.date(1925, 3, 1)
    assert found.data["organisation_form"] == "FLI"
    assert found.data["in_national_register"] is True
    assert found.category_names == ["Helse"]
    assert found.voluntary_status == "Registrert"
    registers.lookup(NUMBER)  # cached: no second request
    assert len(register.requests) == 2


@pytest.mark.parametrize(
    ("status", "error"),
    [(404, registers.NotInRegister), (410, registers.DeletedFromRegister)],
)
def test_it_tells_not_found_from_deleted(db, register, status, error):
    register.routes[f"/enhetsregisteret/api/enheter/{NUMBER}"] = (status, {"status": status})
    with pytest.raises(error):
        registers.lookup(NUMBER)


def test_it_retries_a_server_error_then_says_unavailable(db, register):
    register.routes[f"/enhetsregisteret/api/enheter/{NUMBER}"] = (503, {})
    with pytest.raises(registers.RegisterUnavailable):
        registers.lookup(NUMBER)
    assert len(register.requests) == 2  # one retry


def test_the_lookup_page_shows_old_and_new_and_writes_only_the_ticked_fields(
    world, login, entry, register
):
    register.add_entity(NUMBER)
    client = login(world.coordinator)
    url = reverse("organisations:register_lookup", args=[entry.pk])
    page = client.get(url)
    rows = {row["field"]: row for row in page.context["rows"]}
    assert rows["name"]["old"] == entry.name
    assert rows["name"]["new"] == "FJORDVIK SANITETSFORENING"
    assert "postal_code" in rows and rows["postal_code"]["new"] == "8501"
    old_name = entry.name
    response = client.post(url, {"fields": ["postal_code", "mobile", "business_address"]})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == old_name  # not ticked: not overwritten
    assert (entry.postal_code, entry.mobile) == ("8501", "90000000")
    assert entry.business_address == "Storgata 1, 2. etasje"
    assert entry.register_synced_at is not None
    assert events_of(entry).first().source == "register"
    detail = client.get(reverse("organisations:detail", args=[entry.pk])).content.decode()
    assert "Brønnøysund" in detail or "register" in detail.lower()


def test_the_lookup_proposes_our_categories_for_the_registers_icnpo_codes(
    world, login, entry, register
):
    from organisations.models import Category

    health = Category.objects.get(icnpo_code="3", centre=None)
    register.add_entity(NUMBER)
    client = login(world.coordinator)
    url = reverse("organisations:register_lookup", args=[entry.pk])
    rows = {row["field"]: row for row in client.get(url).context["rows"]}
    assert rows["categories"]["new"] == str(health)
    response = client.post(url, {"fields": ["categories"]})
    assert response.status_code == 302
    assert [rank.category for rank in entry.ranked_categories.all()] == [health]
    assert "categories" not in {
        row["field"] for row in client.get(url).context["rows"]
    }  # now it agrees


@pytest.mark.parametrize(
    ("code", "expected"), [("3 100", "3"), ("1.100", "1 100"), ("1200", "1 200"), ("99", None)]
)
def test_icnpo_codes_of_any_spelling_match_our_categories(db, code, expected):
    from organisations.models import Category

    entry = registers.RegisterEntry(
        organisation_number=NUMBER, data={}, icnpo=[{"icnpoNummer": code, "rekkefoelge": 1}]
    )
    matched = registers.matching_categories(entry, Category.objects.filter(centre=None))
    assert [c.icnpo_code for c in matched] == ([expected] if expected else [])


def test_the_forms_still_work_when_the_register_cannot_be_reached(world, login, entry):
    # settings_test points the client at a closed port.
    client = login(world.coordinator)
    page = client.get(reverse("organisations:register_lookup", args=[entry.pk]))
    assert page.status_code == 200
    assert page.context["problem"] == registers.register_message(registers.RegisterUnavailable())
    assert "kunne ikke nås" in page.content.decode() or page.context["problem"]
    create = client.get(reverse("organisations:create"), {"register_number": NUMBER})
    assert create.status_code == 200
    assert create.context["register_note"]
    assert create.context["form"].initial["organisation_number"] == NUMBER
    response = client.post(reverse("organisations:edit", args=[entry.pk]), _form_data(entry))
    assert response.status_code == 302


def test_the_create_form_is_filled_from_the_register(world, login, register):
    register.add_entity(NUMBER)
    page = login(world.coordinator).get(
        reverse("organisations:create"), {"register_number": "974 760 673"}
    )
    initial = page.context["form"].initial
    assert initial["name"] == "FJORDVIK SANITETSFORENING"
    assert initial["email"] == "post@sanitet.example"
    assert not Organisation.objects.filter(organisation_number=NUMBER).exists()


def _form_data(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "organisation_number": organisation.organisation_number or "",
        "version": organisation.version,
    }


def _feed(register, pages: list[list[dict]]) -> None:
    path = "/enhetsregisteret/api/oppdateringer/enheter"
    for index, updates in enumerate(pages):
        links = {"self": {"href": f"https://data.brreg.no{path}?page={index}"}}
        if index + 1 < len(pages):
            links["next"] = {"href": f"https://data.brreg.no{path}?page={index + 1}&size=100"}
        body = {
            "_embedded": {"oppdaterteEnheter": updates},
            "_links": links,
            "page": {"size": 100, "totalElements": 3, "totalPages": len(pages), "number": index},
        }
        register.routes[f"{path}?page={index}" if index else path] = (200, body)


def _update(number: str, kind: str, when: str, update_id: int) -> dict:
    return {
        "oppdateringsid": update_id,
        "dato": when,
        "organisasjonsnummer": number,
        "endringstype": kind,
        "_links": {
            "enhet": {"href": f"https://data.brreg.no/enhetsregisteret/api/enheter/{number}"}
        },
    }


def test_the_sync_proposes_changes_and_accepting_writes_them_through_the_service(
    world, login, entry, register
):
    deleted = world.other_organisation
    deleted.organisation_number = "123456785"
    deleted.save()
    register.add_entity(NUMBER, navn="FJORDVIK SANITETSLAG", konkurs=True)
    _feed(
        register,
        [
            [_update(NUMBER, "Endring", "2026-11-30T04:00:00.000Z", 1)],
            [
                _update("123456785", "Sletting", "2026-11-30T05:00:00.000Z", 2),
                _update("991234560", "Endring", "2026-11-30T06:00:00.000Z", 3),  # not ours
            ],
        ],
    )
    proposed = services.register_sync(now=dt.datetime(2026, 11, 30, 1, tzinfo=dt.UTC))
    assert proposed >= 3
    changes = {(c.organisation_id, c.field): c for c in RegisterChange.objects.all()}
    assert changes[(entry.pk, "name")].new_value == "FJORDVIK SANITETSLAG"
    assert changes[(entry.pk, "is_bankrupt")].new_value == "True"
    assert changes[(deleted.pk, "deleted_on")].new_value == "2026-11-30"
    state = RegisterSyncState.objects.get()
    assert state.synced_until == dt.datetime(2026, 11, 30, 6, tzinfo=dt.UTC)
    assert any("page=1" in path for path in register.requests)  # the next link was followed
    assert entry.name != "FJORDVIK SANITETSLAG"  # nothing written yet

    client = login(world.coordinator)
    page = client.get(reverse("organisations:register_changes"))
    assert "FJORDVIK SANITETSLAG" in page.content.decode()
    client.post(
        reverse("organisations:register_change_decide", args=[changes[(entry.pk, "name")].pk]),
        {"decision": "accept"},
    )
    client.post(
        reverse(
            "organisations:register_change_decide", args=[changes[(entry.pk, "is_bankrupt")].pk]
        ),
        {"decision": "accept"},
    )
    client.post(
        reverse(
            "organisations:register_change_decide", args=[changes[(deleted.pk, "deleted_on")].pk]
        ),
        {"decision": "ignore"},
    )
    entry.refresh_from_db()
    deleted.refresh_from_db()
    assert entry.name == "FJORDVIK SANITETSLAG" and entry.is_bankrupt
    assert entry.register_synced_at is not None
    assert events_of(entry).first().source == "register"
    assert deleted.deleted_on is None
    assert not RegisterChange.objects.filter(status="pending", organisation=deleted).exists()


def test_the_register_changes_page_has_a_fixed_number_of_queries(
    world, login, entry, django_assert_num_queries
):
    for field, value in (("name", "A"), ("postal_code", "8000"), ("is_bankrupt", "True")):
        RegisterChange.objects.create(
            centre=world.centre, organisation=entry, field=field, new_value=value
        )
    client = login(world.coordinator)
    client.get(reverse("organisations:register_changes"))
    with django_assert_num_queries(4):
        client.get(reverse("organisations:register_changes"))


def test_an_unreachable_feed_keeps_the_marker_for_the_next_run(world, entry):
    with pytest.raises(registers.RegisterUnavailable):
        services.register_sync(now=timezone.now())
    state = RegisterSyncState.objects.get()
    assert state.synced_until is None and state.last_error


def test_the_nightly_task_survives_an_unreachable_register(world, entry):
    from organisations.tasks import sync_registers

    assert sync_registers.apply().get() == 0
    assert RegisterSyncState.objects.get().last_error
