"""What each role's start page offers from the activities app."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (
            "coordinator",
            [
                "activities:quick_add",
                "activities:series_create",
                "activities:counts",
                "activities:dashboard",
                "activities:project_list",
            ],
        ),
        ("association", ["activities:quick_add", "activities:list"]),
        ("municipality_viewer", ["activities:dashboard"]),
    ],
)
def test_each_role_finds_its_activity_pages_on_the_start_page(world, login, role, links):
    page = login(getattr(world, role)).get(reverse("core:home")).content.decode()
    for name in links:
        assert f'href="{reverse(name)}"' in page, f"{role}: {name}"


def test_the_volunteer_gets_no_activity_card(world, login):
    page = login(world.volunteer_user).get(reverse("core:home")).content.decode()
    assert reverse("activities:quick_add") not in page
    assert reverse("activities:dashboard") not in page
