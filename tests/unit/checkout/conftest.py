"""Fixtures for the checkout's unit tests: baskets and orders built without the views."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from oscar.apps.address.models import Country
from oscar.apps.basket.models import Basket
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import ShippingAddress
from oscar.apps.order.utils import OrderCreator

from partner.strategy import Default
from shipping.methods import FlatRate
from payments.methods import BankTransfer
from tests.factories import UserFactory, published_product


def basket_with(*products, quantity: int = 1) -> Basket:
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, quantity)
    return basket


def place_bank_transfer_order(basket: Basket, *, number: str = "100001", user=None):
    """Place an order as the checkout does: flat-rate shipping, paid by bank transfer."""
    method = FlatRate()
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    address = ShippingAddress.objects.create(
        first_name="Siti", line1="Jl. Veteran 12", line4="Kabupaten Bojonegoro",
        state="Jawa Timur", postcode="62111", country=Country.objects.get(pk="ID"),
    )
    order = OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=shipping_charge,
        user=user, shipping_address=address, order_number=number,
        guest_email="" if user else "tamu@example.id",
    )
    for source in BankTransfer().take_payment(order_number=number, total=total):
        source.order = order
        source.save()
    return order


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
