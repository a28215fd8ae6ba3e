"""Moving an order line on its way to the buyer.

    waiting ──pack──▶ packed ──ship──▶ shipped ──deliver──▶ delivered
       │                 │                 │                  │
       ├──────unable─────┴──▶ unable       └──────────┬───────┘
       │  (or withdraw, council)  │                    │
       └──────────────────────────┴──refund (council)──┴──▶ refunded

Each public function is one move in one transaction: it locks the order row, then
the line row (always in that order, as the payment services lock the order first,
so two artisans of one order and the council cannot deadlock or both miss the
order's last shipped line), checks who acts and from which state, writes the
change, Oscar's line and order statuses and an append-only event, and queues the
emails after commit. Nothing else changes a LineShipment.

Only the artisan whose partner sold the line packs, ships or gives it up, and only
once the order is paid: an order awaiting its bank transfer is never sent. The buyer
of the order says a shipped line arrived (delivered); the beat does it for them
FULFILMENT_DELIVERED_AFTER_DAYS after shipping. The council (staff who manage
payments) refunds a line given up, or one shipped or delivered (with a reason): for
an order paid by bank transfer they send the money themselves and record it here
(line_refund); for a card order Stripe refunds it and its webhook moves the line
(payments.card_refunds -> line_refund_confirm). Either way the line ends with one
"refunded" event.
"""
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, OrderNote, PaymentEventType, ShippingEventType
from oscar.core.loading import get_class, get_model

from catalogue.models import Artisan
from fulfilment import events
from fulfilment.errors import (
    InvalidRefund,
    InvalidShipment,
    InvalidTransition,
    NotAllowed,
    NotPaid,
)
from fulfilment.models import (
    Courier,
    LineShipment,
    LineShipmentEvent,
    ShipmentState,
    tracking_number_validator,
)
from payments.selectors import order_bank_transfer_source, user_manages_payments
from payments.statuses import LineStatus, OrderStatus
from payments.selectors import order_card_source

Line = get_model("order", "Line")
EventHandler = get_class("order.processing", "EventHandler")

S = ShipmentState
Kind = LineShipmentEvent.Kind

# Order and line statuses in which the buyer has paid and the piece is still to go.
# "Packed" is a line status; it is an order status only if the pipeline has it.
SENDABLE_STATUSES = frozenset({OrderStatus.PAID, LineStatus.PACKED})
# Lines in these states will never be sent: they do not hold the order back.
GIVEN_UP = frozenset({S.UNABLE, S.REFUNDED})
# Lines that have left the workshop.
SENT = frozenset({S.SHIPPED, S.DELIVERED})
# Lines the council may refund: one that cannot be sent, or one sent (returned,
# arrived broken...). A line still to be sent is first withdrawn (line_withdraw).
REFUNDABLE = frozenset({S.UNABLE, *SENT})
SHIPPING_EVENT_SHIPPED = "Shipped"
PAYMENT_EVENT_REFUNDED = "Refunded"


# --- locks and checks ------------------------------------------------------------

def _lock(line_id: int) -> tuple[Order, "Line", LineShipment]:
    """Lock the line's order, then the line; return them with the line's shipment."""
    order_id = Line.objects.filter(pk=line_id).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotAllowed(_("This order line does not exist or is not yours."))
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    order = Order.objects.select_for_update(of=("self",)).get(pk=order_id)
    line = (
        Line.objects.select_for_update(of=("self",))
        .select_related("stockrecord__product__product_class",
                        "stockrecord__product__parent__product_class")
        .get(pk=line_id)
    )
    # Created under the line's lock, so two first moves cannot make two rows.
    shipment, _created = LineShipment.objects.get_or_create(line=line)
    return order, line, shipment


def _line_partner_id(line) -> int | None:
    # The line keeps its partner; a line whose partner was removed still names
    # the stock record's.
    if line.partner_id:
        return line.partner_id
    return line.stockrecord.partner_id if line.stockrecord_id else None


def _require_seller(line, user) -> None:
    """The user is a login of the artisan business that sold the line."""
    partner_id = _line_partner_id(line)
    if not (
        user.is_authenticated and user.is_active and partner_id is not None
        and Artisan.objects.filter(partner_id=partner_id, partner__users=user).exists()
    ):
        raise NotAllowed(_("This order line does not exist or is not yours."))


