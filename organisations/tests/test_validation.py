import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from organisations.forms import OrganisationForm
from organisations.models import validate_organisation_number
from organisations.services import normalise_organisation_number, organisation_create
from tests.factories import access_of


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("123456785", "123456785"),
        ("123 456 785", "123456785"),
        (" 974 760 673 ", "974760673"),  # Brønnøysundregistrene
        ("", None),
        (None, None),
    ],
)
def test_it_accepts_valid_organisation_numbers_and_stores_digits(given, stored):
    assert normalise_organisation_number(given) == stored


@pytest.mark.parametrize(
    "given",
    ["123456789", "12345678", "1234567850", "12345678A", "123 456 78x", "000000001"],
)
def test_it_rejects_invalid_organisation_numbers(given):
    with pytest.raises(ValidationError):
        normalise_organisation_number(given)


def test_it_rejects_a_check_digit_of_ten():
    # 12345670: weights give remainder 1, so no valid check digit exists.
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_organisation_number("12345670" + last)


def test_it_explains_a_bad_organisation_number_in_norwegian(world):
    with translation.override("nb"):
        form = OrganisationForm(
            data={"name": "Lag", "organisation_number": "123 456 789"}, centre=world.centre
        )
        assert not form.is_valid()
        assert "ikke et gyldig organisasjonsnummer" in " ".join(form.errors["organisation_number"])


def test_it_keeps_organisation_numbers_unique_in_the_installation(world):
    organisation_create(
        actor=access_of(world.coordinator),
        centre=world.centre,
        data={"name": "A", "organisation_number": "123456785"},
    )
    form = OrganisationForm(
        data={"name": "B", "organisation_number": "123 456 785"}, centre=world.other_centre
    )
    assert not form.is_valid()
    assert "organisation_number" in form.errors


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("postal_code", "8500", True),
        ("postal_code", "0150", True),
        ("postal_code", "850", False),
        ("postal_code", "85000", False),
        ("postal_code", "85a0", False),
        ("phone", "90000000", True),
        ("phone", "+47 900 00 000", True),
        ("phone", "900 00 00", False),
        ("phone", "+46 900 00 000", False),
    ],
)
def test_it_validates_postal_codes_and_phone_numbers(world, field, value, ok):
    form = OrganisationForm(data={"name": "Lag", field: value}, centre=world.centre)
    assert form.is_valid() is ok, form.errors
    if ok and field == "phone":
        assert " " not in form.cleaned_data["phone"]


def test_it_refuses_a_line_break_in_an_association_name_in_norwegian(world):
    with translation.override("nb"):
        form = OrganisationForm(data={"name": "Lag\nmed to linjer"}, centre=world.centre)
        assert not form.is_valid()
        assert "på én linje" in " ".join(form.errors["name"])
