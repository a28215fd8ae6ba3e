"""The rules of paying for an order by card through Stripe.

The buyer's side: `payment_intent_for_order` makes (once) the PaymentIntent for the
order's total, so the payment page can show Stripe's Payment Element.

Stripe's side: webhooks are the source of truth. `stripe_event_record` stores a
signed event as received; `stripe_event_apply` (run by the Celery task) applies it
once. What an event means is never read from its payload: the PaymentIntent or the
Charge it names is fetched afresh from Stripe, so events arriving late, twice or out
of order all lead to the same result.

Refunds (of a line, or an amount of the order) live in payments.card_refunds; the
refund webhooks (charge.refunded and the refund's own events) are applied there by
`refund_sync`, from the charge's refunds fetched afresh.
"""
import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, OrderNote
from oscar.apps.payment.models import Source

from core.outbox.services import outbox_enqueue
from payments import gateway
from payments.amounts import STRIPE_CURRENCY, idr_to_stripe_amount
from payments.errors import (
    CardPaymentUnavailable,
    OrderNotPayableByCard,
    StripeNotConfigured,
)
from payments.models import StripeEvent, StripePayment
from payments.card_refunds import refund_sync
from payments.selectors import card_source_type, order_card_source
from payments.services import order_paid_record
from payments.statuses import OrderStatus
from payments.tasks import stripe_order_notify


logger = logging.getLogger(__name__)


# Events whose object is a PaymentIntent: each makes us fetch the intent afresh.
PAYMENT_INTENT_EVENTS = frozenset({
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.processing",
    "payment_intent.requires_action",
})
CHARGE_REFUNDED_EVENT = "charge.refunded"
# Events whose object is a Refund: its charge's refunds are fetched afresh.
REFUND_EVENTS = frozenset({
    "refund.created", "refund.updated", "refund.failed", "charge.refund.updated",
})
FAILED_STATUSES = frozenset({"requires_payment_method", "canceled"})
# A PaymentIntent in these statuses cannot be cancelled any more (or needs not be).
UNCANCELLABLE_STATUSES = frozenset({"succeeded", "canceled"})


def payment_intent_idempotency_key(order_number: str) -> str:
    """One key per order: however often the payment page is opened (a double click,
    two tabs, a retry after a timeout), Stripe creates one PaymentIntent."""
    return f"pasar-kriya:order:{order_number}:payment-intent"


def payment_intent_for_order(*, order: Order) -> tuple[StripePayment, str]:
    """The order's PaymentIntent and its client secret, created on first call for the
    order's total (rupiah × 100, "idr", automatic payment methods, metadata
    order_number) and reused after.

    The order row is locked while the intent is created and recorded, and the
    creation carries an idempotency key derived from the order number, so concurrent
    calls end with one intent and one StripePayment.

    Raises StripeNotConfigured (no keys), OrderNotPayableByCard (the order is not
    awaiting a card payment, or not in rupiah), CardPaymentUnavailable (Stripe could
    not be reached; nothing is recorded).
    """
    if not gateway.stripe_configured():
        raise StripeNotConfigured(_("Card payments are not available right now."))
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
        if (order.status != OrderStatus.AWAITING_PAYMENT
                or order_card_source(order=order) is None
                or order.currency.upper() != "IDR"):
            raise OrderNotPayableByCard(
                _("Order %(number)s is not awaiting a card payment.") % {"number": order.number}
            )
        payment = StripePayment.objects.filter(order=order).first()
        if payment is None:
            intent = gateway.payment_intent_create(
                amount=idr_to_stripe_amount(order.total_incl_tax),
                currency=STRIPE_CURRENCY,
                order_number=order.number,
                idempotency_key=payment_intent_idempotency_key(order.number),
                # Not translated: a retry in another language must send the very same
                # parameters, or Stripe refuses the idempotency key.
                description=f"Pasar Kriya order {order.number}",
            )
            payment = StripePayment.objects.create(
                order=order, payment_intent_id=intent["id"], amount=order.total_incl_tax,
                currency=order.currency.upper(), status=intent["status"],
            )
            return payment, intent["client_secret"]
    intent = gateway.payment_intent_retrieve(payment.payment_intent_id)
    if intent["status"] != payment.status:
        # Only what the page needs (has the buyer paid already?); the order itself is
        # changed by the webhook alone.
        StripePayment.objects.filter(pk=payment.pk).update(status=intent["status"])
        payment.status = intent["status"]
    return payment, intent["client_secret"]


