"""Reads about payments: bank transfers and cards, who may act on them, and who may
see an order's payment page."""
from django.contrib.auth import get_user_model
from django.db.models import Q
from oscar.apps.payment.models import Source, SourceType

from payments.models import CardRefund, StripePayment
from payments.statuses import OrderStatus

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


def user_manages_payments(*, user) -> bool:
    """Council staff who manage the money of orders: confirm a bank transfer, cancel an
    order, refund a line or an amount. Active staff who may change orders (Oscar's
    order.change_order); artisans with dashboard access and buyers never can. What the
    council pays artisans is another role (payouts.selectors.user_may_pay_artisans).
    """
    return bool(
        user.is_authenticated and user.is_active and user.is_staff
        and user.has_perm("order.change_order")
    )


# --- cards (Stripe) ---

CARD_SOURCE_CODE = "stripe-card"
CARD_SOURCE_NAME = "Card (Stripe)"


def card_source_type() -> SourceType:
    """Oscar's SourceType row for payments taken through Stripe, created on first use."""
    source_type, _ = SourceType.objects.get_or_create(
        code=CARD_SOURCE_CODE, defaults={"name": CARD_SOURCE_NAME}
    )
    return source_type


def order_card_source(*, order) -> Source | None:
    """The order's Stripe payment source, or None if the buyer chose another method."""
    return order.sources.filter(source_type__code=CARD_SOURCE_CODE).first()


def order_awaits_card_payment(*, order) -> bool:
    """True while the buyer who chose to pay by card has not paid yet."""
    return (
        order.status == OrderStatus.AWAITING_PAYMENT
        and order_card_source(order=order) is not None
    )


def order_visible_to_request(*, order, request) -> bool:
    """The buyer's own order: a signed-in buyer's, or the one this browser session just
    placed (guest checkout: Oscar keeps its id in the session as checkout_order_id).
    """
    user = request.user
    if user.is_authenticated and order.user_id == user.pk:
        return True
    return request.session.get("checkout_order_id") == order.pk


def payment_staff_emails() -> list[str]:
    """Addresses of active staff who may manage orders (order.change_order), to be told
    about card payments needing a person: a wrong amount, money for a cancelled order.
    """
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    perm = Q(is_superuser=True) | Q(
        user_permissions__content_type__app_label="order",
        user_permissions__codename="change_order",
    ) | Q(
        groups__permissions__content_type__app_label="order",
        groups__permissions__codename="change_order",
    )
    return sorted(set(users.filter(perm).values_list("email", flat=True)))


def order_paid_by_card(*, order) -> bool:
    """True when Stripe took the order's payment: its refunds go through Stripe."""
    return StripePayment.objects.filter(order_id=order.pk, status="succeeded").exists()


def latest_card_refunds(*, line_ids) -> dict:
    """Each line's latest card refund (requested, succeeded or failed), by line id, in
    one query; lines never refunded by card are absent."""
    latest = {}
    for refund in (CardRefund.objects.filter(line_id__in=list(line_ids))
                   .select_related("requested_by").order_by("line_id", "created_at", "pk")):
        latest[refund.line_id] = refund
    return latest
