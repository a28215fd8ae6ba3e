"""Known sales, shipments, rates and payouts for the ledger and statement tests."""
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import uuid
from unittest import mock

from django.contrib.auth.models import Permission
from django.utils import timezone

from fulfilment.events import shipment_event_record
from fulfilment.models import LineShipmentEvent
from payouts import services as payout_services
from payouts.models import CommissionRate
from tests.factories import OrderFactory, OrderLineFactory, ProductFactory, UserFactory

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def sale(*, artisan, placed_at: dt.datetime, amount, quantity: int = 1, status: str = "Paid",
         order=None, title: str | None = None):
    """A line of `artisan`'s product sold for `amount` (the line's price) in an order
    placed at `placed_at` with the given order status."""
    product = ProductFactory(artisan=artisan, **({"title": title} if title else {}))
    if order is None:
        order = OrderFactory(status=status)
        # date_placed is set on first save; the statement month depends on it.
        type(order).objects.filter(pk=order.pk).update(date_placed=placed_at)
        order.refresh_from_db()
    amount = Decimal(amount)
    return OrderLineFactory(
        order=order, product=product, quantity=quantity,
        unit_price_incl_tax=amount / quantity, unit_price_excl_tax=amount / quantity,
        line_price_incl_tax=amount, line_price_excl_tax=amount,
        line_price_before_discounts_incl_tax=amount,
        line_price_before_discounts_excl_tax=amount,
        status="Cancelled" if status == "Cancelled" else status,
    )


def mock_now(at: dt.datetime):
    """Django's clock stopped at `at` (what auto_now_add and the services read)."""
    return mock.patch("django.utils.timezone.now", return_value=at)


def shipment_event(line, kind: str, *, at: dt.datetime | None = None) -> LineShipmentEvent:
    """The event fulfilment writes when `line` moves (`kind` "shipped", "refunded",
    "unable"...), as if written at `at`, through fulfilment.events: the ledger follows
    it as it does then (fulfilment.hooks)."""
    from_state = {"shipped": "packed", "refunded": "unable"}.get(kind, "waiting")
    if kind == "refunded" and line.shipment_events.filter(kind="shipped").exists():
        from_state = "shipped"  # a piece sent back by the buyer
    with mock_now(at or timezone.now()):
        return shipment_event_record(
            line=line, kind=kind, actor=None, from_state=from_state, to_state=kind,
            courier="JNE" if kind == "shipped" else "",
            tracking_number="JNE0012345678" if kind == "shipped" else "",
        )


def shipped_sale(*, shipped_at: dt.datetime | None = None, **kwargs):
    """A `sale` its artisan has shipped at `shipped_at` (default: when it was placed)."""
    line = sale(**kwargs)
    shipment_event(line, "shipped", at=shipped_at or kwargs["placed_at"])
    return line


def rate(percent: str, valid_from: dt.date, region=None, user=None) -> CommissionRate:
    """A commission rate row as the council would have set it (services check the dates)."""
    return CommissionRate.objects.create(
        rate=Decimal(percent), valid_from=valid_from, region=region,
        created_by=user or UserFactory(is_staff=True),
    )


def payments_staff(**kwargs):
    """The council's treasurer: manages orders' payments
    (payments.selectors.user_manages_payments) and pays artisans
    (payouts.selectors.user_may_pay_artisans)."""
    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="order",
                                   codename__in=["view_order", "change_order"]),
        *Permission.objects.filter(content_type__app_label="payouts", codename="add_payout"),
    )
    return user


def pay(*, artisan, amount: int, user, reference: str | None = None,
        paid_on: dt.date | None = None, key: str | None = None, note: str = ""):
    """Record a payout through the service, as the dashboard form does."""
    return payout_services.payout_record(
        artisan_id=artisan.pk, amount=amount, paid_on=paid_on or dt.date(2025, 1, 1),
        reference=reference or f"TRF-{uuid.uuid4().hex[:10]}", note=note, user=user,
        idempotency_key=key or uuid.uuid4().hex,
    )
