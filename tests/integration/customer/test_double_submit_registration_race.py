"""Oscar's sign-up form sent twice at the same moment makes one account (PostgreSQL)."""
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.form_tokens.services import form_token_new
from tests.concurrency import POSTGRES_RACE, run_at_once

pytestmark = POSTGRES_RACE
PASSWORD = "Tenun-Cual-Muntok-88"


def test_two_copies_of_one_sign_up_form_at_once_make_one_account():
    data = {"email": "dewi@example.id", "password1": PASSWORD, "password2": PASSWORD,
            "form_token": form_token_new()}

    def send():
        return Client().post(reverse("customer:register"), data).status_code

    outcomes = run_at_once(send, send, refused=())

    assert outcomes == [302, 302]
    assert get_user_model().objects.filter(email="dewi@example.id").count() == 1
