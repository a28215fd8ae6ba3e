"""Two artisans of one order ship at the same moment; an artisan double-clicks.

The services lock the order row before the line's, so the second of two artisans
sees the first one's line shipped and moves the order to "Shipped" exactly once.
"""
import time

from oscar.apps.order.models import ShippingEventType

from fulfilment import services
from fulfilment.errors import FulfilmentError
from fulfilment.models import LineShipmentEvent
from tests.concurrency import POSTGRES_RACE
from tests.concurrency import run_at_once as run_concurrently

pytestmark = POSTGRES_RACE


def run_at_once(*calls):
    return run_concurrently(*calls, refused=(FulfilmentError,))


def test_two_artisans_shipping_one_order_at_once_ship_the_order(
    shared_order, artisan_user, other_user, monkeypatch
):
    order, own, other = shared_order
    # Widen the window between each line's lock and the look at the order's other
    # lines: without the order's lock, each would miss the other's shipped line.
    # Made beforehand: two first inserts of it would queue on its unique name and
    # hide a missing lock.
    ShippingEventType.objects.get_or_create(name=services.SHIPPING_EVENT_SHIPPED)
    consume = services._stock_consume
    monkeypatch.setattr(services, "_stock_consume",
                        lambda line: (time.sleep(0.5), consume(line))[1])

    outcomes = run_at_once(
        lambda: services.line_ship(line_id=own.pk, user=artisan_user, courier="jne",
                                   tracking_number="CGK1234567890"),
        lambda: services.line_ship(line_id=other.pk, user=other_user, courier="jnt",
                                   tracking_number="JT0001234567"),
    )

    assert not [o for o in outcomes if isinstance(o, FulfilmentError)], outcomes
    order.refresh_from_db()
    assert order.status == "Shipped"
    assert order.status_changes.filter(new_status="Shipped").count() == 1


def test_a_double_click_on_ship_ships_once(shared_order, artisan_user):
    order, own, other = shared_order

    outcomes = run_at_once(*[
        lambda: services.line_ship(line_id=own.pk, user=artisan_user, courier="jne",
                                   tracking_number="CGK1234567890")
    ] * 2)

    assert len([o for o in outcomes if isinstance(o, FulfilmentError)]) == 1, outcomes
    assert LineShipmentEvent.objects.filter(line=own, kind="shipped").count() == 1
