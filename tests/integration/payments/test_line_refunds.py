"""Council staff refund order lines of card orders through Stripe; Stripe's webhook
confirms, and only then the line is refunded (one "refunded" event, money counted once).

Every call goes through the official SDK to the local fake of Stripe's API, and every
webhook is signed for real with the test secret.
"""
from decimal import Decimal

import pytest
from django.contrib.messages import ERROR, SUCCESS
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import PaymentEvent

from fulfilment import services as fulfilment
from fulfilment.errors import InvalidRefund, NotAllowed
from fulfilment.models import LineShipment, LineShipmentEvent
from payments.statuses import LineStatus, OrderStatus
from fulfilment import refunds as fulfilment_refunds
from payments import card, card_refunds
from payments.errors import RefundAlreadyRequested
from payments.models import CardRefund, StripeEvent, StripePayment
from payments.selectors import order_paid_by_card
from tests.factories import UserFactory
from tests.support.stripe import post_event

pytestmark = pytest.mark.django_db

SHIPPING = Decimal("25000")
SHIP = {"courier": "jne", "tracking_number": "CGK1234567890"}


def deliver(client, capture, event):
    """Stripe POSTs the event; the Celery task (eager) and its emails run after commit."""
    with capture(execute=True):
        response = post_event(client, event)
    assert response.status_code == 200
    # Applied, not left with an exception for staff to look at.
    assert StripeEvent.objects.get(event_id=event["id"]).processed_at is not None
    return response


def charge_of(fake, order):
    intent = fake.intents[StripePayment.objects.get(order=order).payment_intent_id]
    return fake.charges[intent["latest_charge"]]


def charge_refunded(client, capture, fake, order):
    """Stripe says the order's charge was refunded (a snapshot of the charge as it is now)."""
    return deliver(client, capture, fake.event("charge.refunded", charge_of(fake, order)))


def refund_events(line):
    return LineShipmentEvent.objects.filter(line=line, kind=LineShipmentEvent.Kind.REFUNDED)


def refunded_payments(order):
    return PaymentEvent.objects.filter(order=order, event_type__name="Refunded")


def _levels(response):
    return [message.level for message in response.context["messages"]]


# --- asking Stripe ---------------------------------------------------------------------

def test_a_double_submit_asks_stripe_for_one_refund_of_exactly_the_line(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Retak saat dibakar.")
    client.force_login(payments_staff)
    client.cookies["django_language"] = "en"
    url = reverse("fulfilment-line-card-refund", args=[own.pk])

    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    assert _levels(first) == [SUCCESS] and _levels(second) == [ERROR]
    (refund,) = fake_stripe.refunds.values()
    assert (refund["amount"], refund["metadata"]) == (
        125000000, {"order_number": order.number, "line_id": str(own.pk)})
    posts = [r for r in fake_stripe.requests
             if r["method"] == "POST" and r["path"] == "/v1/refunds"]
    assert [r["headers"]["Idempotency-Key"] for r in posts] == [
        f"pasar-kriya:line:{own.pk}:refund:1"]
    row = CardRefund.objects.get()
    assert (row.line, row.amount, row.status, row.refund_id, row.requested_by) == (
        own, Decimal("1250000"), "requested", refund["id"], payments_staff)
    # Nothing moves before Stripe confirms: the line waits, the page says so.
    assert LineShipment.objects.get(line=own).state == "unable"
    assert not refund_events(own).exists() and not refunded_payments(order).exists()
    page = client.get(reverse("fulfilment-unable-lines")).content.decode()
    assert 'data-refund="requested"' in page and refund["id"] in page


def test_the_same_request_replayed_by_the_sdk_is_one_refund_in_stripe(
        card_order_of_two, artisan_user, fake_stripe):
    """A retry after a timeout sends the same key: Stripe answers with the first refund."""
    order, own, _other = card_order_of_two
    payment = StripePayment.objects.get(order=order)
    from payments import gateway

    key = card_refunds.line_refund_idempotency_key(line_id=own.pk, attempt=1)
    first = gateway.refund_create(payment_intent_id=payment.payment_intent_id, amount=125000000,
                                  idempotency_key=key, metadata={"line_id": str(own.pk)})
    again = gateway.refund_create(payment_intent_id=payment.payment_intent_id, amount=125000000,
                                  idempotency_key=key, metadata={"line_id": str(own.pk)})

    assert first["id"] == again["id"] and len(fake_stripe.refunds) == 1


def test_charge_refunded_confirms_it_once_even_replayed_and_reordered(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe, mailoutbox,
        django_capture_on_commit_callbacks, settings):
    settings.LANGUAGE_CODE = "en"
    order, own, other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Retak saat dibakar.")
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    stale = fake_stripe.event("charge.refunded", charge_of(fake_stripe, order))
    mailoutbox.clear()

    confirmed = fake_stripe.event("refund.updated", fake_stripe.refunds[row.refund_id])
    deliver(client, django_capture_on_commit_callbacks, confirmed)
    for event in (stale, confirmed, stale):  # late, replayed, out of order
        deliver(client, django_capture_on_commit_callbacks, event)

    shipment = LineShipment.objects.get(line=own)
    assert (shipment.state, shipment.refunded_by) == ("refunded", payments_staff)
    (event,) = refund_events(own)
    assert (event.from_state, event.to_state, event.actor) == ("unable", "refunded",
                                                                 payments_staff)
    (money,) = refunded_payments(order)
    assert (money.amount, money.reference) == (Decimal("1250000"), row.refund_id)
    assert list(money.lines.all()) == [own]
    payment = StripePayment.objects.get(order=order)
    assert payment.amount_refunded == Decimal("1250000")
    assert order.sources.get().amount_refunded == Decimal("1250000")
    row.refresh_from_db()
    assert row.status == "succeeded" and row.settled_at is not None
    own.refresh_from_db()
    order.refresh_from_db()
    assert own.status == LineStatus.REFUNDED
    assert order.status == OrderStatus.PAID  # the other artisan's line is still to send
    assert StripeEvent.objects.filter(processed_at__isnull=False).count() == 3
    [email] = mailoutbox
    assert email.to == ["pembeli@example.id"] and "card" in email.body


def test_a_pending_refund_waits_until_stripe_says_succeeded(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe,
        django_capture_on_commit_callbacks):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    fake_stripe.refund_status = "pending"
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)

    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)
    assert LineShipment.objects.get(line=own).state == "unable"
    assert CardRefund.objects.get().status == "requested"

    fake_stripe.refund_succeed(row.refund_id)
    deliver(client, django_capture_on_commit_callbacks,
            fake_stripe.event("refund.updated", fake_stripe.refunds[row.refund_id]))
    assert LineShipment.objects.get(line=own).state == "refunded"
    assert refund_events(own).count() == 1 and refunded_payments(order).count() == 1