def _require_state(shipment: LineShipment, allowed: set[str]) -> None:
    if shipment.state not in allowed:
        raise InvalidTransition(
            _("This line is already “%(state)s”; nothing was changed.")
            % {"state": shipment.get_state_display()}
        )


def _require_paid(order: Order, line) -> None:
    """The buyer has paid and nothing was cancelled: the piece may go."""
    if order.status == OrderStatus.AWAITING_PAYMENT or line.status == OrderStatus.AWAITING_PAYMENT:
        raise NotPaid(
            _("Order %(number)s is not paid yet. Do not send anything until the "
              "payment has arrived; this page will show it.") % {"number": order.number}
        )
    if order.status == OrderStatus.CANCELLED or line.status == OrderStatus.CANCELLED:
        raise NotPaid(
            _("Order %(number)s was cancelled: do not send it.") % {"number": order.number}
        )
    if order.status not in SENDABLE_STATUSES or line.status not in SENDABLE_STATUSES:
        raise NotPaid(
            _("Order %(number)s is “%(status)s”: this line cannot be sent from here.")
            % {"number": order.number, "status": _(order.status)}
        )


def _save(shipment: LineShipment, *, user, to: str, **fields) -> str:
    """Move the shipment to `to` with `fields`; return the state it left."""
    from_state = shipment.state
    shipment.state = to
    shipment.updated_by = user
    for name, value in fields.items():
        setattr(shipment, name, value)
    shipment.save(update_fields=["state", "updated_by", "updated_at", *fields])
    return from_state


# --- Oscar's statuses, stock and records -----------------------------------------

def _order_status_follow(order: Order, *, user) -> None:
    """Move the order as its lines have moved, when Oscar's pipeline allows it.

    Of the lines that will still be sent: all delivered: "Delivered"; all shipped or
    delivered: "Shipped"; all at least packed: "Packed" (only if the order pipeline
    has that status). No line left to send: "Refunded" when every line is refunded,
    else "Cancelled" (the buyer is being refunded).
    """
    shipped_states = dict(
        LineShipment.objects.filter(line__order=order).values_list("line_id", "state")
    )
    states = [shipped_states.get(pk, S.WAITING)
              for pk in order.lines.values_list("pk", flat=True)]
    to_send = [state for state in states if state not in GIVEN_UP]
    if not to_send:
        refunded = all(state == S.REFUNDED for state in states)
        target = LineStatus.REFUNDED if refunded else OrderStatus.CANCELLED
    elif all(state == S.DELIVERED for state in to_send):
        target = LineStatus.DELIVERED
    elif all(state in SENT for state in to_send):
        target = LineStatus.SHIPPED
    elif all(state in (S.PACKED, *SENT) for state in to_send):
        target = LineStatus.PACKED
    else:
        return
    if target != order.status and target in order.available_statuses():
        # Oscar validates the move, records an OrderStatusChange and signals it.
        EventHandler(user).handle_order_status_change(order, target)


def _line_status(line, status: str) -> None:
    if line.status != status and status in line.available_statuses():
        line.set_status(status)


def _stock_consume(line) -> None:
    """The piece has left the workshop: take it out of stock and the allocation."""
    if line.stockrecord_id and line.is_allocation_consumption_possible(line.quantity):
        line.consume_allocation(line.quantity)


def _stock_release(line) -> None:
    """The piece is still there to sell: give its allocation back."""
    if line.stockrecord_id and line.is_allocation_consumption_possible(line.quantity):
        line.cancel_allocation(line.quantity)


def _oscar_shipping_event(order: Order, line, *, user, reference: str) -> None:
    """Oscar's own record of the shipment, shown on the order in the dashboard."""
    event_type, _created = ShippingEventType.objects.get_or_create(
        name=SHIPPING_EVENT_SHIPPED)
    EventHandler(user).handle_shipping_event(
        order, event_type, [line], [line.quantity], reference=reference
    )


def _note(order: Order, *, user, message: str) -> None:
    order.notes.create(user=user, note_type=OrderNote.SYSTEM, message=message)


# --- the artisan's moves -----------------------------------------------------------

