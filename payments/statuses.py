"""Order and line statuses the payment rules move between.

They are stored as these English words (see OSCAR_ORDER_STATUS_PIPELINE in the
settings) and translated on display.
"""
from django.utils.translation import gettext_noop


class OrderStatus:
    AWAITING_PAYMENT = gettext_noop("Awaiting payment")
    PAID = gettext_noop("Paid")
    CANCELLED = gettext_noop("Cancelled")


class LineStatus(OrderStatus):
    """Statuses of one artisan's line (fulfilment moves them). An order takes the same
    words when all its lines are there (fulfilment.services._order_status_follow)."""

    PACKED = gettext_noop("Packed")
    SHIPPED = gettext_noop("Shipped")
    DELIVERED = gettext_noop("Delivered")
    # The buyer got the line's money back (card or bank transfer); for an order:
    # every line refunded.
    REFUNDED = gettext_noop("Refunded")


class PaymentEventKind:
    """Names of Oscar PaymentEventType rows."""

    PAID = gettext_noop("Paid")