def test_a_failed_refund_leaves_the_line_unable_and_tells_staff(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe, mailoutbox,
        django_capture_on_commit_callbacks):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    fake_stripe.refund_status = "pending"
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    fake_stripe.refund_fail(row.refund_id)
    mailoutbox.clear()

    failed = fake_stripe.event("refund.failed", fake_stripe.refunds[row.refund_id])
    deliver(client, django_capture_on_commit_callbacks, failed)
    deliver(client, django_capture_on_commit_callbacks, failed)
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    row.refresh_from_db()
    assert (row.status, row.failure_reason) == ("failed", "expired_or_canceled_card")
    assert LineShipment.objects.get(line=own).state == "unable"
    assert not refund_events(own).exists() and not refunded_payments(order).exists()
    assert StripePayment.objects.get(order=order).amount_refunded == 0
    assert [m.to for m in mailoutbox] == [[payments_staff.email]]
    assert row.refund_id in mailoutbox[0].body
    client.force_login(payments_staff)
    page = client.get(reverse("fulfilment-unable-lines")).content.decode()
    assert 'data-refund="failed"' in page
    assert reverse("fulfilment-line-card-refund", args=[own.pk]) in page

    # Staff try again: a new refund under a new key, confirmed this time.
    fake_stripe.refund_status = "succeeded"
    again = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    assert again.attempt == 2 and again.refund_id != row.refund_id
    keys = [r["headers"].get("Idempotency-Key") for r in fake_stripe.requests
            if r["method"] == "POST" and r["path"] == "/v1/refunds"]
    assert keys == [f"pasar-kriya:line:{own.pk}:refund:1", f"pasar-kriya:line:{own.pk}:refund:2"]
    assert LineShipment.objects.get(line=own).state == "refunded"
    assert refund_events(own).count() == 1
    assert [p.amount for p in refunded_payments(order)] == [Decimal("1250000")]


