"""Stripe keys for the tests, the fake Stripe API and a buyer's card order.

Its fixtures (fake_stripe, card_order, card_order_of_two, payments_staff) reach every
test through tests/conftest.py's pytest_plugins."""
import json
from decimal import Decimal

import pytest
import stripe
from django.contrib.auth.models import Permission
from django.urls import reverse
from oscar.apps.order.models import Order

from payments.statuses import OrderStatus
from payments.selectors import card_source_type
from payments.card import payment_intent_for_order
from tests.factories import (
    ArtisanFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
    published_product,
)
from tests.support.checkout import INDONESIAN_ADDRESS, basket_add, redirects_to
from tests.support.fake_stripe import FakeStripe, stripe_signature

WEBHOOK_SECRET = "whsec_test_pasar_kriya"
PRICE = Decimal("1250000")
SHIPPING = 25000


@pytest.fixture
def fake_stripe(settings):
    """The SDK talks to a local fake of Stripe's API; the keys are test keys."""
    fake = FakeStripe().start()
    saved = stripe.api_base, stripe.max_network_retries
    stripe.api_base = fake.url
    settings.STRIPE_SECRET_KEY = "sk_test_fake_pasar_kriya"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake_pasar_kriya"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.FLAT_RATE_SHIPPING_IDR = SHIPPING
    try:
        yield fake
    finally:
        stripe.api_base, stripe.max_network_retries = saved
        fake.stop()


def checkout_by_card(client, *, email="pembeli@example.id"):
    """A guest buys one Rp 1.250.000 batik and chooses to pay by card; returns the
    thank-you page and the order (total Rp 1.275.000 with shipping)."""
    product = published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bojonegoro")), stock=(PRICE, 5)
    )
    basket_add(client, product)
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), INDONESIAN_ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    chosen = client.post(reverse("checkout:payment-method"), {"method_code": "card"})
    assert redirects_to(chosen, "checkout:payment-details"), chosen
    assert client.get(reverse("checkout:preview")).status_code == 200
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get(guest_email=email)
    # A card order goes straight to its payment page (the thank-you page links it too).
    assert placed.status_code == 302, placed
    assert placed["Location"] == reverse("stripe-payment", kwargs={"number": order.number})
    thank_you = client.get(reverse("checkout:thank-you"))
    return thank_you, order


@pytest.fixture
def card_order(client, fake_stripe):
    """An order placed by card whose payment page has been opened (one PaymentIntent)."""
    _page, order = checkout_by_card(client)
    assert client.get(reverse("stripe-payment", kwargs={"number": order.number})).status_code == 200
    return order


@pytest.fixture
def payments_staff():
    user = UserFactory(is_staff=True, email="keuangan@pasarkriya.id")
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="order", codename__in=["view_order", "change_order"]))
    return user


def post_event(client, event: dict, *, secret: str = WEBHOOK_SECRET, signature=None):
    """POST an event to the webhook, signed for real with `secret`."""
    payload = json.dumps(event).encode()
    return client.post(
        reverse("stripe-webhook"), data=payload, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature or stripe_signature(payload, secret),
    )


@pytest.fixture
def card_order_of_two(client, fake_stripe, artisan, django_capture_on_commit_callbacks):
    """A paid card order: a line of `artisan` (Rp 1.250.000) and one of another
    artisan (Rp 400.000), paid through the PaymentIntent and its signed webhook."""
    order = OrderFactory(status=OrderStatus.AWAITING_PAYMENT,
                         user=UserFactory(email="pembeli@example.id"),
                         total_incl_tax=Decimal("1250000") + Decimal("400000") + Decimal(SHIPPING),
                         total_excl_tax=Decimal("1250000") + Decimal("400000") + Decimal(SHIPPING))
    own = OrderLineFactory(order=order, status=OrderStatus.AWAITING_PAYMENT,
                           product=ProductFactory(artisan=artisan))
    other = OrderLineFactory(order=order, status=OrderStatus.AWAITING_PAYMENT,
                             product=ProductFactory(artisan=ArtisanFactory()))
    for line, price in ((own, Decimal("1250000")), (other, Decimal("400000"))):
        line.unit_price_incl_tax = line.unit_price_excl_tax = price
        line.line_price_incl_tax = line.line_price_excl_tax = price
        line.line_price_before_discounts_incl_tax = price
        line.line_price_before_discounts_excl_tax = price
        line.save()
    order.sources.create(source_type=card_source_type(), currency="IDR",
                         amount_allocated=order.total_incl_tax, reference=order.number)
    payment, _secret = payment_intent_for_order(order=order)
    fake_stripe.succeed(payment.payment_intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("payment_intent.succeeded",
                                             fake_stripe.intents[payment.payment_intent_id]))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    own.refresh_from_db()
    other.refresh_from_db()
    return order, own, other
