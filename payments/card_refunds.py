"""Refunds of card payments through Stripe: of one order line, or of an amount of the order.

Staff ask (fulfilment.refunds.line_refund_by_card, which checks the line and calls
`line_card_refund_request`; `order_refund_by_card`): Stripe is asked while the
order row is locked, with an idempotency key, and a CardRefund row records the request.
Nothing is recorded on the order then. Stripe confirms by webhook (charge.refunded, or
the refund's own events), and `refund_sync`, reading the charge's refunds as Stripe has
them now, moves each CardRefund once: succeeded records its money on the order once
(Oscar "Refunded" payment event, the card source, a note) and, for a line, moves the
line to refunded through hooks.line_refund_confirmed (fulfilment registers it: one
"refunded" event); failed leaves the line where it was and tells staff. Webhooks replayed, late or
out of order therefore change nothing twice, and the line path and the order's form
never count the same money twice: money is counted per Stripe refund.
"""
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, OrderNote, PaymentEventType
from oscar.core.loading import get_class

from core.outbox.services import outbox_enqueue
from payments import gateway, hooks
from payments.amounts import STRIPE_CURRENCY, idr_to_stripe_amount, stripe_amount_to_idr
from payments.errors import PaymentNotAllowed, RefundAlreadyRequested, RefundRefused
from payments.models import CardRefund, StripePayment
from payments.selectors import order_card_source, user_manages_payments
from payments.tasks import stripe_order_notify

EventHandler = get_class("order.processing", "EventHandler")

logger = logging.getLogger(__name__)

REFUNDED_EVENT = "Refunded"  # Oscar PaymentEventType name, as fulfilment's
OPEN = (CardRefund.Status.REQUESTED, CardRefund.Status.SUCCEEDED)
# Stripe's refund statuses that end it without the money going back.
STRIPE_FAILED = frozenset({"failed", "canceled"})


def line_refund_idempotency_key(*, line_id: int, attempt: int) -> str:
    """One key per line and attempt: a double click (or a retry after a timeout) asks
    for one refund, while a new attempt after Stripe failed one is a new request."""
    return f"pasar-kriya:line:{line_id}:refund:{attempt}"


# --- asking Stripe ---------------------------------------------------------------------

def card_payment_lock(order_id: int) -> tuple[Order, StripePayment]:
    """Lock the order, then its card payment (the order first, as every payment and
    fulfilment service does). Call inside a transaction. Raises RefundRefused if
    Stripe has not taken a payment for it."""
    order = Order.objects.select_for_update(of=("self",)).get(pk=order_id)
    payment = StripePayment.objects.select_for_update().filter(order=order).first()
    if payment is None or payment.status != "succeeded":
        raise RefundRefused(_("Order %(number)s was not paid by card.") % {
            "number": order.number})
    return order, payment


def amount_left_to_refund(*, payment: StripePayment) -> Decimal:
    """What may still be refunded: paid, less refunds confirmed or waiting for Stripe."""
    waiting = (payment.refunds.filter(status=CardRefund.Status.REQUESTED)
               .aggregate(total=Sum("amount"))["total"] or Decimal(0))
    return payment.amount - payment.amount_refunded - waiting


def line_card_refund_request(*, order: Order, payment: StripePayment, line, user,
                             reason: str) -> CardRefund:
    """Ask Stripe to refund exactly the line's price of its order's card payment.

    Called by fulfilment.refunds.line_refund_by_card inside its transaction, with the
    order and payment locked (card_payment_lock) and the line locked and checked as
    one that may be refunded. Stripe is asked with metadata {order_number, line_id}
    and an idempotency key naming the line and the attempt; the CardRefund row
    (requested) records it. The line itself moves when Stripe's webhook confirms the
    refund (refund_sync, then hooks.line_refund_confirmed).

    Raises RefundAlreadyRequested (a refund of this line is waiting or made: a double
    click), RefundRefused (more than what is left), CardPaymentRefused /
    CardPaymentUnavailable (Stripe refused or could not be reached).
    """
    already = payment.refunds.filter(line=line, status__in=OPEN).first()
    if already is not None:
        raise RefundAlreadyRequested(_(
            "A refund of this line was asked of Stripe already (%(refund)s, %(status)s)."
        ) % {"refund": already.refund_id, "status": already.get_status_display()})
    amount = line.line_price_incl_tax
    if amount <= 0 or amount > amount_left_to_refund(payment=payment):
        raise RefundRefused(_(
            "The line's %(amount)s rupiah is more than what is left to refund of "
            "order %(number)s.") % {"amount": amount, "number": order.number})
    attempt = payment.refunds.filter(line=line).count() + 1
    refund = gateway.refund_create(
        payment_intent_id=payment.payment_intent_id,
        amount=idr_to_stripe_amount(amount),
        metadata={"order_number": order.number, "line_id": str(line.pk)},
        idempotency_key=line_refund_idempotency_key(line_id=line.pk, attempt=attempt),
    )
    row = CardRefund.objects.create(
        payment=payment, line=line, refund_id=refund["id"], amount=amount,
        attempt=attempt, reason=reason, requested_by=user,
    )
    order.notes.create(user=user, note_type=OrderNote.SYSTEM, message=_(
        "Refund of %(amount)s for “%(title)s” asked of Stripe (%(refund)s). %(reason)s"
    ) % {"amount": amount, "title": line.title, "refund": refund["id"], "reason": reason})
    return row


