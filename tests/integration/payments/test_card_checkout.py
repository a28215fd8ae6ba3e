"""Choosing to pay by card, and the payment page with its one PaymentIntent."""
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from payments.statuses import OrderStatus
from payments.models import StripePayment
from payments.card import payment_intent_for_order, payment_intent_idempotency_key
from tests.factories import published_product
from tests.support.checkout import INDONESIAN_ADDRESS, basket_add
from tests.support.stripe import checkout_by_card

pytestmark = pytest.mark.django_db

TOTAL_SENT = 127500000  # Rp 1.275.000 (batik + shipping) × 100


def _payment_methods_offered(client):
    basket_add(client, published_product())
    client.post(reverse("checkout:index"), {"username": "tamu@example.id", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), INDONESIAN_ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    return client.get(reverse("checkout:payment-method"))


def test_without_stripe_keys_only_bank_transfer_is_offered(client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""

    response = _payment_methods_offered(client)

    # One method: chosen for the buyer, straight on to the payment details.
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("checkout:payment-details"))
    preview = client.get(reverse("checkout:preview"))
    assert preview.context["payment_method"].code == "bank-transfer"


def test_with_stripe_keys_bank_transfer_and_card_are_offered(client, fake_stripe):
    response = _payment_methods_offered(client)

    assert response.status_code == 200
    choices = response.context["form"].fields["method_code"].choices
    assert [code for code, _name in choices] == ["bank-transfer", "card"]


def test_placing_a_card_order_leads_to_the_payment_page_with_the_element(client, fake_stripe):
    thank_you, order = checkout_by_card(client)

    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert [(s.source_type.code, s.amount_allocated) for s in order.sources.all()] == [
        ("stripe-card", order.total_incl_tax)]
    pay_url = reverse("stripe-payment", kwargs={"number": order.number})
    assert pay_url in thank_you.content.decode()
    assert fake_stripe.intents == {}  # Nothing is asked of Stripe before the page opens.

    page = client.get(pay_url)

    assert page.status_code == 200
    (intent,) = fake_stripe.intents.values()
    assert intent["amount"] == TOTAL_SENT and intent["currency"] == "idr"
    assert intent["metadata"] == {"order_number": order.number}
    assert intent["automatic_payment_methods"]["enabled"] is True
    html = page.content.decode()
    assert f'data-client-secret="{intent["client_secret"]}"' in html
    assert 'data-publishable-key="pk_test_fake_pasar_kriya"' in html
    assert "https://js.stripe.com/v3/" in html
    return_url = reverse("stripe-payment-return", kwargs={"number": order.number})
    assert f'data-return-url="http://testserver{return_url}"' in html
    payment = StripePayment.objects.get(order=order)
    assert (payment.payment_intent_id, payment.amount, payment.currency, payment.status) == (
        intent["id"], order.total_incl_tax, "IDR", "requires_payment_method")


def test_a_double_click_creates_one_payment_intent(client, fake_stripe):
    _page, order = checkout_by_card(client)
    pay_url = reverse("stripe-payment", kwargs={"number": order.number})

    first, second = client.get(pay_url), client.get(pay_url)

    assert len(fake_stripe.intents) == 1
    (intent,) = fake_stripe.intents.values()
    assert intent["client_secret"] in first.content.decode()
    assert intent["client_secret"] in second.content.decode()
    assert StripePayment.objects.filter(order=order).count() == 1
    creations = [r for r in fake_stripe.requests
                 if r["method"] == "POST" and r["path"] == "/v1/payment_intents"]
    assert [r["headers"]["Idempotency-Key"] for r in creations] == [
        payment_intent_idempotency_key(order.number)]


def test_an_intent_created_but_not_recorded_is_reused_by_its_idempotency_key(client, fake_stripe):
    """Stripe made the intent, but our write was lost (a crash, a timeout): the next
    attempt sends the same key and gets the same intent back, not a second one."""
    _page, order = checkout_by_card(client)
    first, _secret = payment_intent_for_order(order=order)
    StripePayment.objects.filter(pk=first.pk).delete()

    again, secret = payment_intent_for_order(order=order)

    assert again.payment_intent_id == first.payment_intent_id
    assert len(fake_stripe.intents) == 1
    assert secret == fake_stripe.intents[first.payment_intent_id]["client_secret"]


def test_another_browser_cannot_open_the_payment_page(client, fake_stripe):
    _page, order = checkout_by_card(client)

    response = Client().get(reverse("stripe-payment", kwargs={"number": order.number}))

    assert response.status_code == 404
    assert fake_stripe.intents == {}


def test_the_return_page_says_processing_and_leaves_the_order_unpaid(client, card_order, fake_stripe):
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)  # Paid in Stripe, but no webhook yet.

    with translation.override("en"):
        page = client.get(reverse("stripe-payment-return", kwargs={"number": card_order.number}),
                          {"payment_intent": intent_id, "redirect_status": "succeeded"})

    assert page.status_code == 200
    assert 'data-state="processing"' in page.content.decode()
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT


def test_once_paid_in_stripe_the_payment_page_leads_to_the_return_page(client, card_order, fake_stripe):
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)

    response = client.get(reverse("stripe-payment", kwargs={"number": card_order.number}))

    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("stripe-payment-return", kwargs={"number": card_order.number}))
    assert StripePayment.objects.get(order=card_order).status == "succeeded"
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT  # The webhook decides.
