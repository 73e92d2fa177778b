from django.urls import reverse


def test_it_speaks_norwegian_by_default_even_to_an_english_browser(client, db):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert "Logg inn" in response.content.decode()


def test_it_switches_to_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get(reverse("account_login")).content.decode()
    assert "Log in" in page
    assert 'lang="en"' in page
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Logg inn" in client.get(reverse("account_login")).content.decode()


def test_it_ignores_an_unknown_language_cookie(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    response = client.get(reverse("account_login"))
    assert response["Content-Language"] == "nb"


def test_it_translates_the_start_page_of_every_role(world, login):
    client = login(world.coordinator)
    assert "Foreninger" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("core:home")).content.decode()
    assert "Associations" in page
    assert "Foreninger" not in page


def test_it_speaks_nynorsk_when_chosen(world, login):
    client = login(world.coordinator)
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    response = client.get(reverse("core:home"))
    page = response.content.decode()
    assert response["Content-Language"] == "nn"
    assert 'lang="nn"' in page
    assert "Lag og foreiningar" in page or "foreiningar" in page
    assert "Foreninger" not in page


def test_the_shared_lists_have_their_nynorsk_names(db):
    from django.utils import translation

    from activities.models import ActivityCategory
    from organisations.models import Category, CooperationArea

    with translation.override("nn"):
        assert str(Category.objects.get(name="Sosiale tjenester")) == "Sosiale tenester"
        assert str(CooperationArea.objects.get(name="Barn og unge")) == "Born og unge"
        assert str(ActivityCategory.objects.get(name="Annet")) == "Anna"
        # A row with no nynorsk name shows its bokmål one.
        assert str(Category(name="Turlag")) == "Turlag"
    with translation.override("en"):
        assert str(Category.objects.get(name="Sosiale tjenester")) == "Social services"
