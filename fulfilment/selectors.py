"""Reads of fulfilment that encode who sees which order lines."""
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from catalogue.portal.selectors import order_lines_of_artisan_user
from fulfilment.models import LineShipment, LineShipmentEvent, ShipmentState
from shop.payments.statuses import LineStatus, OrderStatus

S = ShipmentState

# The artisan's filters of their order lines: name -> condition on a line.
LINE_FILTERS = {
    # Paid and not yet packed: the artisan's next job.
    "to-pack": Q(status__in=[OrderStatus.PAID, LineStatus.PACKED])
    & (Q(shipment__isnull=True) | Q(shipment__state=S.WAITING)),
    "to-ship": Q(shipment__state=S.PACKED),
    "shipped": Q(shipment__state=S.SHIPPED),
    "unable": Q(shipment__state__in=[S.UNABLE, S.REFUNDED]),
    "all": Q(),
}


def order_lines_to_fulfil(*, user, show: str = "all") -> QuerySet:
    """The artisan's own order lines (catalogue.portal.selectors), newest order first,
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