def payment_intent_cancel(*, payment: StripePayment) -> bool:
    """Cancel in Stripe the PaymentIntent of an order that was cancelled before it was
    paid; returns False if Stripe refused (the buyer paid meanwhile: the
    payment_intent.succeeded webhook then tells staff to refund).

    Raises CardPaymentUnavailable when Stripe cannot be reached (the task retries).
    """
    from payments.errors import CardPaymentRefused

    try:
        intent = gateway.payment_intent_cancel(payment.payment_intent_id)
    except CardPaymentRefused as error:
        logger.warning("PaymentIntent %s not cancelled: %s", payment.payment_intent_id, error)
        return False
    StripePayment.objects.filter(pk=payment.pk).update(status=intent["status"])
    return True


def stripe_event_record(*, event: dict) -> tuple[StripeEvent, bool]:
    """Store a webhook event whose signature was checked; returns (row, created).

    The event id is unique: a replay or a retry by Stripe finds the stored row and
    stores nothing more. Raises nothing.
    """
    try:
        with transaction.atomic():
            return StripeEvent.objects.get_or_create(
                event_id=event["id"],
                defaults={"type": event.get("type", ""), "payload": event},
            )
    except IntegrityError:
        # The same event arrived twice at once; the other request stored it.
        return StripeEvent.objects.get(event_id=event["id"]), False


def stripe_event_apply(*, event_id: str) -> bool:
    """Apply a stored event once; returns False if it had been applied already.

    The event row is locked while it is applied and marked processed in the same
    transaction, so concurrent or repeated runs apply it once. An event for a payment
    that needs a person (wrong amount, a cancelled order) is still marked processed,
    with the reason in `error`.

    Raises StripeEvent.DoesNotExist for an unknown id, CardPaymentUnavailable when
    Stripe cannot be reached (nothing is changed; the task retries).
    """
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(event_id=event_id)
        if event.processed_at is not None:
            return False
        try:
            with transaction.atomic():
                event.error = _event_apply(event)
        except (CardPaymentUnavailable, StripeNotConfigured):
            raise
        except Exception as error:  # noqa: BLE001 - kept on the row for staff to see
            logger.exception("Stripe event %s could not be applied", event_id)
            event.error = f"{type(error).__name__}: {error}"
            event.save(update_fields=["error"])
            return False
        event.processed_at = timezone.now()
        event.save(update_fields=["error", "processed_at"])
    return True


def stripe_events_unapplied_requeue(*, older_than: timedelta = timedelta(minutes=10),
                                    limit: int = 100) -> int:
    """Promise again the application of stored events still not applied; returns how many.

    A webhook's event is promised to the task in the transaction that stores it (the
    outbox), but the task may have given up (Stripe unreachable for longer than its
    retries). Events received more than `older_than` ago, within the last week, with
    no delivery still waiting, are promised again; applying is idempotent.
    """
    from core.outbox.models import OutboxMessage, OutboxState
    from payments.tasks import stripe_event_process

    now = timezone.now()
    waiting = OutboxMessage.objects.filter(
        state=OutboxState.PENDING, task_name=stripe_event_process.name
    ).values_list("kwargs__event_id", flat=True)
    event_ids = list(
        StripeEvent.objects.filter(processed_at__isnull=True,
                                   received_at__lt=now - older_than,
                                   received_at__gte=now - timedelta(days=7))
        .exclude(event_id__in=[str(event_id) for event_id in waiting])
        .order_by("received_at").values_list("event_id", flat=True)[:limit]
    )
    with transaction.atomic():
        for event_id in event_ids:
            outbox_enqueue(task=stripe_event_process, kwargs={"event_id": event_id})
    return len(event_ids)


def order_card_payment_sync(*, order_id: int) -> None:
    """Ask Stripe about the order's PaymentIntent, if it has one, and apply the answer.

    Called before an unpaid order is cancelled automatically: a payment Stripe took
    but whose webhook was not applied yet marks the order paid instead.
    Raises CardPaymentUnavailable when Stripe cannot be reached.
    """
    payment = StripePayment.objects.filter(order_id=order_id).exclude(
        payment_intent_id="").first()
    if payment is not None:
        payment_sync(payment_intent_id=payment.payment_intent_id)


def _event_apply(event: StripeEvent) -> str:
    """Apply one event; returns what needs a person ("" when all is well)."""
    obj = (event.payload.get("data") or {}).get("object") or {}
    if event.type in PAYMENT_INTENT_EVENTS:
        return payment_sync(payment_intent_id=obj["id"])
    if event.type == CHARGE_REFUNDED_EVENT:
        return refund_sync(charge_id=obj["id"])
    if event.type in REFUND_EVENTS and obj.get("charge"):
        return refund_sync(charge_id=obj["charge"])
    return ""  # Not an event the council acts on.