def order_refund_by_card(*, order: Order, user, amount: Decimal, reason: str = "",
                         request_token: str = "") -> dict:
    """Staff ask Stripe to refund `amount` rupiah of the order's card payment (not tied
    to a line: shipping, a goodwill gesture); returns Stripe's Refund. The CardRefund
    row records the request; the webhook records the money once Stripe has made it.

    The idempotency key names the order and `request_token`, a token of the form
    shown (one per page): submitting the same page twice, before or after Stripe
    confirmed, asks for one refund, while a second refund asked from the page shown
    again is a new one, even of the same amount. Without a token (a caller of the
    code's own) it names the amount refunded so far and the amount.

    Raises PaymentNotAllowed (not staff who manage orders), RefundRefused (nothing was
    paid by card, or more than what is left, counting refunds waiting for Stripe),
    CardPaymentRefused, CardPaymentUnavailable.
    """
    if not user_manages_payments(user=user):
        raise PaymentNotAllowed(_("Only staff who manage orders can refund."))
    with transaction.atomic():
        order, payment = card_payment_lock(order.pk)
        left = amount_left_to_refund(payment=payment)
        if amount <= 0 or amount > left:
            raise RefundRefused(_("A refund must be between 1 and %(left)s rupiah.") % {
                "left": left})
        refund = gateway.refund_create(
            payment_intent_id=payment.payment_intent_id,
            amount=idr_to_stripe_amount(amount),
            metadata={"order_number": order.number},
            idempotency_key=(
                f"pasar-kriya:order:{order.number}:refund:form:{request_token}"
                if request_token else
                f"pasar-kriya:order:{order.number}:refund:{payment.amount_refunded}:{amount}"),
        )
        _row, created = CardRefund.objects.get_or_create(
            refund_id=refund["id"],
            defaults={"payment": payment, "amount": amount, "reason": reason,
                      "requested_by": user},
        )
        if created:
            order.notes.create(user=user, note_type=OrderNote.SYSTEM, message=_(
                "Refund of %(amount)s asked of Stripe (%(refund)s). %(reason)s") % {
                "amount": amount, "refund": refund["id"], "reason": reason})
    return refund


# --- Stripe's answer ---------------------------------------------------------------------

def refund_sync(*, charge_id: str) -> str:
    """Bring the order in line with the refunds of its Charge as Stripe has them now;
    returns what needs a person ("" when nothing does).

    Each Stripe refund moves its CardRefund once (a refund made in Stripe's own
    dashboard gets a row, tied to the line its metadata names): succeeded records the
    money and refunds the line; failed or canceled marks it failed and emails staff.
    Raises CardPaymentUnavailable when Stripe cannot be reached (nothing is changed).
    """
    charge = gateway.charge_retrieve(charge_id)
    intent_id = charge.get("payment_intent")
    payment_id = (StripePayment.objects.filter(payment_intent_id=intent_id)
                  .values_list("pk", flat=True).first() if intent_id else None)
    if payment_id is None:
        return _("No order has the charge %(charge)s.") % {"charge": charge_id}
    if charge.get("currency") != STRIPE_CURRENCY:
        return _("The charge %(charge)s is not in idr.") % {"charge": charge_id}
    refunds = sorted(gateway.refund_list(charge_id=charge_id),
                     key=lambda refund: (refund.get("created") or 0, refund["id"]))
    problems = []
    with transaction.atomic():
        order_id = StripePayment.objects.values_list("order_id", flat=True).get(pk=payment_id)
        order = Order.objects.select_for_update(of=("self",)).get(pk=order_id)
        payment = StripePayment.objects.select_for_update().get(pk=payment_id)
        for refund in refunds:
            problem = _refund_apply(order, payment, refund)
            if problem:
                problems.append(problem)
        payment.save(update_fields=["amount_refunded", "updated"])
    return " ".join(problems)


