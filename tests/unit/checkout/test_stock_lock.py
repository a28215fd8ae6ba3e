"""The stock of an order's lines is locked and re-checked as the order is placed."""
import pytest
from django.db import transaction

from checkout.errors import StockUnavailable
from checkout.services import basket_stock_lock
from partner.models import StockRecord
from tests.support.checkout import basket_with

pytestmark = pytest.mark.django_db


def test_enough_stock_passes(published):
    basket = basket_with(published, quantity=5)

    with transaction.atomic():
        basket_stock_lock(basket=basket)


def test_stock_taken_since_the_basket_was_filled_is_refused(published):
    basket = basket_with(published, quantity=2)
    # Another order was allocated 4 of the 5 in the meantime.
    StockRecord.objects.filter(product=published).update(num_allocated=4)

    with pytest.raises(StockUnavailable, match=published.get_title()):
        with transaction.atomic():
            basket_stock_lock(basket=basket)