def _lock_payment(payment_intent_id: str) -> tuple[Order, StripePayment] | None:
    payment = StripePayment.objects.filter(payment_intent_id=payment_intent_id).first()
    if payment is None:
        return None
    # The order first, as the checkout and the bank-transfer services lock it.
    order = Order.objects.select_for_update(of=("self",)).get(pk=payment.order_id)
    payment = StripePayment.objects.select_for_update().get(pk=payment.pk)
    return order, payment


def _intent_mismatch(intent: dict, order: Order) -> str:
    expected = idr_to_stripe_amount(order.total_incl_tax)
    received = intent.get("amount_received") or intent.get("amount")
    if (intent.get("currency") != STRIPE_CURRENCY or intent.get("amount") != expected
            or received != expected):
        return _("Stripe reports %(amount)s %(currency)s for order %(number)s, whose total "
                 "is %(expected)s idr (in Stripe units); the order was not marked paid.") % {
            "amount": received, "currency": intent.get("currency"),
            "number": order.number, "expected": expected,
        }
    if (intent.get("metadata") or {}).get("order_number") != order.number:
        return _("The PaymentIntent %(intent)s names another order (%(other)s) than "
                 "%(number)s; the order was not marked paid.") % {
            "intent": intent.get("id"), "number": order.number,
            "other": (intent.get("metadata") or {}).get("order_number"),
        }
    return ""


def payment_sync(*, payment_intent_id: str) -> str:
    """Bring the order in line with its PaymentIntent as fetched from Stripe now;
    returns what needs a person ("" when nothing does).

    succeeded, with the order's exact total in "idr": an order awaiting payment is
    marked paid (status, Oscar payment event, source debited, note) and the buyer is
    emailed; one already paid is left as it is. A wrong amount or currency: not paid,
    the error recorded and staff emailed. Money for an order already cancelled: the
    order stays cancelled, staff are told to refund. Failed or cancelled intents leave
    the order unpaid with the reason in last_error.

    Raises CardPaymentUnavailable when Stripe cannot be reached.
    """
    if not StripePayment.objects.filter(payment_intent_id=payment_intent_id).exists():
        return _("No order has the PaymentIntent %(intent)s.") % {"intent": payment_intent_id}
    intent = gateway.payment_intent_retrieve(payment_intent_id)
    with transaction.atomic():
        order, payment = _lock_payment(payment_intent_id)
        if payment.status == "succeeded" and intent["status"] != "succeeded":
            # Succeeded is final for a PaymentIntent: this intent was fetched before it
            # succeeded (another worker's, applied after). Taking it would mark a paid
            # order's payment failed, and its refunds would no longer go through Stripe.
            return ""
        payment.status = intent["status"]
        problem = ""
        if intent["status"] == "succeeded":
            problem = _intent_mismatch(intent, order)
            if problem:
                _staff_alert(order, payment, kind="amount-mismatch", message=problem)
            elif order.status == OrderStatus.CANCELLED:
                problem = _("Order %(number)s was cancelled, but Stripe took its payment "
                            "(%(intent)s): refund it.") % {
                    "number": order.number, "intent": payment_intent_id}
                _staff_alert(order, payment, kind="paid-after-cancel", message=problem)
            elif order.status == OrderStatus.AWAITING_PAYMENT:
                _order_mark_paid_by_card(order, payment)
                payment.last_error = ""
            # Any later status (paid, packed, shipped...): this payment is known.
        elif intent["status"] in FAILED_STATUSES:
            payment.last_error = _intent_failure(intent)
        if problem:
            payment.last_error = problem
        payment.save()
    return problem


def _intent_failure(intent: dict) -> str:
    error = intent.get("last_payment_error") or {}
    if error.get("message"):
        return error["message"]
    if intent["status"] == "canceled":
        return _("The payment was cancelled (%(reason)s).") % {
            "reason": intent.get("cancellation_reason") or _("no reason given")}
    return _("The payment did not go through.")


def _order_mark_paid_by_card(order: Order, payment: StripePayment) -> None:
    """The locked order becomes paid by card (services.order_paid_record), and the buyer
    hears of it."""
    source = order_card_source(order=order) or Source.objects.create(
        order=order, source_type=card_source_type(), currency=order.currency,
        amount_allocated=order.total_incl_tax, reference=order.number,
    )
    order_paid_record(
        order, source=source, user=None, reference=payment.payment_intent_id,
        note=_("Paid by card through Stripe (%(intent)s).") % {
            "intent": payment.payment_intent_id},
    )
    outbox_enqueue(task=stripe_order_notify, kwargs={"order_id": order.pk, "kind": "paid"})


def _staff_alert(order: Order, payment: StripePayment, *, kind: str, message: str) -> None:
    order.notes.create(note_type=OrderNote.SYSTEM, message=message)
    outbox_enqueue(task=stripe_order_notify,
                   kwargs={"order_id": order.pk, "kind": kind, "message": message})
