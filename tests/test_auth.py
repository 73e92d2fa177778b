from django.core import mail
from django.urls import reverse

from core.models import AuditEvent
from tests import factories as f


def test_it_logs_in_with_email_and_records_the_login(client, db):
    user = f.UserFactory(email="kari@example.org")
    response = client.post(
        reverse("account_login"), {"login": "KARI@example.org", "password": "passord-123"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == user and event.data["email"] == user.email


def test_it_records_a_failed_login_without_the_password(client, db):
    f.UserFactory(email="kari@example.org")
    response = client.post(
        reverse("account_login"), {"login": "kari@example.org", "password": "feil-passord"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.data["email"] == "kari@example.org" and event.actor is None
    assert "feil-passord" not in str(event.__dict__)


def test_it_records_a_logout(client, db):
    user = f.UserFactory()
    client.force_login(user)
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.filter(action="auth.logout", actor=user).exists()


def test_it_rate_limits_failed_logins(client, db):
    f.UserFactory(email="kari@example.org")
    pages = [
        client.post(
            reverse("account_login"), {"login": "kari@example.org", "password": f"feil-{i}"}
        ).content.decode()
        for i in range(6)
    ]
    assert "For mange innloggingsforsøk" not in pages[0]
    assert "For mange innloggingsforsøk" in pages[-1]
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"), {"login": "kari@example.org", "password": "passord-123"}
    )
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_it_has_no_open_signup(client, db):
    response = client.get(reverse("account_signup"))
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.org",
            "password1": "Langt-passord-99",
            "password2": "Langt-passord-99",
        },
    ).wsgi_request.user.is_authenticated


def test_it_sends_a_password_reset_email(client, db, django_capture_on_commit_callbacks):
    f.UserFactory(email="kari@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "kari@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "kari@example.org" in mail.outbox[0].to
