from django.urls import reverse


def test_it_sends_a_strict_content_security_policy(client, db):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_it_forbids_framing_and_sniffing(client, db):
    response = client.get(reverse("account_login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_scripts_or_styles(world, login):
    page = login(world.coordinator).get(reverse("core:home")).content.decode()
    assert "<script>" not in page
    assert " style=" not in page
    assert "<style" not in page


def test_it_sends_hsts_and_secure_cookies_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get(reverse("account_login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]


def test_it_denies_the_browser_features_it_does_not_use(client, world, login):
    """Permissions-Policy on every response: pages, the embeddable list, errors, static files
    and redirects. Passkeys (WebAuthn) stay allowed for this site only."""
    responses = [
        client.get(reverse("account_login")),
        client.get(reverse("public:embed", args=[world.centre.slug])),
        client.get("/no-such-page/"),
        client.get(reverse("core:home")),  # a redirect to the login
        login(world.coordinator).get(reverse("core:home")),
    ]
    for response in responses:
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy
        assert "publickey-credentials-get=(self)" in policy
        assert "*" not in policy