def _refund_apply(order: Order, payment: StripePayment, refund: dict) -> str:
    """Apply one Stripe refund to its row (both locked); returns what needs a person."""
    if refund.get("currency") != STRIPE_CURRENCY:
        return _("The refund %(refund)s is not in idr.") % {"refund": refund["id"]}
    row = CardRefund.objects.select_for_update().filter(refund_id=refund["id"]).first()
    if row is None:
        row = _refund_adopt(order, payment, refund)
    status = refund.get("status")
    # Only a refund still waiting turns succeeded: failed and canceled are final in
    # Stripe, so "succeeded" for a row already failed is a snapshot listed before the
    # failure (another worker's, applied after it) and must not count the money.
    if status == "succeeded" and row.status == CardRefund.Status.REQUESTED:
        row.status = CardRefund.Status.SUCCEEDED
        row.failure_reason = ""
        row.settled_at = timezone.now()
        row.save(update_fields=["status", "failure_reason", "settled_at", "updated_at"])
        _money_record(order, payment, row)
        if row.line_id is not None:
            hooks.line_refund_confirmed(
                line_id=row.line_id, actor=row.requested_by, reason=row.reason,
                note=row.refund_id,
            )
    elif status in STRIPE_FAILED and row.status == CardRefund.Status.REQUESTED:
        row.status = CardRefund.Status.FAILED
        row.failure_reason = (refund.get("failure_reason") or status)[:255]
        row.settled_at = timezone.now()
        row.save(update_fields=["status", "failure_reason", "settled_at", "updated_at"])
        message = _("Stripe could not make the refund %(refund)s of %(amount)s for order "
                    "%(number)s (%(why)s); nothing was refunded. Refund it again or another "
                    "way.") % {"refund": row.refund_id, "amount": row.amount,
                                "number": order.number, "why": row.failure_reason}
        _staff_alert(order, kind="refund-failed", key=row.refund_id, message=message)
        return message
    elif status in STRIPE_FAILED and row.status == CardRefund.Status.SUCCEEDED:
        # Stripe can fail a refund after reporting it succeeded (the card was closed):
        # the money recorded did not reach the buyer. A person must look; the line
        # stays refunded and its money recorded, so nothing here moves back.
        message = _("Stripe reports the refund %(refund)s of order %(number)s failed after "
                    "it had succeeded (%(why)s): the buyer has not been paid back.") % {
            "refund": row.refund_id, "number": order.number,
            "why": refund.get("failure_reason") or status}
        _staff_alert(order, kind="refund-failed", key=row.refund_id, message=message)
        return message
    return ""


def _refund_adopt(order: Order, payment: StripePayment, refund: dict) -> CardRefund:
    """A row for a refund Stripe knows and we did not record asking for (made in Stripe's
    dashboard, or asked by a request whose transaction did not commit)."""
    amount = stripe_amount_to_idr(refund["amount"])
    line_id = (refund.get("metadata") or {}).get("line_id")
    line = None
    if line_id and str(line_id).isdigit():
        line = order.lines.filter(pk=int(line_id)).first()
    if line is not None and (
            amount != line.line_price_incl_tax
            or payment.refunds.filter(line=line, status__in=OPEN).exists()):
        # Part of the line, or the line's refund is another one: this refund's money is
        # counted, the line is left for staff to settle.
        line = None
    attempt = (payment.refunds.filter(line=line).count() + 1) if line is not None else 1
    row = CardRefund.objects.create(
        payment=payment, line=line, refund_id=refund["id"], amount=amount, attempt=attempt,
        reason=(refund.get("metadata") or {}).get("reason", ""),
    )
    # Refunds recorded before CardRefund rows existed are counted in amount_refunded
    # already: such a refund is marked succeeded without recording its money again.
    counted = (payment.refunds.filter(status=CardRefund.Status.SUCCEEDED)
               .aggregate(total=Sum("amount"))["total"] or Decimal(0))
    if refund.get("status") == "succeeded" and line is None and (
            payment.amount_refunded - counted >= amount):
        CardRefund.objects.filter(pk=row.pk).update(
            status=CardRefund.Status.SUCCEEDED, settled_at=timezone.now())
        row.refresh_from_db()
    return row


def _money_record(order: Order, payment: StripePayment, row: CardRefund) -> None:
    """Oscar's records of a refund Stripe made: payment event, card source, note."""
    event_type, _created = PaymentEventType.objects.get_or_create(name=REFUNDED_EVENT)
    lines = {}
    if row.line_id is not None:
        line = row.line
        lines = {"lines": [line], "line_quantities": [line.quantity]}
    EventHandler(row.requested_by).handle_payment_event(
        order, event_type, row.amount, reference=row.refund_id, **lines,
    )
    source = order_card_source(order=order)
    if source is not None:
        source.refund(row.amount, reference=row.refund_id)
    order.notes.create(note_type=OrderNote.SYSTEM, message=_(
        "Refund of %(amount)s confirmed by Stripe (%(refund)s).") % {
        "amount": row.amount, "refund": row.refund_id})
    payment.amount_refunded += row.amount


def _staff_alert(order: Order, *, kind: str, key: str, message: str) -> None:
    order.notes.create(note_type=OrderNote.SYSTEM, message=message)
    outbox_enqueue(task=stripe_order_notify, kwargs={
        "order_id": order.pk, "kind": kind, "message": message, "key": key})