def test_a_succeeded_snapshot_read_before_the_refund_failed_does_not_undo_the_failure(
        card_order_of_two, artisan_user, payments_staff, fake_stripe, monkeypatch):
    # Given a refund Stripe reported succeeded, then failed (the card was closed), and
    # the newer "failed" snapshot already applied by one worker...
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    charge_id = fake_stripe.refunds[row.refund_id]["charge"]
    read_before = [dict(fake_stripe.refunds[row.refund_id])]
    assert read_before[0]["status"] == "succeeded"
    fake_stripe.refund_fail(row.refund_id)
    card_refunds.refund_sync(charge_id=charge_id)
    # ...when another worker, which listed the refunds before the failure, applies its
    # snapshot last (refund_sync lists them before taking the order's lock)
    monkeypatch.setattr(card_refunds.gateway, "refund_list", lambda *, charge_id: read_before)
    card_refunds.refund_sync(charge_id=charge_id)

    # then the failure stands: no money counted, the line still waits for a refund
    row.refresh_from_db()
    assert row.status == "failed"
    assert LineShipment.objects.get(line=own).state == "unable"
    assert not refund_events(own).exists() and not refunded_payments(order).exists()
    assert StripePayment.objects.get(order=order).amount_refunded == 0


def test_a_declined_intent_read_before_the_payment_succeeded_leaves_it_paid_by_card(
        card_order_of_two, artisan_user, payments_staff, fake_stripe, monkeypatch):
    # Given a paid card order whose first try was declined, and a worker that fetched
    # the intent then (payment_intent.payment_failed) applying it after the success...
    order, own, _other = card_order_of_two
    payment = StripePayment.objects.get(order=order)
    declined = {**fake_stripe.intents[payment.payment_intent_id],
                "status": "requires_payment_method",
                "last_payment_error": {"message": "Your card was declined."}}
    with monkeypatch.context() as patched:
        patched.setattr(card.gateway, "payment_intent_retrieve", lambda intent_id: declined)
        card.payment_sync(payment_intent_id=payment.payment_intent_id)

    # then the payment stays succeeded, and the order's lines are refunded through Stripe
    payment.refresh_from_db()
    assert (payment.status, payment.last_error) == ("succeeded", "")
    assert order_paid_by_card(order=order)
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    assert (row.status, row.amount) == ("requested", Decimal("1250000"))
    assert len(fake_stripe.refunds) == 1


# --- lines that were sent, the whole order, and the order's own form ---------------------

def test_a_shipped_line_is_refunded_with_a_reason(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe,
        django_capture_on_commit_callbacks):
    order, own, _other = card_order_of_two
    fulfilment.line_ship(line_id=own.pk, user=artisan_user, **SHIP)

    with pytest.raises(InvalidRefund):
        fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff, reason="  ")
    assert fake_stripe.refunds == {}
    row = fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff,
                                      reason="Pembeli mengembalikan: pecah di jalan.")
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    shipment = LineShipment.objects.get(line=own)
    assert (shipment.state, shipment.refund_reason) == (
        "refunded", "Pembeli mengembalikan: pecah di jalan.")
    kinds = list(LineShipmentEvent.objects.filter(line=own).values_list("kind", flat=True))
    assert kinds == ["shipped", "refunded"]
    assert refund_events(own).get().from_state == "shipped"
    assert row.refund_id in refund_events(own).get().note


def test_the_whole_order_is_refunded_line_by_line(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe,
        django_capture_on_commit_callbacks):
    order, own, other = card_order_of_two
    fulfilment.line_ship(line_id=own.pk, user=artisan_user, **SHIP)  # other: still waiting
    client.force_login(payments_staff)
    url = reverse("fulfilment-order-refund", kwargs={"number": order.number})
    back = reverse("dashboard:order-detail", kwargs={"number": order.number})

    response = client.post(url, {"reason": "Pembeli membatalkan.", "next": back})
    client.post(url, {"reason": "Pembeli membatalkan.", "next": back})  # double click

    assert response.status_code == 302 and response["Location"] == back
    assert sorted(r["amount"] for r in fake_stripe.refunds.values()) == [40000000, 125000000]
    # The line not sent yet was taken back from its artisan first.
    assert LineShipment.objects.get(line=other).state == "unable"
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    assert set(LineShipment.objects.filter(line__order=order).values_list("state", flat=True)) == {
        "refunded"}
    assert refund_events(own).count() == 1 and refund_events(other).count() == 1
    order.refresh_from_db()
    assert order.status == LineStatus.REFUNDED
    assert StripePayment.objects.get(order=order).amount_refunded == Decimal("1650000")
    assert refunded_payments(order).count() == 2


