"""The rules of paying for an order by bank transfer.

`bank_transfer_instructions` says what the buyer must transfer, where and by when;
`order_mark_paid` is the one write: staff confirm the transfer has arrived.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, OrderNote, PaymentEventType
from oscar.core.loading import get_class

from shop.payments.errors import OrderNotAwaitingPayment, PaymentNotAllowed
from shop.payments.selectors import order_bank_transfer_source, user_may_mark_paid
from shop.payments.statuses import OrderStatus, PaymentEventKind

EventHandler = get_class("order.processing", "EventHandler")

DEFAULT_BANK_TRANSFER_DAYS = 2


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
    days = getattr(settings, "BANK_TRANSFER_DAYS", DEFAULT_BANK_TRANSFER_DAYS)
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
    (selectors.user_may_mark_paid), OrderNotAwaitingPayment if the
    order is not awaiting a bank transfer (for example it was already marked paid);
    in both cases nothing is changed.
    """
    if not user_may_mark_paid(user=user):
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
        order.notes.create(
            user=user, note_type=OrderNote.SYSTEM,
            message=_("Bank transfer received; marked as paid.")
            + (f" {_('Reference')}: {reference}" if reference else ""),
        )
    return order
