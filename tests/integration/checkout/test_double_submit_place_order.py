"""Oscar's "place order" sent twice (a double click) places one order.

Oscar protects it itself, and this checks that it still does with our checkout: the
order number is made from the basket's id (Order.number is unique), and the basket
is frozen when the order is submitted, so the second copy finds the buyer's basket
empty and is sent back to it.
"""
from decimal import Decimal

import pytest
from oscar.apps.order.models import Order

from tests.factories import ArtisanFactory, published_product
from tests.support.checkout import basket_add, checkout_to_preview, place_order

pytestmark = pytest.mark.django_db


def test_place_order_sent_twice_places_one_order(client, mailoutbox):
    product = published_product(artisan=ArtisanFactory(), stock=(Decimal("450000"), 5))
    basket_add(client, product, 1)
    checkout_to_preview(client, guest_email="tamu@example.id")

    first = place_order(client)
    second = place_order(client)

    assert Order.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert "/checkout/thank-you/" in first.url
    assert second.url == "/basket/"
    assert product.stockrecords.get().num_allocated == 1
