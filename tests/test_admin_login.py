"""The admin has no login form of its own: it signs in through the app's rate-limited login."""

from django.urls import reverse

from core.models import AuditEvent
from tests import factories as f


def test_it_refuses_password_guessing_on_the_admin_login(client, db):
    f.UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for i in range(25):
        client.post(url, {"username": "admin@example.org", "password": f"feil-{i}"})
    response = client.post(url, {"username": "admin@example.org", "password": "passord-123"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not response.wsgi_request.user.is_authenticated
    assert not client.get(reverse("admin:index")).wsgi_request.user.is_authenticated
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_it_sends_the_admin_to_the_app_login_and_back(client, db):
    f.UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    login_url = response.redirect_chain[-1][0]
    response = client.post(login_url, {"login": "admin@example.org", "password": "passord-123"})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_puts_the_admin_behind_the_login_rate_limit(client, db):
    f.UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    login_url = client.get(reverse("admin:login")).url
    for i in range(6):
        client.post(login_url, {"login": "admin@example.org", "password": f"feil-{i}"})
    response = client.post(login_url, {"login": "admin@example.org", "password": "passord-123"})
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_it_refuses_the_admin_to_a_signed_in_user_without_looping(world, login):
    client = login(world.coordinator)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_it_sends_a_signed_in_site_admin_on_to_the_admin(world, login):
    client = login(world.site_admin)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_it_ignores_a_next_address_on_another_site(client, db):
    response = client.get(reverse("admin:login"), {"next": "https://evil.example.com/"})
    assert "evil.example.com" not in response.url
