"""Signing up and signing in with django-axes on, as in production.

Every path that checks a password passes the request to authenticate(), so axes
counts it; lockouts are per email and client address together, and the client's
address behind our proxies comes only from what our own proxies wrote.
"""
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.form_tokens.services import form_token_new
from core.security import client_ip_address, sign_in_name
from tests.factories import PASSWORD, UserFactory, published_product
from tests.support.checkout import basket_add
from tests.signin import sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Tenun-Cual-Muntok-88"


def registration(email="dewi@example.id", password=NEW_PASSWORD):
    return {"email": email, "password1": password, "password2": password,
            "form_token": form_token_new()}


def fail_to_sign_in(client, email, times, address="203.0.113.5"):
    for _ in range(times):
        sign_in(client, email=email, password="wrong-password", address=address)


def test_the_test_settings_keep_the_production_security_apps_on():
    from shop.settings import base

    assert settings.AXES_ENABLED is not False
    assert settings.INSTALLED_APPS == base.INSTALLED_APPS
    assert settings.MIDDLEWARE == base.MIDDLEWARE
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_registering_signs_the_buyer_in(client):
    response = client.post(reverse("customer:register"), registration())

    user = get_user_model().objects.get(email="dewi@example.id")
    assert response.status_code == 302
    assert signed_in_user_id(client) == user.pk


def test_registering_from_the_sign_in_page_signs_the_buyer_in(client):
    data = {f"registration-{key}": value for key, value in registration().items()}
    response = client.post(reverse("customer:login"), {**data, "registration_submit": "1"})

    user = get_user_model().objects.get(email="dewi@example.id")
    assert response.status_code == 302
    assert signed_in_user_id(client) == user.pk


def test_a_returning_customer_signs_in_at_the_checkout(client):
    buyer = UserFactory(email="rina@example.id")
    basket_add(client, published_product())

    response = client.post(reverse("checkout:index"), {
        "username": "rina@example.id", "password": PASSWORD, "options": "existing"})

    assert response.status_code == 302
    assert signed_in_user_id(client) == buyer.pk


def test_wrong_passwords_at_the_checkout_count_towards_the_lockout(client):
    UserFactory(email="rina@example.id")
    basket_add(client, published_product())

    response = client.post(reverse("checkout:index"), {
        "username": "rina@example.id", "password": "nope", "options": "existing"},
        REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 200
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "rina@example.id", "203.0.113.5", 1)


def test_ten_wrong_passwords_lock_that_email_from_that_address_only(client):
    owner = UserFactory(email="rina@example.id")
    neighbour = UserFactory(email="budi@example.id")
    fail_to_sign_in(client, "Rina@Example.id ", settings.AXES_FAILURE_LIMIT)

    locked = sign_in(client, email="rina@example.id", password=PASSWORD, address="203.0.113.5")
    assert locked.status_code == 429
    assert "Too many tries" in locked.content.decode() or "Terlalu banyak" in locked.content.decode()
    assert signed_in_user_id(client) is None

    # Someone else behind the same address (one proxy, office or carrier NAT) signs in.
    sign_in(client, email="budi@example.id", password=PASSWORD, address="203.0.113.5")
    assert signed_in_user_id(client) == neighbour.pk
    client.logout()
    # The owner, from their own connection, signs in too.
    sign_in(client, email="rina@example.id", password=PASSWORD, address="198.51.100.20")
    assert signed_in_user_id(client) == owner.pk


def test_choosing_a_new_password_ends_the_lockout(client):
    owner = UserFactory(email="rina@example.id")
    fail_to_sign_in(client, "rina@example.id", settings.AXES_FAILURE_LIMIT)

    client.post(reverse("password-reset"), {"email": "rina@example.id"})
    link = re.search(r"https?://\S+/password-reset/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    set_password_path = form_page.redirect_chain[-1][0]
    client.post(set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert not AccessAttempt.objects.filter(username="rina@example.id").exists()
    sign_in(client, email="rina@example.id", password=NEW_PASSWORD, address="203.0.113.5")
    assert signed_in_user_id(client) == owner.pk


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_lockout_follows_the_address_the_proxy_saw(client):
    UserFactory(email="rina@example.id")
    owner_elsewhere = UserFactory(email="budi@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # The client may send its own X-Forwarded-For; the proxy appends the real address.
        client.post(reverse("customer:login"), {
            "login-username": "rina@example.id", "login-password": "wrong", "login_submit": "1"},
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")

    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.0.113.5"
    # Another buyer behind the same proxy is not affected.
    client.post(reverse("customer:login"), {
        "login-username": "budi@example.id", "login-password": PASSWORD, "login_submit": "1"},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert signed_in_user_id(client) == owner_elsewhere.pk


@pytest.mark.parametrize("count, forwarded, expected", [
    (0, "198.51.100.7", "10.0.0.2"),                     # no proxy: the header is ignored
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),         # the client's own entry is not believed
    (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
    (2, "198.51.100.7", "198.51.100.7"),                  # fewer hops than proxies
    (1, "not-an-address", "10.0.0.2"),
    (1, "", "10.0.0.2"),
])
def test_the_client_address_is_read_from_the_trusted_proxies_only(count, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip_address(request) == expected


def test_the_sign_in_name_ignores_case_and_spaces():
    request = RequestFactory().post("/", {"username": " Rina@Example.ID "})
    assert sign_in_name(request, None) == "rina@example.id"
    assert sign_in_name(request, {"username": "RINA@example.id"}) == "rina@example.id"
