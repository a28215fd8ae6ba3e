"""Reads of fulfilment that encode who sees which order lines, and where a line stands."""
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from fulfilment.models import LineShipment, LineShipmentEvent, LineState, ShipmentState
from payments.statuses import LineStatus, OrderStatus

S = ShipmentState

# Through get_model: the order app may be forked by checkout work.
Line = get_model("order", "Line")

# Line statuses in which the artisan must send the piece, and so may see where to.
# Listed rather than "not awaiting payment or cancelled", so that a blank or new
# status keeps the buyer's details hidden.
LINE_STATUSES_TO_SHIP = (
    LineStatus.PAID, LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED,
)

# The artisan's filters of their order lines: name -> condition on a line.
LINE_FILTERS = {
    # Paid and not yet packed: the artisan's next job.
    "to-pack": Q(status__in=[OrderStatus.PAID, LineStatus.PACKED])
    & (Q(shipment__isnull=True) | Q(shipment__state=S.WAITING)),
    "to-ship": Q(shipment__state=S.PACKED),
    "shipped": Q(shipment__state__in=[S.SHIPPED, S.DELIVERED]),
    "unable": Q(shipment__state__in=[S.UNABLE, S.REFUNDED]),
    "all": Q(),
}


def order_lines_to_fulfil(*, user, show: str = "all") -> QuerySet:
    """The artisan's own order lines (order_lines_of_artisan_user), newest order first,
    narrowed to one of LINE_FILTERS (an unknown name means all), each with its
    shipment and `shipment_state` ("waiting" when it has none yet).
    """
    condition = LINE_FILTERS.get(show, Q())
    return (
        order_lines_of_artisan_user(user=user)
        .filter(condition)
        .select_related("shipment")
        .annotate(shipment_state=Coalesce(F("shipment__state"), Value(S.WAITING)))
    )


def order_line_counts(*, user) -> dict[str, int]:
    """How many of the artisan's lines each filter holds, in one query."""
    return order_lines_of_artisan_user(user=user).aggregate(
        **{name.replace("-", "_"): Count("pk", filter=condition)
           for name, condition in LINE_FILTERS.items()}
    )


def line_shipment_events(*, line) -> QuerySet[LineShipmentEvent]:
    """The line's shipment history, oldest first, with who acted."""
    return line.shipment_events.select_related("actor").order_by("created_at", "pk")


def shipments_awaiting_refund() -> QuerySet[LineShipment]:
    """Lines their artisan cannot send, oldest first: the council's refunds to make."""
    return (
        LineShipment.objects.filter(state=S.UNABLE)
        .select_related("line__order__user", "line__partner__artisan", "updated_by")
        .order_by("unable_at", "pk")
    )


def shipments_refunded() -> QuerySet[LineShipment]:
    """Lines refunded by the council, latest refund first."""
    return (
        LineShipment.objects.filter(state=S.REFUNDED)
        .select_related("line__order__user", "line__partner__artisan", "refunded_by")
        .order_by("-refunded_at", "-pk")
    )


# A line's shipment state -> what the buyer and the artisan read, once it is paid.
_STATE_OF_SHIPMENT = {
    S.PACKED: LineState.PACKED,
    S.SHIPPED: LineState.SHIPPED,
    S.DELIVERED: LineState.DELIVERED,
    # Will not be sent: cancelled for the buyer, who is told a refund is coming.
    S.UNABLE: LineState.CANCELLED,
    S.REFUNDED: LineState.REFUNDED,
}


def line_state(*, line) -> LineState:
    """Where the line stands: awaiting payment, paid, packed, shipped, delivered,
    cancelled or refunded. Reads the line's Oscar status and its shipment (the
    `shipment_state` annotation of order_lines_to_fulfil when present, saving a query).
    """
    shipment_state = getattr(line, "shipment_state", None)
    if shipment_state is None:
        try:
            shipment_state = line.shipment.state
        except ObjectDoesNotExist:
            shipment_state = S.WAITING
    if shipment_state in _STATE_OF_SHIPMENT:
        return _STATE_OF_SHIPMENT[shipment_state]
    if line.status == OrderStatus.AWAITING_PAYMENT:
        return LineState.AWAITING_PAYMENT
    if line.status == OrderStatus.CANCELLED:
        return LineState.CANCELLED
    if line.status == LineStatus.REFUNDED:
        return LineState.REFUNDED
    return LineState.PAID


def order_lines_of_artisan_user(*, user) -> QuerySet:
    """Order lines sold by the user's artisan business, newest order first.

    Only lines whose partner is an artisan's partner that this login belongs to:
    another artisan's line in the same order is not among them. Each line carries
    `buyer_details_visible`: true only once it is paid (LINE_STATUSES_TO_SHIP); until
    then the buyer's name, address and phone are not the artisan's to see, since an
    unpaid order may never be paid.
    """
    if not user.is_authenticated:
        return Line.objects.none()
    return (
        Line.objects.filter(partner__artisan__isnull=False, partner__users=user)
        .annotate(buyer_details_visible=ExpressionWrapper(
            Q(status__in=LINE_STATUSES_TO_SHIP), output_field=BooleanField()
        ))
        .select_related("order", "order__shipping_address", "product")
        .order_by("-order__date_placed", "-pk")
    )
