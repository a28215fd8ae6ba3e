"""Two staff press "Refund by card" for the same line at once, and Stripe's webhooks
for the refund are applied at once: one refund, one "refunded" event (PostgreSQL, where
the order row lock is real)."""
import pytest

from fulfilment import services as fulfilment
from fulfilment.models import LineShipment, LineShipmentEvent
from fulfilment import refunds as fulfilment_refunds
from payments import card_refunds
from payments.errors import RefundAlreadyRequested
from payments.models import CardRefund, StripePayment
from tests.concurrency import POSTGRES_RACE, run_at_once

pytestmark = [pytest.mark.postgres, *POSTGRES_RACE]


def test_two_staff_at_once_ask_for_one_refund_and_two_webhooks_refund_the_line_once(
        card_order_of_two, artisan_user, payments_staff, fake_stripe):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Retak.")
    fake_stripe.create_delay = 0.3  # the first request holds the lock while Stripe answers

    asked = run_at_once(
        *[lambda: fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)] * 2,
        refused=(RefundAlreadyRequested,),
    )

    assert sorted(type(outcome).__name__ for outcome in asked) == [
        "CardRefund", "RefundAlreadyRequested"]
    assert len(fake_stripe.refunds) == 1 and CardRefund.objects.count() == 1

    payment = StripePayment.objects.get(order=order)
    charge_id = fake_stripe.intents[payment.payment_intent_id]["latest_charge"]
    synced = run_at_once(*[lambda: card_refunds.refund_sync(charge_id=charge_id)] * 3)

    assert synced == ["", "", ""]
    assert LineShipment.objects.get(line=own).state == "refunded"
    assert LineShipmentEvent.objects.filter(line=own, kind="refunded").count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == own.line_price_incl_tax
    assert order.payment_events.filter(event_type__name="Refunded").count() == 1