def line_pack(*, line_id: int, user) -> LineShipment:
    """The artisan has packed the line's piece and will hand it to a courier.

    Raises NotAllowed if `user` is not a login of the business that sold the line,
    InvalidTransition if the line is not waiting to be packed (packed already, a
    second click), NotPaid if its order is not paid or was cancelled; nothing is
    changed then.
    """
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        _require_seller(line, user)
        _require_state(shipment, {S.WAITING})
        _require_paid(order, line)
        from_state = _save(shipment, user=user, to=S.PACKED, packed_at=timezone.now())
        _line_status(line, LineStatus.PACKED)
        events.shipment_event_record(
            line=line, kind=Kind.PACKED, actor=user, from_state=from_state, to_state=S.PACKED,
        )
        _order_status_follow(order, user=user)
    return shipment


def tracking_number_clean(value: str) -> str:
    """The tracking number as the courier prints it: spaces dropped, capital letters.

    Raises InvalidShipment if it is not 6 to 40 letters and digits.
    """
    number = "".join((value or "").split()).upper()
    try:
        tracking_number_validator(number)
    except ValidationError as error:
        raise InvalidShipment(" ".join(error.messages)) from error
    return number


def _courier_clean(courier: str, courier_other: str) -> tuple[str, str]:
    if courier not in Courier.values:
        raise InvalidShipment(_("Choose the courier that carries the parcel."))
    courier_other = " ".join((courier_other or "").split())[:60]
    if courier == Courier.OTHER and not courier_other:
        raise InvalidShipment(_("Name the courier that carries the parcel."))
    return courier, courier_other if courier == Courier.OTHER else ""


def line_ship(*, line_id: int, user, courier: str, courier_other: str = "",
              tracking_number: str) -> LineShipment:
    """The artisan has handed the piece to `courier` under `tracking_number`.

    A line may be shipped straight from waiting (packing need not be recorded).
    The piece leaves the stock, Oscar records a shipping event, the order becomes
    "Shipped" once every line still to be sent is, and the buyer is emailed the
    courier and number after commit.

    Raises InvalidShipment for an unknown courier, "other" without a name, or a
    tracking number that is not 6 to 40 letters and digits; NotAllowed,
    InvalidTransition (shipped already, given up) and NotPaid as line_pack does.
    Nothing is changed then.
    """
    courier, courier_other = _courier_clean(courier, courier_other)
    tracking_number = tracking_number_clean(tracking_number)
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        _require_seller(line, user)
        _require_state(shipment, {S.WAITING, S.PACKED})
        _require_paid(order, line)
        now = timezone.now()
        from_state = _save(
            shipment, user=user, to=S.SHIPPED, courier=courier, courier_other=courier_other,
            tracking_number=tracking_number, shipped_at=now,
            packed_at=shipment.packed_at or now,
        )
        _stock_consume(line)
        _line_status(line, LineStatus.SHIPPED)
        _oscar_shipping_event(order, line, user=user,
                              reference=f"{shipment.courier_name} {tracking_number}")
        event = events.shipment_event_record(
            line=line, kind=Kind.SHIPPED, actor=user, from_state=from_state, to_state=S.SHIPPED,
            courier=shipment.courier_name, tracking_number=tracking_number,
        )
        _order_status_follow(order, user=user)
        events.notify_after_commit(event)
    return shipment


