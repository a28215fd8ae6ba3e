"""The council's refunds of order lines, whichever way the buyer paid.

A card order's lines are refunded through Stripe (stripe_payments.refunds: asked now,
the line moved when Stripe's webhook confirms); a bank-transfer order's are sent by
the council's bank and recorded by hand (fulfilment.services.line_refund). Refunding
a whole order is refunding each of its lines: a line still to be sent is first taken
back (fulfilment.services.line_withdraw), so its artisan does not send it.
"""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from oscar.apps.order.models import Order

from fulfilment import services
from fulfilment.errors import FulfilmentError, InvalidRefund, NotAllowed
from fulfilment.models import LineShipment, ShipmentState
from shop.payments.errors import PaymentError
from shop.payments.selectors import user_may_mark_paid
from stripe_payments import refunds as card_refunds
from stripe_payments.models import CardRefund
from stripe_payments.selectors import order_paid_by_card

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
    if not user_may_mark_paid(user=user):
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
                card_refunds.line_refund_by_card(line_id=line.pk, user=user, reason=reason)
                outcome.requested.append(line.title)
            else:
                services.line_refund(line_id=line.pk, user=user, note=note, reason=reason)
                outcome.refunded.append(line.title)
        except (FulfilmentError, PaymentError) as error:
            outcome.errors.append(f"{line.title}: {error}")
    return outcome


def line_refund_by_method(*, line_id: int, user, reason: str = "", note: str = "") -> str:
    """Refund one line the way its order was paid; returns "requested" (asked of Stripe,
    confirmed later by webhook) or "refunded" (bank transfer, recorded now).

    Raises what stripe_payments.refunds.line_refund_by_card or
    fulfilment.services.line_refund raise; nothing is changed then.
    """
    order = Order.objects.get(lines__pk=line_id)
    if order_paid_by_card(order=order):
        card_refunds.line_refund_by_card(line_id=line_id, user=user, reason=reason)
        return "requested"
    services.line_refund(line_id=line_id, user=user, note=note, reason=reason)
    return "refunded"
