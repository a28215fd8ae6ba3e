"""The same calls against Stripe's real test mode, when a test key is in the environment.

Run with STRIPE_SECRET_KEY=sk_test_... set; skipped otherwise (CI sets no key).
"""
import os
import uuid
from decimal import Decimal

import pytest
import stripe

from stripe_payments import gateway
from stripe_payments.amounts import idr_to_stripe_amount, stripe_amount_to_idr

TEST_KEY = os.environ.get("STRIPE_SECRET_KEY", "")

pytestmark = pytest.mark.skipif(
    not TEST_KEY.startswith("sk_test_"),
    reason="contract test against Stripe's test mode: set STRIPE_SECRET_KEY=sk_test_... to run it",
)


def test_stripe_test_mode_accepts_our_payment_intent_and_idempotency(settings):
    settings.STRIPE_SECRET_KEY = TEST_KEY
    order_number = f"contract-{uuid.uuid4().hex[:12]}"
    key = f"pasar-kriya:order:{order_number}:payment-intent"
    amount = idr_to_stripe_amount(Decimal("1250000"))

    first = gateway.payment_intent_create(
        amount=amount, currency="idr", order_number=order_number, idempotency_key=key)
    again = gateway.payment_intent_create(
        amount=amount, currency="idr", order_number=order_number, idempotency_key=key)
    fetched = gateway.payment_intent_retrieve(first["id"])

    try:
        assert again["id"] == first["id"]
        assert (fetched["amount"], fetched["currency"]) == (125000000, "idr")
        assert stripe_amount_to_idr(fetched["amount"]) == Decimal("1250000")
        assert fetched["metadata"] == {"order_number": order_number}
        assert fetched["status"] == "requires_payment_method"
        assert fetched["client_secret"].startswith(first["id"])
    finally:
        stripe.PaymentIntent.cancel(first["id"], api_key=TEST_KEY)