def test_the_order_form_and_the_line_path_never_count_money_twice(
        client, card_order_of_two, artisan_user, payments_staff, fake_stripe,
        django_capture_on_commit_callbacks):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    card_refunds.order_refund_by_card(order=order, user=payments_staff, amount=SHIPPING,
                                 reason="Ongkos kirim")
    fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    # What is left counts both refunds waiting for Stripe.
    payment = StripePayment.objects.get(order=order)
    assert card_refunds.amount_left_to_refund(payment=payment) == Decimal("400000")

    for _ in range(3):
        charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("1275000")
    assert sorted(p.amount for p in refunded_payments(order)) == [SHIPPING, Decimal("1250000")]
    assert order.sources.get().amount_refunded == Decimal("1275000")
    assert refund_events(own).count() == 1


def test_a_refund_made_in_stripes_dashboard_is_recorded_and_moves_its_line(
        client, card_order_of_two, artisan_user, fake_stripe, django_capture_on_commit_callbacks):
    """Asked outside the shop, with the line named in its metadata."""
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    payment = StripePayment.objects.get(order=order)
    from payments import gateway

    gateway.refund_create(payment_intent_id=payment.payment_intent_id, amount=125000000,
                          idempotency_key="elsewhere-1", metadata={"line_id": str(own.pk)})
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    assert CardRefund.objects.get().line == own
    assert LineShipment.objects.get(line=own).state == "refunded"
    assert refund_events(own).count() == 1 and refunded_payments(order).count() == 1


def test_a_card_orders_line_cannot_be_recorded_refunded_by_hand(
        card_order_of_two, artisan_user, payments_staff):
    _order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    with pytest.raises(NotAllowed):
        fulfilment.line_refund(line_id=own.pk, user=payments_staff, note="BCA 1")
    assert LineShipment.objects.get(line=own).state == "unable"


def test_a_second_request_while_one_waits_is_refused(
        card_order_of_two, artisan_user, payments_staff, fake_stripe):
    _order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    with pytest.raises(RefundAlreadyRequested):
        fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    assert len(fake_stripe.refunds) == 1 and CardRefund.objects.count() == 1


# --- who may ---------------------------------------------------------------------------

def test_artisans_buyers_and_other_staff_cannot_refund(
        card_order_of_two, artisan_user, fake_stripe):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    actions = [reverse("fulfilment-line-card-refund", args=[own.pk]),
               reverse("fulfilment-line-refund", args=[own.pk]),
               reverse("fulfilment-order-refund", kwargs={"number": order.number})]

    anonymous = Client()
    assert all("login" in anonymous.post(url, {"reason": "x"})["Location"] for url in actions)
    for user in (artisan_user, order.user):
        client = Client()
        client.force_login(user)
        assert [client.post(url, {"reason": "x"}).status_code for url in actions] == [403] * 3
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))  # staff, but not managing payments
    refused = staff.post(actions[0], {"reason": "x"}, follow=True)
    assert _levels(refused) == [ERROR]
    refused = staff.post(actions[2], {"reason": "x"}, follow=True)
    assert _levels(refused) == [ERROR]

    assert fake_stripe.refunds == {} and not CardRefund.objects.exists()
    assert LineShipment.objects.get(line=own).state == "unable"


def test_the_dashboard_order_page_shows_each_lines_refund(
        client, card_order_of_two, artisan_user, payments_staff):
    order, own, other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    fulfilment_refunds.line_refund_by_card(line_id=own.pk, user=payments_staff)
    client.force_login(payments_staff)

    html = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})
                      ).content.decode()

    assert 'id="order-line-refunds"' in html and 'data-refund="requested"' in html
    assert f'data-line="{own.pk}" data-line-state="cancelled"' in html
    assert f'data-line="{other.pk}" data-line-state="paid"' in html
    assert reverse("fulfilment-order-refund", kwargs={"number": order.number}) in html


def test_a_partial_refund_made_in_stripe_naming_a_line_is_counted_but_moves_no_line(
        client, card_order_of_two, artisan_user, fake_stripe, django_capture_on_commit_callbacks):
    order, own, _other = card_order_of_two
    fulfilment.line_unable(line_id=own.pk, user=artisan_user, reason="Hilang.")
    payment = StripePayment.objects.get(order=order)
    from payments import gateway

    gateway.refund_create(payment_intent_id=payment.payment_intent_id, amount=10000000,
                          idempotency_key="elsewhere-2", metadata={"line_id": str(own.pk)})
    charge_refunded(client, django_capture_on_commit_callbacks, fake_stripe, order)

    row = CardRefund.objects.get()
    assert (row.line, row.amount, row.status) == (None, Decimal("100000"), "succeeded")
    assert LineShipment.objects.get(line=own).state == "unable"
    assert StripePayment.objects.get(order=order).amount_refunded == Decimal("100000")
    assert not refund_events(own).exists()
