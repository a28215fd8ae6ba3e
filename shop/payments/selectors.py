"""Reads about payments."""
from oscar.apps.payment.models import Source, SourceType

from shop.payments.statuses import OrderStatus

BANK_TRANSFER_SOURCE_CODE = "bank-transfer"
BANK_TRANSFER_SOURCE_NAME = "Bank transfer"


def bank_transfer_source_type() -> SourceType:
    """Oscar's SourceType row for bank transfers, created on first use."""
    source_type, _ = SourceType.objects.get_or_create(
        code=BANK_TRANSFER_SOURCE_CODE, defaults={"name": BANK_TRANSFER_SOURCE_NAME}
    )
    return source_type


def order_bank_transfer_source(*, order) -> Source | None:
    """The order's bank-transfer payment source, or None if it was paid another way."""
    return order.sources.filter(source_type__code=BANK_TRANSFER_SOURCE_CODE).first()


def order_awaits_bank_transfer(*, order) -> bool:
    """True while the buyer still has to transfer the money for this order."""
    return (
        order.status == OrderStatus.AWAITING_PAYMENT
        and order_bank_transfer_source(order=order) is not None
    )


def user_may_mark_paid(*, user) -> bool:
    """Only active staff who may change orders (Oscar's order.change_order) confirm
    payments; artisans with dashboard access and buyers never can.
    """
    return bool(
        user.is_authenticated and user.is_active and user.is_staff
        and user.has_perm("order.change_order")
    )
