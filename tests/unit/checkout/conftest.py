"""Fixtures for the checkout's unit tests: baskets and orders built without the views."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory, published_product
from tests.support.checkout import basket_with, place_bank_transfer_order


@pytest.fixture
def published():
    return published_product(stock=(Decimal("1250000"), 5))


@pytest.fixture
def placed_order(published):
    return place_bank_transfer_order(basket_with(published, quantity=2))


@pytest.fixture
def order_staff():
    """Staff who manage orders (Oscar's order.view_order and order.change_order)."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    return user
