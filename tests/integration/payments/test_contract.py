"""The same calls against Stripe's real test mode, when a test key is in the environment.

Run with STRIPE_SECRET_KEY=sk_test_... set; skipped otherwise (CI sets no key).
"""
import os
import uuid
from decimal import Decimal

import pytest
import stripe

from payments import gateway
from payments.amounts import idr_to_stripe_amount, stripe_amount_to_idr

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


def test_stripe_test_mode_refunds_a_line_once_and_lists_it_on_the_charge(settings):
    """The calls of a line's card refund: create with metadata and an idempotency key
    (twice: one refund), then the charge and its refunds as refund_sync reads them."""
    settings.STRIPE_SECRET_KEY = TEST_KEY
    order_number = f"contract-{uuid.uuid4().hex[:12]}"
    paid = stripe.PaymentIntent.create(
        amount=idr_to_stripe_amount(Decimal("1650000")), currency="idr",
        payment_method="pm_card_visa", confirm=True,
        automatic_payment_methods={"enabled": True, "allow_redirects": "never"},
        metadata={"order_number": order_number}, api_key=TEST_KEY,
    )
    assert paid["status"] == "succeeded"
    key = f"pasar-kriya:line:contract-{uuid.uuid4().hex[:12]}:refund:1"
    metadata = {"order_number": order_number, "line_id": "42"}

    first = gateway.refund_create(payment_intent_id=paid["id"], amount=40000000,
                                  idempotency_key=key, metadata=metadata)
    again = gateway.refund_create(payment_intent_id=paid["id"], amount=40000000,
                                  idempotency_key=key, metadata=metadata)
    charge = gateway.charge_retrieve(paid["latest_charge"])
    listed = gateway.refund_list(charge_id=paid["latest_charge"])

    assert again["id"] == first["id"]
    assert (charge["currency"], charge["payment_intent"], charge["amount_refunded"]) == (
        "idr", paid["id"], 40000000)
    (refund,) = listed
    assert (refund["id"], refund["amount"], refund["currency"], refund["charge"]) == (
        first["id"], 40000000, "idr", paid["latest_charge"])
    assert refund["metadata"] == metadata
    assert refund["status"] in ("succeeded", "pending")
    assert isinstance(refund["created"], int)
