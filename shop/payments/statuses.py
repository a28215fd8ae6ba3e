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
    """Statuses of one artisan's line; packing and shipping come with the artisan portal."""

    PACKED = gettext_noop("Packed")
    SHIPPED = gettext_noop("Shipped")
    DELIVERED = gettext_noop("Delivered")


class PaymentEventKind:
    """Names of Oscar PaymentEventType rows."""

    PAID = gettext_noop("Paid")
