import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_single_line


@pytest.mark.parametrize(
    "name",
    [
        "Frivilligsentral\nOslo",
        "Lag\r",
        "Lag\tto",
        "Lag\x00",
        "Lag\x85",  # next line (C1)
        "Lag\u2028",  # line separator
        "Kari \u202eNordmann",  # right-to-left override
        "Kari \u202aNordmann",
        "Kari \u2066Nordmann\u2069",
    ],
)
def test_it_refuses_line_breaks_and_control_characters(name):
    with pytest.raises(ValidationError) as raised:
        validate_single_line(name)
    assert raised.value.code == "not_single_line"


@pytest.mark.parametrize("name", ["Røde Kors Oslo", "أحمد", "Åse-Marit O'Brien", "", "שָׁלוֹם"])
def test_it_accepts_names_on_one_line(name):
    validate_single_line(name)
