"""The council's refunds of order lines, whichever way the buyer paid.

A card order's lines are refunded through Stripe (line_refund_by_card here, asking
payments.card_refunds: asked now, the line moved when Stripe's webhook confirms); a bank-transfer order's are sent by
the council's bank and recorded by hand (fulfilment.services.line_refund). Refunding
a whole order is refunding each of its lines: a line still to be sent is first taken
back (fulfilment.services.line_withdraw), so its artisan does not send it.
"""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order
from oscar.core.loading import get_model

from fulfilment import services
from fulfilment.errors import FulfilmentError, InvalidRefund, NotAllowed
from fulfilment.models import LineShipment, ShipmentState
from payments import card_refunds
from payments.errors import PaymentError, PaymentNotAllowed, RefundRefused
from payments.models import CardRefund
from payments.selectors import order_paid_by_card, user_manages_payments

Line = get_model("order", "Line")
S = ShipmentState


@dataclass
class OrderRefundOutcome:
    """What refunding a whole order did, line by line (titles), for the staff's message."""

    refunded: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def order_refund_all(*, order: Order, user, reason: str, note: str = "") -> OrderRefundOutcome:
    """Refund every line of `order` not refunded yet, by card through Stripe or, for a
    bank-transfer order, recorded by hand with `note` (the transfer's reference).

    Lines still to be sent are taken back first. A line whose card refund is already
    waiting for Stripe is skipped, so pressing twice asks nothing twice. Each line is
    its own transaction: a line Stripe refuses is reported and the others go on.

    Raises NotAllowed (not staff who manage payments), InvalidRefund (no reason), and
    nothing for a single line's refusal (it is in the outcome's errors).
    """
    if not user_manages_payments(user=user):
        raise NotAllowed(_("Only council staff who manage payments can refund."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRefund(_("Say why the whole order is refunded: the buyer and the "
                              "artisans read it."))
    by_card = order_paid_by_card(order=order)
    outcome = OrderRefundOutcome()
    for line in order.lines.order_by("pk"):
        state = (LineShipment.objects.filter(line=line).values_list("state", flat=True)
                 .first() or S.WAITING)
        waiting = CardRefund.objects.filter(line=line, status__in=card_refunds.OPEN).exists()
        if state == S.REFUNDED or waiting:
            outcome.skipped.append(line.title)
            continue
        try:
            if state in (S.WAITING, S.PACKED):
                services.line_withdraw(line_id=line.pk, user=user, reason=reason)
            if by_card:
                line_refund_by_card(line_id=line.pk, user=user, reason=reason)
                outcome.requested.append(line.title)
            else:
                services.line_refund(line_id=line.pk, user=user, note=note, reason=reason)
                outcome.refunded.append(line.title)
        except (FulfilmentError, PaymentError) as error:
            outcome.errors.append(f"{line.title}: {error}")
    return outcome


def line_refund_by_card(*, line_id: int, user, reason: str = "") -> CardRefund:
    """Staff ask Stripe to refund exactly the line's price of its order's card payment.

    The line must be one its artisan cannot send, or one shipped or delivered (then
    with `reason`). In one transaction, the order and its card payment locked, then
    the line: its state is checked, and payments.card_refunds asks Stripe and records
    the request (CardRefund, requested); the page says Stripe's answer is awaited. The
    line itself moves when Stripe's webhook confirms the refund
    (services.line_refund_confirm, through payments.hooks).

    Raises PaymentNotAllowed (not staff who manage orders),
    RefundAlreadyRequested (a refund of this line is waiting or made: a double click),
    RefundRefused (not paid by card, the line cannot be refunded, more than what is
    left), InvalidRefund (a line sent, without a reason), CardPaymentRefused /
    CardPaymentUnavailable (Stripe refused or could not be reached). Nothing is
    recorded then.
    """
    if not user_manages_payments(user=user):
        raise PaymentNotAllowed(_("Only staff who manage orders can refund."))
    order_id = Line.objects.filter(pk=line_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise RefundRefused(_("This order line does not exist."))
    with transaction.atomic():
        order, payment = card_refunds.card_payment_lock(order_id)
        line = Line.objects.select_for_update(of=("self",)).get(pk=line_id)
        shipment = LineShipment.objects.filter(line=line).first()
        state = shipment.state if shipment else S.WAITING
        if state not in services.REFUNDABLE:
            raise RefundRefused(_(
                "This line cannot be refunded now: only a line its artisan cannot send, "
                "or one shipped or delivered, is refunded."))
        reason = services.refund_reason_clean(state=state, reason=reason)
        return card_refunds.line_card_refund_request(
            order=order, payment=payment, line=line, user=user, reason=reason)


def line_refund_by_method(*, line_id: int, user, reason: str = "", note: str = "") -> str:
    """Refund one line the way its order was paid; returns "requested" (asked of Stripe,
    confirmed later by webhook) or "refunded" (bank transfer, recorded now).

    Raises what line_refund_by_card or
    fulfilment.services.line_refund raise; nothing is changed then.
    """
    order = Order.objects.get(lines__pk=line_id)
    if order_paid_by_card(order=order):
        line_refund_by_card(line_id=line_id, user=user, reason=reason)
        return "requested"
    services.line_refund(line_id=line_id, user=user, note=note, reason=reason)
    return "refunded"
