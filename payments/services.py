"""The rules of paying for an order by bank transfer.

`bank_transfer_instructions` says what the buyer must transfer, where and by when.
The writes: `order_mark_paid` (staff confirm the transfer has arrived),
`orders_cancel_unpaid` (the hourly beat cancels orders left unpaid past the deadline,
so their stock goes back on sale) and `order_cancel` (staff cancel one unpaid order).
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, OrderNote, PaymentEventType
from partner.models import StockRecord
from oscar.core.loading import get_class

from core.outbox.services import outbox_enqueue
from payments.errors import OrderNotAwaitingPayment, PaymentNotAllowed
from payments.selectors import order_bank_transfer_source, user_manages_payments
from payments.statuses import OrderStatus, PaymentEventKind
from payments.tasks import order_cancelled_notify

EventHandler = get_class("order.processing", "EventHandler")

logger = logging.getLogger(__name__)

DEFAULT_BANK_TRANSFER_DAYS = 2


def _bank_transfer_days() -> int:
    return getattr(settings, "BANK_TRANSFER_DAYS", DEFAULT_BANK_TRANSFER_DAYS)


@dataclass(frozen=True)
class BankTransferInstructions:
    """Everything the buyer needs to make the transfer; the reference is the order number."""

    bank: str
    account_number: str
    account_name: str
    amount: Decimal
    currency: str
    reference: str
    deadline: datetime


def bank_transfer_instructions(*, order: Order) -> BankTransferInstructions:
    """The transfer the buyer must make for `order`: the exact total, to the council's
    account (settings.BANK_TRANSFER_ACCOUNT), quoting the order number, before the
    deadline (placed + settings.BANK_TRANSFER_DAYS). Raises nothing.
    """
    account = settings.BANK_TRANSFER_ACCOUNT
    days = _bank_transfer_days()
    return BankTransferInstructions(
        bank=account["bank"],
        account_number=account["account_number"],
        account_name=account["account_name"],
        amount=order.total_incl_tax,
        currency=order.currency,
        reference=order.number,
        deadline=order.date_placed + timedelta(days=days),
    )


def order_mark_paid(*, order: Order, user, reference: str = "") -> Order:
    """Staff confirm that the bank transfer for `order` has arrived.

    In one transaction, with the order row locked: the order and its lines move to
    "Paid" (Oscar records the status change), a "Paid" payment event for the total is
    written, the bank-transfer source records the debit, and a note says who did it.
    `reference` is the bank's reference for the incoming transfer, if staff have it.

    Raises PaymentNotAllowed if `user` is not staff allowed to change orders
    (selectors.user_manages_payments), OrderNotAwaitingPayment if the
    order is not awaiting a bank transfer (for example it was already marked paid);
    in both cases nothing is changed.
    """
    if not user_manages_payments(user=user):
        raise PaymentNotAllowed(_("Only staff who manage orders can mark an order as paid."))
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        source = order_bank_transfer_source(order=order)
        if order.status != OrderStatus.AWAITING_PAYMENT or source is None:
            raise OrderNotAwaitingPayment(
                _("Order %(number)s is not awaiting a bank transfer (its status is "
                  "“%(status)s”); nothing was changed.")
                % {"number": order.number, "status": _(order.status)}
            )
        order_paid_record(
            order, source=source, user=user, reference=reference,
            note=(_("Bank transfer received; marked as paid. Reference: %(reference)s")
                  % {"reference": reference}
                  if reference else _("Bank transfer received; marked as paid.")),
        )
    return order


def order_paid_record(order: Order, *, source, user, reference: str, note: str) -> None:
    """The order becomes paid, whichever way it was paid: the one place this is written.

    Called inside the caller's transaction with the order row locked and its status
    checked (a bank transfer confirmed by staff, services.order_mark_paid; a card
    payment confirmed by Stripe, card.payment_sync). The order and its lines move
    to "Paid" (Oscar records the status change), a "Paid" payment event for the
    total is written, `source` (the order's payment source) records the debit,
    `note` is added as a system note by `user` (None for Stripe), and once the
    transaction commits each artisan hears of their own lines (the outbox).
    """
    from payments.tasks import order_paid_artisans_notify_task

    amount = order.total_incl_tax
    handler = EventHandler(user)
    handler.handle_order_status_change(order, OrderStatus.PAID)
    lines = list(order.lines.all())
    event_type, _created = PaymentEventType.objects.get_or_create(name=PaymentEventKind.PAID)
    handler.handle_payment_event(
        order, event_type, amount,
        lines=lines, line_quantities=[line.quantity for line in lines],
        reference=reference,
    )
    source.debit(amount, reference=reference)
    order.notes.create(user=user, note_type=OrderNote.SYSTEM, message=note)
    outbox_enqueue(task=order_paid_artisans_notify_task, kwargs={"order_id": order.pk})


def _lock_order(order_id: int) -> Order:
    # of=("self",): lock only the order row; PostgreSQL refuses FOR UPDATE on the
    # nullable side of an outer join.
    return Order.objects.select_for_update(of=("self",)).get(pk=order_id)


def _order_stock_release(order: Order) -> None:
    """Give back the stock Oscar allocated to the order's lines at placement.

    The stock rows are locked in primary-key order, as the checkout locks them
    (checkout.services.basket_stock_lock), so a cancellation and a checkout cannot
    deadlock. Each line records that its allocation was cancelled, so it is never
    released twice.
    """
    lines = [
        line for line in order.lines.order_by("pk")
        if line.stockrecord_id and line.num_allocated and not line.allocation_cancelled
    ]
    records = {
        record.pk: record
        for record in StockRecord.objects.select_for_update(of=("self",))
        .select_related("product__product_class", "product__parent__product_class")
        .filter(pk__in={line.stockrecord_id for line in lines})
        .order_by("pk")
    }
    for line in lines:
        record = records[line.stockrecord_id]
        if not record.can_track_allocations:
            continue  # Oscar allocated nothing for a craft that does not track stock.
        record.cancel_allocation(line.num_allocated)
        line.num_allocated = 0
        line.allocation_cancelled = True
        line.save(update_fields=["num_allocated", "allocation_cancelled"])


def _order_cancel_locked(order: Order, *, user, message: str, overdue: bool) -> None:
    """Cancel a locked order that awaits payment: stock, statuses, note, buyer's email."""
    _order_stock_release(order)
    # Oscar validates the move against the pipeline, cascades "Cancelled" to the
    # lines and records the status change.
    EventHandler(user).handle_order_status_change(order, OrderStatus.CANCELLED)
    order.notes.create(user=user, note_type=OrderNote.SYSTEM, message=message)
    outbox_enqueue(task=order_cancelled_notify,
                   kwargs={"order_id": order.pk, "overdue": overdue})


def _order_cancel_if_overdue(order_id: int, *, cutoff: datetime, days: int) -> bool:
    with transaction.atomic():
        order = _lock_order(order_id)
        # Re-checked under the lock: staff may have marked it paid, or another run
        # cancelled it, since it was listed.
        if order.status != OrderStatus.AWAITING_PAYMENT or order.date_placed >= cutoff:
            return False
        _order_cancel_locked(
            order, user=None, overdue=True,
            message=_("Not paid within %(days)s days of ordering: cancelled and the "
                      "stock released.") % {"days": days},
        )
    return True


def _card_payment_checked(order_id: int) -> bool:
    """Whether the order's card payment, if any, was asked of Stripe just now.

    A paid card order whose webhook has not been applied yet is marked paid by the
    answer (so the status check under the lock then leaves it alone); when Stripe
    cannot be asked, the order is not cancelled this time: it may have been paid.
    """
    from payments.errors import CardPaymentUnavailable, StripeNotConfigured
    from payments.card import order_card_payment_sync

    try:
        order_card_payment_sync(order_id=order_id)
    except (CardPaymentUnavailable, StripeNotConfigured):
        logger.warning("Unpaid order %s not cancelled: Stripe could not be asked about "
                       "its card payment", order_id)
        return False
    return True


def orders_cancel_unpaid(*, now: datetime | None = None) -> int:
    """Cancel every order still awaiting payment that was placed more than
    settings.BANK_TRANSFER_DAYS days before `now`; returns how many were cancelled.

    Each order is cancelled in its own transaction with its row locked and its status
    re-checked under the lock, so running this twice or concurrently cancels nothing
    twice, and an order staff marked paid meanwhile is left alone. A card order's
    PaymentIntent is asked of Stripe first: a paid one is marked paid, never
    cancelled, and one Stripe cannot be asked about waits for the next run. A cancelled order's
    lines are cancelled too, their stock is released, a note says why, and the buyer
    is emailed after commit. An order that cannot be cancelled is logged and skipped;
    raises nothing.
    """
    days = _bank_transfer_days()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    overdue_ids = list(
        Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT, date_placed__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cancelled = 0
    for order_id in overdue_ids:
        if not _card_payment_checked(order_id):
            continue
        try:
            cancelled += _order_cancel_if_overdue(order_id, cutoff=cutoff, days=days)
        except Exception:
            # One broken order must not keep every later one reserved forever.
            logger.exception("Could not cancel unpaid order %s", order_id)
    return cancelled


def order_cancel(*, order: Order, user, reason: str) -> Order:
    """Staff cancel an order that still awaits payment (for example, at the buyer's
    request): as `orders_cancel_unpaid` does for an overdue one, with `reason` and
    the staff member in the note.

    Raises PaymentNotAllowed if `user` may not manage payments
    (selectors.user_manages_payments), OrderNotAwaitingPayment if the order is no
    longer awaiting payment (a paid order needs a refund, not this); in both cases
    nothing is changed.
    """
    if not user_manages_payments(user=user):
        raise PaymentNotAllowed(_("Only staff who manage orders can cancel an order."))
    with transaction.atomic():
        order = _lock_order(order.pk)
        if order.status != OrderStatus.AWAITING_PAYMENT:
            raise OrderNotAwaitingPayment(
                _("Order %(number)s is not awaiting payment (its status is "
                  "“%(status)s”); nothing was changed.")
                % {"number": order.number, "status": _(order.status)}
            )
        if reason:
            message = _("Cancelled by staff before payment; the stock was released. "
                        "Reason: %(reason)s") % {"reason": reason}
        else:
            message = _("Cancelled by staff before payment; the stock was released.")
        _order_cancel_locked(order, user=user, overdue=False, message=message)
    return order
