"""Oscar's sign-up form sent twice (a double click) makes one account.

Sent one after the other, the second copy answered "A user with that email address
already exists" to the person who had just signed up; sent at once, both copies
passed that check (a read) and made two accounts, the second then switched off.
"""
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from core.form_tokens.services import form_token_new
from tests.signin import signed_in_user_id

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Tenun-Cual-Muntok-88"


def _form(**overrides) -> dict:
    return {"email": "dewi@example.id", "password1": PASSWORD, "password2": PASSWORD,
            "form_token": form_token_new(), **overrides}


def test_the_sign_up_form_sent_twice_makes_one_account_and_signs_it_in(client):
    # Given the sign-up form, filled in once
    data = _form()

    # When it is sent twice; the browser shows the second answer, without the first's
    # session
    client.post(reverse("customer:register"), data)
    emails = len(mail.outbox)
    client.logout()
    second = client.post(reverse("customer:register"), data)

    # Then one account, no second welcome email, and the second answer signs it in
    user = User.objects.get(email="dewi@example.id")
    assert second.status_code == 302
    assert signed_in_user_id(client) == user.pk
    assert len(mail.outbox) == emails


def test_a_copy_sent_again_with_another_password_signs_nobody_in(client):
    data = _form()
    client.post(reverse("customer:register"), data)
    client.logout()

    second = client.post(reverse("customer:register"),
                         {**data, "password1": "tebakan", "password2": "tebakan"})

    assert second.status_code == 302
    assert signed_in_user_id(client) is None
    assert User.objects.filter(email="dewi@example.id").count() == 1


def test_the_sign_in_pages_sign_up_form_sent_twice_makes_one_account(client):
    data = {f"registration-{key}": value for key, value in _form().items()}
    data["registration_submit"] = "1"

    client.post(reverse("customer:login"), data)
    client.logout()
    second = client.post(reverse("customer:login"), data)

    user = User.objects.get(email="dewi@example.id")
    assert second.status_code == 302
    assert signed_in_user_id(client) == user.pk
