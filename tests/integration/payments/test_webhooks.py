"""Stripe's webhooks decide the payment: signed, stored once, applied once, judged from
the PaymentIntent fetched afresh."""
import json
import time
from decimal import Decimal

import pytest
from oscar.apps.order.models import PaymentEvent

from payments.services import order_cancel
from payments.statuses import OrderStatus
from payments.models import StripeEvent, StripePayment
from payments.card_refunds import order_refund_by_card
from tests.support.stripe import WEBHOOK_SECRET, post_event
from tests.support.fake_stripe import stripe_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def intent_id(card_order, fake_stripe, mailoutbox):
    """The order's PaymentIntent; the order-placed email is left behind."""
    mailoutbox.clear()
    (intent_id,) = fake_stripe.intents
    return intent_id


def deliver(client, django_capture_on_commit_callbacks, event, **kwargs):
    """Stripe POSTs the event; what the view leaves for after the commit (the Celery
    task, eager in tests, and its emails) runs."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(client, event, **kwargs)
    return response


def paid_events(order):
    return list(PaymentEvent.objects.filter(order=order, event_type__name="Paid"))


def test_a_bad_signature_gets_400_and_stores_nothing(
        client, card_order, intent_id, fake_stripe, django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])
    payload = json.dumps(event).encode()

    forged = deliver(client, django_capture_on_commit_callbacks, event,
                     secret="whsec_somebody_else")
    unsigned = deliver(client, django_capture_on_commit_callbacks, event, signature="t=1,v1=00")
    # Signed for real, but the body was changed afterwards.
    tampered = client.post(
        "/payments/stripe/webhook/", data=payload.replace(b'"succeeded"', b'"canceled"'),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload, WEBHOOK_SECRET),
    )

    assert (forged.status_code, unsigned.status_code, tampered.status_code) == (400, 400, 400)
    assert StripeEvent.objects.count() == 0
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT and paid_events(card_order) == []


def test_the_webhook_refuses_get(client):
    assert client.get("/payments/stripe/webhook/").status_code == 405


def test_succeeded_marks_the_order_paid_once_even_when_replayed_three_times(
        client, card_order, intent_id, fake_stripe, mailoutbox,
        django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])

    responses = [deliver(client, django_capture_on_commit_callbacks, event) for _ in range(4)]

    assert [r.status_code for r in responses] == [200] * 4
    stored = StripeEvent.objects.get()
    assert (stored.event_id, stored.type, stored.error) == (
        event["id"], "payment_intent.succeeded", "")
    assert stored.processed_at is not None and stored.payload == event
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID
    assert {line.status for line in card_order.lines.all()} == {OrderStatus.PAID}
    (paid,) = paid_events(card_order)
    assert (paid.amount, paid.reference) == (card_order.total_incl_tax, intent_id)
    source = card_order.sources.get()
    assert (source.amount_debited, source.reference) == (card_order.total_incl_tax, card_order.number)
    payment = StripePayment.objects.get(order=card_order)
    assert (payment.status, payment.last_error) == ("succeeded", "")
    # The buyer is emailed once, whether or not they came back from Stripe's page.
    to_buyer = [m for m in mailoutbox if card_order.guest_email in m.to]
    assert len(to_buyer) == 1 and card_order.number in to_buyer[0].subject
    # The artisan hears once too, of their own line (payments.artisan_emails).
    artisan = card_order.lines.get().partner.artisan
    assert [m.to for m in mailoutbox if m not in to_buyer] == [
        [u.email] for u in artisan.partner.users.all()]
    # The intent was fetched afresh for the first delivery only.
    fetches = [r for r in fake_stripe.requests
               if r["method"] == "GET" and r["path"].startswith(f"/v1/payment_intents/{intent_id}")]
    assert len(fetches) == 1


def test_a_failure_event_arriving_after_success_leaves_the_order_paid(
        client, card_order, intent_id, fake_stripe, django_capture_on_commit_callbacks):
    fake_stripe.fail(intent_id)
    failed = fake_stripe.event("payment_intent.payment_failed", fake_stripe.intents[intent_id])
    fake_stripe.succeed(intent_id)  # The buyer tried another card, which worked.
    succeeded = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])

    deliver(client, django_capture_on_commit_callbacks, succeeded)
    deliver(client, django_capture_on_commit_callbacks, failed)  # Late, out of order.

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID
    assert len(paid_events(card_order)) == 1
    assert StripeEvent.objects.filter(processed_at__isnull=False).count() == 2
    payment = StripePayment.objects.get(order=card_order)
    assert (payment.status, payment.last_error) == ("succeeded", "")


def test_a_failed_payment_leaves_the_order_unpaid_with_the_reason(
        client, card_order, intent_id, fake_stripe, mailoutbox,
        django_capture_on_commit_callbacks):
    fake_stripe.fail(intent_id, message="Your card has insufficient funds.")
    event = fake_stripe.event("payment_intent.payment_failed", fake_stripe.intents[intent_id])

    response = deliver(client, django_capture_on_commit_callbacks, event)

    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT and paid_events(card_order) == []
    payment = StripePayment.objects.get(order=card_order)
    assert (payment.status, payment.last_error) == (
        "requires_payment_method", "Your card has insufficient funds.")
    assert mailoutbox == []


def test_a_cancelled_intent_leaves_the_order_unpaid_with_the_reason(
        client, card_order, intent_id, fake_stripe, django_capture_on_commit_callbacks):
    fake_stripe.cancel(intent_id, reason="abandoned")
    event = fake_stripe.event("payment_intent.canceled", fake_stripe.intents[intent_id])

    deliver(client, django_capture_on_commit_callbacks, event)

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT
    payment = StripePayment.objects.get(order=card_order)
    assert payment.status == "canceled" and "abandoned" in payment.last_error


def test_a_payload_that_claims_success_is_not_believed(
        client, card_order, intent_id, fake_stripe, django_capture_on_commit_callbacks):
    """The event says succeeded; Stripe, asked afresh, says the buyer has not paid."""
    claimed = dict(fake_stripe.intents[intent_id], status="succeeded",
                   amount_received=fake_stripe.intents[intent_id]["amount"])
    event = fake_stripe.event("payment_intent.succeeded", claimed)

    deliver(client, django_capture_on_commit_callbacks, event)

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT and paid_events(card_order) == []


def test_a_mismatched_amount_is_not_paid_and_staff_are_told(
        client, card_order, intent_id, fake_stripe, payments_staff, mailoutbox,
        django_capture_on_commit_callbacks):
    # The intent was altered in Stripe's dashboard to charge Rp 1.000 instead.
    fake_stripe.intents[intent_id]["amount"] = 100000
    fake_stripe.succeed(intent_id)
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])

    deliver(client, django_capture_on_commit_callbacks, event)

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT and paid_events(card_order) == []
    assert card_order.sources.get().amount_debited == 0
    payment = StripePayment.objects.get(order=card_order)
    assert "100000" in payment.last_error and "127500000" in payment.last_error
    assert StripeEvent.objects.get().error == payment.last_error
    assert [m.to for m in mailoutbox] == [[payments_staff.email]]
    assert card_order.number in mailoutbox[0].subject


def test_money_for_a_cancelled_order_is_recorded_and_staff_told_to_refund(
        client, card_order, intent_id, fake_stripe, payments_staff, mailoutbox,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=card_order, user=payments_staff, reason="Buyer asked")
    mailoutbox.clear()  # The buyer's cancellation email.
    # The buyer paid in a tab left open, just before the cancellation reached Stripe.
    fake_stripe.succeed(intent_id)
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])

    response = deliver(client, django_capture_on_commit_callbacks, event)
    deliver(client, django_capture_on_commit_callbacks, event)

    assert response.status_code == 200
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.CANCELLED  # Not resurrected.
    assert {line.status for line in card_order.lines.all()} == {OrderStatus.CANCELLED}
    assert paid_events(card_order) == []
    payment = StripePayment.objects.get(order=card_order)
    from django.utils.translation import gettext

    assert payment.status == "succeeded"
    assert payment.last_error == gettext(
        "Order %(number)s was cancelled, but Stripe took its payment (%(intent)s): refund it."
    ) % {"number": card_order.number, "intent": intent_id}
    stored = StripeEvent.objects.get()
    assert stored.processed_at is not None and stored.error == payment.last_error
    assert [m.to for m in mailoutbox] == [[payments_staff.email]]
    assert card_order.notes.filter(message=payment.last_error).count() == 1


def test_a_refund_made_by_staff_is_recorded_when_stripe_confirms_it(
        client, card_order, intent_id, fake_stripe, payments_staff,
        django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)
    deliver(client, django_capture_on_commit_callbacks,
            fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id]))

    refund = order_refund_by_card(order=card_order, user=payments_staff,
                                  amount=Decimal("350000"), reason="A line cannot ship")

    assert refund["amount"] == 35000000 and refund["payment_intent"] == intent_id
    # Nothing is recorded until Stripe's webhook confirms it.
    assert StripePayment.objects.get(order=card_order).amount_refunded == 0
    charge = fake_stripe.charges[fake_stripe.intents[intent_id]["latest_charge"]]
    event = fake_stripe.event("charge.refunded", charge)
    for _ in range(2):
        assert deliver(client, django_capture_on_commit_callbacks, event).status_code == 200

    payment = StripePayment.objects.get(order=card_order)
    assert payment.amount_refunded == Decimal("350000")
    (refunded,) = PaymentEvent.objects.filter(order=card_order, event_type__name="Refunded")
    # Recorded per Stripe refund, named by its id (not the charge's), so the same money
    # is never counted twice whichever way it was asked.
    assert (refunded.amount, refunded.reference) == (Decimal("350000"), refund["id"])
    assert card_order.sources.get().amount_refunded == Decimal("350000")
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.PAID


def test_an_event_for_an_unknown_intent_is_stored_with_the_reason(
        client, fake_stripe, django_capture_on_commit_callbacks):
    event = fake_stripe.event("payment_intent.succeeded", {"id": "pi_elsewhere", "object": "payment_intent"})

    response = deliver(client, django_capture_on_commit_callbacks, event)

    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.processed_at is not None and "pi_elsewhere" in stored.error


def test_cancelling_an_unpaid_card_order_cancels_its_intent_in_stripe(
        card_order, intent_id, fake_stripe, payments_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=card_order, user=payments_staff, reason="Buyer asked")

    assert fake_stripe.intents[intent_id]["status"] == "canceled"
    assert StripePayment.objects.get(order=card_order).status == "canceled"


# --- Bodies Stripe's library cannot read as an event, and signatures out of time ----

def post_signed(client, payload: bytes, *, timestamp: int | None = None):
    """POST `payload` as it is, signed for real (at `timestamp`, now by default)."""
    return client.post(
        "/payments/stripe/webhook/", data=payload, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload, WEBHOOK_SECRET, timestamp=timestamp),
    )


@pytest.mark.parametrize("payload", [
    pytest.param(b"[]", id="empty-array"),
    pytest.param(b'[{"id": "evt_1", "object": "event", "type": "payment_intent.succeeded"}]',
                 id="array-of-events"),
    pytest.param(b"42", id="number"),
    pytest.param(b'"payment_intent.succeeded"', id="string"),
    pytest.param(b"null", id="null"),
    pytest.param(b"true", id="boolean"),
    pytest.param(b"{not json", id="invalid-json"),
    pytest.param(b"", id="empty"),
    pytest.param(b'{"id": "evt_\xff\xfe", "object": "event"}', id="not-utf-8"),
    pytest.param(b'{"object": "event", "type": "payment_intent.succeeded", "data": {"object": {}}}',
                 id="no-id"),
    pytest.param(b'{"id": "evt_1", "object": "event", "data": {"object": {}}}', id="no-type"),
    pytest.param(b'{"id": 7, "object": "event", "type": "payment_intent.succeeded", '
                 b'"data": {"object": {}}}', id="id-not-a-string"),
    pytest.param(b'{"id": "evt_1", "object": "event", "type": ["payment_intent.succeeded"], '
                 b'"data": {"object": {}}}', id="type-not-a-string"),
    pytest.param(b'{"id": "pi_1", "object": "payment_intent", "type": "payment_intent.succeeded", '
                 b'"data": {"object": {}}}', id="not-an-event"),
    pytest.param(b'{"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", '
                 b'"data": [1]}', id="data-not-an-object"),
    pytest.param(b'{"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", '
                 b'"data": {"object": "pi_1"}}', id="data-object-not-an-object"),
    # What json.loads takes but PostgreSQL's jsonb and text columns do not.
    pytest.param(b'{"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", '
                 b'"data": {"object": {"amount": NaN}}}', id="nan"),
    pytest.param(b'{"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", '
                 b'"data": {"object": {"id": "pi_\\u0000"}}}', id="nul-character"),
    pytest.param(b'{"id": "' + b"e" * 256 + b'", "object": "event", "type": "x", '
                 b'"data": {"object": {}}}', id="id-too-long"),
    pytest.param(b'{"id": "evt_1", "object": "event", "type": "x", "data": {"object": '
                 + b"[" * 100_000 + b"]" * 100_000 + b"}}", id="nested-too-deep"),
])
def test_a_signed_body_that_is_not_a_stripe_event_gets_400_and_stores_nothing(
        client, fake_stripe, payload):
    response = post_signed(client, payload)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"not a Stripe event"
    assert StripeEvent.objects.count() == 0


@pytest.mark.parametrize("seconds", [3600, 301, -301, -3600])
def test_a_signature_dated_outside_five_minutes_either_way_gets_400_and_stores_nothing(
        client, card_order, intent_id, fake_stripe, seconds, django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)
    payload = json.dumps(
        fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_signed(client, payload, timestamp=int(time.time()) + seconds)

    assert (response.status_code, response.content) == (400, b"invalid signature")
    assert StripeEvent.objects.count() == 0
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT and paid_events(card_order) == []


@pytest.mark.parametrize("seconds", [-240, 0, 240])
def test_a_signature_dated_within_five_minutes_either_way_is_accepted(
        client, fake_stripe, seconds, django_capture_on_commit_callbacks):
    event = fake_stripe.event("customer.created", {"id": "cus_1", "object": "customer"})
    payload = json.dumps(event).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_signed(client, payload, timestamp=int(time.time()) + seconds)

    assert response.status_code == 200
    assert StripeEvent.objects.get().event_id == event["id"]
