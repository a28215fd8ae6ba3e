"""A card payment is never lost between Stripe and the shop: a stored event that was
never applied is applied by the sweep, and an unpaid card order is asked of Stripe
before it is cancelled."""
from datetime import timedelta

import pytest
import stripe
from django.utils import timezone
from oscar.apps.order.models import Order

from core.outbox.models import OutboxMessage, OutboxState
from payments.services import orders_cancel_unpaid
from payments.statuses import OrderStatus
from payments.models import StripeEvent
from payments.card import stripe_event_record, stripe_events_unapplied_requeue
from payments.tasks import stripe_event_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def intent_id(card_order, fake_stripe):
    (intent_id,) = fake_stripe.intents
    return intent_id


def overdue(order, settings):
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=settings.BANK_TRANSFER_DAYS + 1))


def test_a_card_order_paid_at_stripe_is_marked_paid_not_cancelled(
        card_order, intent_id, fake_stripe, settings, django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)  # paid, but the webhook never arrived
    overdue(card_order, settings)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = orders_cancel_unpaid()

    card_order.refresh_from_db()
    assert cancelled == 0
    assert card_order.status == OrderStatus.PAID
    asked = [r for r in fake_stripe.requests
             if r["method"] == "GET" and r["path"].startswith(f"/v1/payment_intents/{intent_id}")]
    assert len(asked) == 1


def test_a_card_order_stripe_cannot_be_asked_about_waits(
        card_order, intent_id, fake_stripe, settings):
    overdue(card_order, settings)
    stripe.api_base = "http://127.0.0.1:9"  # nothing answers there

    assert orders_cancel_unpaid() == 0
    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.AWAITING_PAYMENT


def test_an_unpaid_card_order_is_cancelled_once_stripe_says_so(
        card_order, intent_id, fake_stripe, settings, django_capture_on_commit_callbacks):
    overdue(card_order, settings)

    with django_capture_on_commit_callbacks(execute=True):
        assert orders_cancel_unpaid() == 1

    card_order.refresh_from_db()
    assert card_order.status == OrderStatus.CANCELLED


def test_a_stored_event_never_applied_is_applied_by_the_sweep(
        card_order, intent_id, fake_stripe, django_capture_on_commit_callbacks):
    fake_stripe.succeed(intent_id)
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])
    stored, _ = stripe_event_record(event=event)  # stored; its delivery gave up long ago
    StripeEvent.objects.filter(pk=stored.pk).update(
        received_at=timezone.now() - timedelta(minutes=30))

    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_events_unapplied_requeue() == 1

    stored.refresh_from_db()
    card_order.refresh_from_db()
    assert stored.processed_at is not None
    assert card_order.status == OrderStatus.PAID
    assert stripe_events_unapplied_requeue() == 0  # applied: nothing more to do


def test_an_event_whose_delivery_still_waits_is_not_promised_twice(card_order, intent_id,
                                                                     fake_stripe):
    event = fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id])
    stored, _ = stripe_event_record(event=event)
    StripeEvent.objects.filter(pk=stored.pk).update(
        received_at=timezone.now() - timedelta(minutes=30))
    OutboxMessage.objects.create(task_name=stripe_event_process.name,
                                 kwargs={"event_id": stored.event_id},
                                 state=OutboxState.PENDING)

    assert stripe_events_unapplied_requeue() == 0
    assert OutboxMessage.objects.filter(task_name=stripe_event_process.name).count() == 1
