"""The join form sent twice (a double click, the page sent again) makes one business.

The form carries a one-time token (core.form_tokens). Signed out, the first submit
makes the login too, so a second copy would find its email taken: it is answered
with the business the first one made instead (signed in when it carries the
password, else sent to sign in).
"""
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from artisans.joining import services
from catalogue.models import Artisan
from core.form_tokens.services import form_token_new
from tests.factories import UserFactory
from tests.integration.artisans.joining.helpers import application_post
from tests.signin import signed_in_user_id

pytestmark = pytest.mark.django_db
User = get_user_model()
APPLY = "/join/"


def test_the_sign_up_form_sent_twice_makes_one_login_and_one_business(client, region, craft):
    # Given the join form filled in by someone signed out
    data = application_post(region, craft)

    # When it is sent twice; the first answer is lost (the browser shows the second)
    client.post(APPLY, data)
    client.logout()
    second = client.post(APPLY, data)

    # Then there is one login and one business, and the second answer is the welcome
    # of the first, signed in with the password the form carried
    assert User.objects.filter(email="siti@example.id").count() == 1
    artisan = Artisan.objects.get()
    assert second.status_code == 302 and second.url == reverse("portal-product-list")
    assert signed_in_user_id(client) == artisan.partner.users.get().pk


def test_a_sent_again_sign_up_without_the_password_is_sent_to_sign_in(client, region, craft):
    data = application_post(region, craft)
    client.post(APPLY, data)
    client.logout()

    second = client.post(APPLY, {**data, "password1": "tebakan-salah"})

    assert second.status_code == 302 and second.url.startswith(reverse("customer:login"))
    assert signed_in_user_id(client) is None
    assert Artisan.objects.count() == 1


def test_the_application_of_a_signed_in_login_sent_twice_makes_one_business(
        client, region, craft):
    buyer = UserFactory(email="buyer@example.id")
    client.force_login(buyer)
    data = application_post(region, craft)

    first = client.post(APPLY, data)
    second = client.post(APPLY, data)

    assert Artisan.objects.filter(partner__users=buyer).count() == 1
    assert first.status_code == second.status_code == 302


def test_artisan_apply_with_a_spent_token_returns_the_first_business(region, craft):
    # The service itself decides, for two submits that pass the form's checks at once.
    buyer, token = UserFactory(), form_token_new()
    business = {"name": "Anyaman Resam", "region": region, "nib": "9120012345678",
                "phone": "0812-3456-7890", "crafts": [craft]}

    first = services.artisan_apply(user=buyer, form_token=token, **business)
    second = services.artisan_apply(user=buyer, form_token=token, **business)

    assert first == second and Artisan.objects.count() == 1


def test_artisan_signup_with_a_spent_token_returns_the_first_business(region, craft):
    token = form_token_new()
    business = {"name": "Anyaman Resam", "region": region, "nib": "9120012345678",
                "phone": "0812-3456-7890", "crafts": [craft]}

    first = services.artisan_signup(email="a@example.id", password="Resam-Belitung-9",
                                    form_token=token, **business)
    second = services.artisan_signup(email="a@example.id", password="Resam-Belitung-9",
                                     form_token=token, **business)

    assert first == second and User.objects.filter(email="a@example.id").count() == 1


def test_the_add_a_login_form_sent_twice_adds_one_login_without_an_error(
        client, artisan, artisan_user, django_capture_on_commit_callbacks):
    # Given the form adding a login to the business
    client.force_login(artisan_user)
    data = {"email": "adik@example.id", "form_token": form_token_new()}

    # When it is sent twice
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("portal-artisan-login-add"), data)
        second = client.post(reverse("portal-artisan-login-add"), data)

    # Then one new login, one email, and the second answer is the profile, not
    # "already a login of a business"
    added = User.objects.get(email="adik@example.id")
    assert set(artisan.partner.users.all()) == {artisan_user, added}
    assert first.status_code == second.status_code == 302
    assert second.url == reverse("portal-artisan-profile")
    assert [m.to for m in mail.outbox] == [["adik@example.id"]]
