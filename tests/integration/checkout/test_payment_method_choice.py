"""The payment step: one method is chosen for the buyer, several are offered."""
import pytest
from django.urls import reverse

from payments import methods
from tests.factories import published_product
from tests.support.checkout import INDONESIAN_ADDRESS, basket_add, redirects_to

pytestmark = pytest.mark.django_db


class CashOnPickup(methods.PaymentMethod):
    """A stand-in second method (Stripe will be the real one)."""

    code = "cash-on-pickup"
    name = "Cash on pickup"

    def take_payment(self, *, order_number, total):
        return []


@pytest.fixture
def at_payment_step(client):
    basket_add(client, published_product())
    client.post(reverse("checkout:index"), {"username": "tamu@example.id", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), INDONESIAN_ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    return client


def test_preview_without_a_chosen_method_sends_the_buyer_to_choose(at_payment_step):
    response = at_payment_step.get(reverse("checkout:preview"))

    assert redirects_to(response, "checkout:payment-method")


def test_with_two_methods_the_buyer_chooses_one(at_payment_step, monkeypatch):
    monkeypatch.setattr(methods, "METHODS", (methods.BankTransfer(), CashOnPickup()))
    client = at_payment_step

    page = client.get(reverse("checkout:payment-method"))
    assert page.status_code == 200
    assert [code for code, _ in page.context["form"].fields["method_code"].choices] == [
        "bank-transfer", "cash-on-pickup"
    ]

    refused = client.post(reverse("checkout:payment-method"), {"method_code": "gold-bars"})
    assert refused.status_code == 200 and "method_code" in refused.context["form"].errors

    chosen = client.post(reverse("checkout:payment-method"), {"method_code": "cash-on-pickup"})
    assert redirects_to(chosen, "checkout:payment-details")
    preview = client.get(reverse("checkout:preview"))
    assert preview.context["payment_method"].code == "cash-on-pickup"
