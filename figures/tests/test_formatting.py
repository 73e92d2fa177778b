"""The one formatter: half-up rounding, Norwegian and English formats, a real minus sign."""

from decimal import Decimal

from core import formatting
from figures.catalogue import format_value
from figures.targets import percent_of_target


def test_it_rounds_half_up_instead_of_cutting_digits():
    # /reports/hours/ printed 1 185,9 for 1 185,96 (Django's number_format cuts).
    assert formatting.number(Decimal("1185.96"), 1, "nb") == "1\xa0186,0"
    assert formatting.number(Decimal("1249.96"), 0, "nb") == "1\xa0250"
    assert formatting.number(Decimal("0.05"), 1, "nb") == "0,1"


def test_it_writes_norwegian_and_english_numbers():
    assert formatting.number(Decimal("1771"), 1, "nb") == "1\xa0771,0"
    assert formatting.number(Decimal("1771"), 1, "nn") == "1\xa0771,0"
    assert formatting.number(Decimal("1771"), 1, "en") == "1,771.0"
    assert formatting.number(None, 1, "nb") == "–"


def test_a_negative_number_has_a_real_minus_sign():
    assert formatting.money(-3600, "nb") == "kr\xa0\u22123\xa0600"
    assert formatting.number(Decimal("-0.04"), 1, "nb") == "0,0"  # no "−0,0"


def test_percentages_of_a_target_follow_one_rule():
    # 62,9 % and 63 % printed for the same figure: one rule, a whole number half-up.
    assert percent_of_target(Decimal("132"), 210) == 63
    assert percent_of_target(Decimal("1110"), 1500) == 74
    assert percent_of_target(5, None) is None
    assert formatting.percent(percent_of_target(1110, 1500), 0, "nb") == "74\xa0%"


def test_a_figure_is_formatted_with_its_own_decimals():
    assert format_value("volunteer_hours.total", Decimal("1771"), "nb") == "1\xa0771,0"
    assert format_value("fte.total", Decimal("1.0449"), "nb") == "1,04"
    assert format_value("activities.held", 247, "en") == "247"


def test_the_hours_per_volunteer_rows_are_the_template_loops_rows():
    """`person_hours_rows` writes what the template loop wrote: escaped names and links, each
    number as `num` formats it, in both formats."""
    from django.template import Context, Template
    from django.utils import translation

    from figures.engine import PersonHours

    rows = [
        (
            "/volunteers/people/7/",
            PersonHours(7, 'Åse <b>"Kari"</b> & Ola', Decimal("1185.96"), 1204),
        ),
        ("/volunteers/people/8/?a=1&b=2", PersonHours(8, "Per", Decimal("-3.05"), 0)),
    ]
    loop = Template(
        "{% for url, row in rows %}\n"
        '    <tr><td><a href="{{ url }}">{{ row.name }}</a></td><td class="num">'
        '<span data-figure="volunteer_hours.own.entries">{{ row.entries|num }}</span></td>'
        '<td class="num"><span data-figure="volunteer_hours.own">{{ row.hours|num:1 }}</span>'
        '</td><td class="num"><span data-figure="volunteer_hours.own.fte">{{ row.fte|num:2 }}'
        "</span></td></tr>\n    {% endfor %}"
    )
    tag = Template("{% person_hours_rows rows %}")
    for language in ("nb", "en"):
        with translation.override(language):
            expected = loop.render(Context({"rows": rows}))
            assert tag.render(Context({"rows": rows})) == expected
    assert "&lt;b&gt;&quot;Kari&quot;&lt;/b&gt; &amp; Ola" in expected
    assert "1,204" in expected  # the English one, rendered last