def line_unable(*, line_id: int, user, reason: str, restock: bool = False) -> LineShipment:
    """The artisan cannot send the line (broken, sold elsewhere, no courier reaches...).

    The line is cancelled in Oscar and goes to the council's list to refund; the
    order is cancelled once no line of it is left to send. With `restock` the piece
    goes back on sale (its allocation is released); without, it leaves the stock.
    The buyer (an apology, a refund coming) and the council staff are emailed after
    commit.

    Raises InvalidShipment if `reason` is empty; NotAllowed, InvalidTransition
    (shipped or given up already) and NotPaid as line_pack does. Nothing is changed
    then.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidShipment(_("Say why the piece cannot be sent: the council and the "
                                "buyer read it."))
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        _require_seller(line, user)
        event = _unable(order, line, shipment, user=user, reason=reason, restock=restock)
        events.notify_after_commit(event)
    return shipment


def _unable(order: Order, line, shipment: LineShipment, *, user, reason: str,
            restock: bool) -> LineShipmentEvent:
    """The locked line, waiting or packed in a paid order, will not be sent."""
    _require_state(shipment, {S.WAITING, S.PACKED})
    _require_paid(order, line)
    from_state = _save(shipment, user=user, to=S.UNABLE, unable_reason=reason,
                       unable_at=timezone.now())
    if restock:
        _stock_release(line)
    else:
        _stock_consume(line)
    _line_status(line, OrderStatus.CANCELLED)
    _note(order, user=user, message=_(
        "“%(title)s” (%(partner)s) cannot be sent; the buyer is to be refunded. "
        "Reason: %(reason)s") % {"title": line.title, "partner": line.partner_name,
                                  "reason": reason})
    event = events.shipment_event_record(
        line=line, kind=Kind.UNABLE, actor=user, from_state=from_state, to_state=S.UNABLE,
        note=reason,
    )
    _order_status_follow(order, user=user)
    return event


# --- the buyer's move, and the beat's ----------------------------------------------

def line_deliver(*, line_id: int, user) -> LineShipment:
    """The buyer of the line's order says the piece arrived: the line is delivered, and
    the order too once every line still to be sent is.

    Raises NotAllowed if `user` is not the signed-in buyer of the order,
    InvalidTransition if the line is not shipped (delivered already, not sent yet,
    refunded). Nothing is changed then.
    """
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        if not (user.is_authenticated and order.user_id is not None
                and order.user_id == user.pk):
            raise NotAllowed(_("This order line does not exist or is not yours."))
        _require_state(shipment, {S.SHIPPED})
        _deliver(order, line, shipment, user=user, note="")
    return shipment


def lines_deliver_overdue(*, now: datetime | None = None) -> int:
    """Mark delivered the lines shipped more than settings.FULFILMENT_DELIVERED_AFTER_DAYS
    ago that their buyer has not confirmed; returns how many were marked now.

    Each line is its own transaction under its lock, and a line moved meanwhile (the
    buyer confirmed, the council refunded) is left as it is: safe to run twice or
    beside the buyer. Raises nothing of its own.
    """
    days = settings.FULFILMENT_DELIVERED_AFTER_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    line_ids = list(
        LineShipment.objects.filter(state=S.SHIPPED, shipped_at__lte=cutoff)
        .order_by("shipped_at", "pk").values_list("line_id", flat=True)
    )
    marked = 0
    for line_id in line_ids:
        with transaction.atomic():
            order, line, shipment = _lock(line_id)
            if shipment.state != S.SHIPPED or shipment.shipped_at > cutoff:
                continue
            _deliver(order, line, shipment, user=None, note=_(
                "Marked delivered: %(days)s days after shipping, with no word from the "
                "buyer.") % {"days": days})
            marked += 1
    return marked


def _deliver(order: Order, line, shipment: LineShipment, *, user, note: str) -> None:
    from_state = _save(shipment, user=user, to=S.DELIVERED, delivered_at=timezone.now())
    _line_status(line, LineStatus.DELIVERED)
    events.shipment_event_record(
        line=line, kind=Kind.DELIVERED, actor=user, from_state=from_state,
        to_state=S.DELIVERED, note=note,
    )
    _order_status_follow(order, user=user)


# --- the council's moves -----------------------------------------------------------

def _require_payments_staff(user) -> None:
    if not user_manages_payments(user=user):
        raise NotAllowed(_("Only council staff who manage payments can refund."))


def refund_reason_clean(*, state: str, reason: str) -> str:
    """The reason for refunding a line in `state`, stripped.

    Raises InvalidRefund when a line that was sent is refunded without a reason (the
    buyer, the artisan and the accounts read it); a line given up has its artisan's.
    """
    reason = (reason or "").strip()
    if state in SENT and not reason:
        raise InvalidRefund(_("Say why a line that was sent is refunded (for example: "
                              "the buyer returned it damaged)."))
    return reason


def line_withdraw(*, line_id: int, user, reason: str) -> LineShipment:
    """Council staff take back a line not sent yet (the whole order is refunded, the
    buyer asked to cancel): it becomes "unable" as if its artisan had given it up, its
    piece goes back on sale, and it waits for its refund. Its artisan is emailed not
    to send it, after commit.

    Raises NotAllowed (not staff who manage payments), InvalidRefund (no reason),
    InvalidTransition (not waiting or packed), NotPaid (not paid, or cancelled).
    Nothing is changed then.
    """
    _require_payments_staff(user)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRefund(_("Say why the line is taken back: the artisan and the buyer "
                              "read it."))
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        event = _unable(order, line, shipment, user=user, reason=reason, restock=True)
        events.notify_after_commit(event)
    return shipment


def line_refund(*, line_id: int, user, note: str = "", reason: str = "") -> LineShipment:
    """Council staff record that the buyer of an order paid by bank transfer was
    refunded for a line: one its artisan cannot send, or one shipped or delivered
    (then with `reason`, e.g. returned damaged).

    The money goes back by bank transfer outside the shop; this records who and
    when, with `note` (for example the transfer's reference), a "Refunded" payment
    event for the line's price, the refund on the order's bank-transfer source, and
    a note on the order. The buyer is emailed after commit.

    Raises NotAllowed if `user` is not staff who manage payments
    (payments.selectors.user_manages_payments) or the order was paid by card (its
    lines are refunded through Stripe), InvalidTransition if the line cannot be
    refunded (refunded already, or still to be sent), InvalidRefund for a line sent
    without a reason. Nothing is changed then.
    """
    _require_payments_staff(user)
    note = (note or "").strip()
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        if order_card_source(order=order) is not None:
            raise NotAllowed(_("Order %(number)s was paid by card: refund the line through "
                               "Stripe.") % {"number": order.number})
        _require_state(shipment, REFUNDABLE)
        reason = refund_reason_clean(state=shipment.state, reason=reason)
        _refund_record(order, line, user=user, note=note)
        event = _refunded(order, line, shipment, user=user, note=note, reason=reason)
        events.notify_after_commit(event)
    return shipment


def line_refund_confirm(*, line_id: int, actor=None, reason: str = "",
                        note: str = "") -> LineShipmentEvent | None:
    """Stripe has refunded the line's card payment: the line moves to refunded.

    Called by payments.card_refunds when Stripe's webhook confirms the refund, in
    its transaction, after it recorded the money on the order; `actor` is the staff
    member who asked. A line already refunded is left as it is and None returned (a
    replayed or late webhook): the line gets one "refunded" event. A line still to be
    sent (its refund was made in Stripe directly) is taken back, its piece back on
    sale. The buyer is emailed after commit. Raises nothing of its own.
    """
    with transaction.atomic():
        order, line, shipment = _lock(line_id)
        if shipment.state == S.REFUNDED:
            return None
        if shipment.state in (S.WAITING, S.PACKED):
            _stock_release(line)
        reason = (reason or "").strip()
        if not reason and not shipment.unable_reason:
            reason = _("Refunded by card through Stripe.")
        event = _refunded(order, line, shipment, user=actor, note=note, reason=reason)
        events.notify_after_commit(event)
    return event


def _refunded(order: Order, line, shipment: LineShipment, *, user, note: str,
              reason: str) -> LineShipmentEvent:
    """The locked line moves to refunded, with its event and Oscar's statuses."""
    from_state = _save(shipment, user=user, to=S.REFUNDED, refunded_at=timezone.now(),
                       refunded_by=user, refund_note=note, refund_reason=reason)
    if (line.status != OrderStatus.CANCELLED
            and LineStatus.REFUNDED not in line.available_statuses()):
        # Paid or packed (a refund made in Stripe directly): cancelled on the way.
        _line_status(line, OrderStatus.CANCELLED)
    _line_status(line, LineStatus.REFUNDED)
    event = events.shipment_event_record(
        line=line, kind=Kind.REFUNDED, actor=user, from_state=from_state,
        to_state=S.REFUNDED, note="\n".join(part for part in (reason, note) if part),
    )
    _order_status_follow(order, user=user)
    return event


def _refund_record(order: Order, line, *, user, note: str) -> None:
    """Oscar's records of a refund by bank transfer: payment event, source, order note."""
    amount = line.line_price_incl_tax
    event_type, _created = PaymentEventType.objects.get_or_create(
        name=PAYMENT_EVENT_REFUNDED)
    EventHandler(user).handle_payment_event(
        order, event_type, amount, lines=[line], line_quantities=[line.quantity],
        reference=note[:128],
    )
    source = order_bank_transfer_source(order=order)
    if source is not None:
        source.refund(amount, reference=note[:128])
    _note(order, user=user, message=(
        _("Refunded for “%(title)s” by bank transfer. %(note)s")
        % {"title": line.title, "note": note}
    ).strip())
