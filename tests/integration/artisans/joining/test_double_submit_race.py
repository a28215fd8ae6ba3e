"""The join form's two submits of a double click arriving at the same moment: one business.

Without the token both passed the "already belongs to a business" check before either
wrote (two businesses for one login), and two sign-ups both passed the email check.
"""
from artisans.joining import services
from catalogue.models import Artisan
from core.form_tokens.services import form_token_new
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.factories import UserFactory

pytestmark = POSTGRES_RACE


def _business(region, craft) -> dict:
    return {"name": "Anyaman Resam", "region": region, "nib": "9120012345678",
            "phone": "0812-3456-7890", "crafts": [craft]}


def test_one_application_sent_twice_at_once_makes_one_business(region, craft):
    buyer, token = UserFactory(), form_token_new()

    def apply():
        return services.artisan_apply(user=buyer, form_token=token, **_business(region, craft))

    first, second = run_at_once(apply, apply, refused=())

    assert Artisan.objects.filter(partner__users=buyer).count() == 1
    assert first.pk == second.pk


def test_one_sign_up_sent_twice_at_once_makes_one_login_and_business(region, craft):
    token = form_token_new()

    def signup():
        return services.artisan_signup(email="resam@example.id", password="Resam-Belitung-9",
                                       form_token=token, **_business(region, craft))

    first, second = run_at_once(signup, signup, refused=())

    assert Artisan.objects.count() == 1
    assert first.pk == second.pk
