"""Two buyers placing orders for the last item at once: exactly one gets it (PostgreSQL)."""
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction

from checkout.errors import StockUnavailable
from checkout.services import basket_stock_lock
from partner.models import StockRecord
from tests.factories import published_product
from tests.support.checkout import basket_with

pytestmark = [
    pytest.mark.postgres,
    # Skipped before any database setup: a transactional test that flushes the
    # database would upset the serialized-rollback tests that follow it.
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks need PostgreSQL: runs in the PostgreSQL pass of `make test`",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_last_item_is_allocated_once_under_concurrent_placement():
    product = published_product()
    StockRecord.objects.filter(product=product).update(num_in_stock=1)
    baskets = [basket_with(product), basket_with(product)]
    first_holds_lock = threading.Event()
    outcomes = {}

    def place(index):
        try:
            with transaction.atomic():
                basket_stock_lock(basket=baskets[index])
                if index == 0:
                    first_holds_lock.set()
                    # Keep the lock while the second buyer tries.
                    threading.Event().wait(0.5)
                StockRecord.objects.get(product=product).allocate(1)
            outcomes[index] = "placed"
        except StockUnavailable:
            outcomes[index] = "refused"
        finally:
            connection.close()

    first = threading.Thread(target=place, args=(0,))
    first.start()
    assert first_holds_lock.wait(5)
    second = threading.Thread(target=place, args=(1,))
    second.start()
    first.join(10)
    second.join(10)

    assert outcomes == {0: "placed", 1: "refused"}
    assert StockRecord.objects.get(product=product).num_allocated == 1


def test_twenty_buyers_at_once_for_the_last_piece_make_exactly_one_order():
    """Released together, twenty buyers place orders for a one-off piece: one gets it,
    nineteen are told it is gone, and nothing is allocated twice."""
    product = published_product()
    StockRecord.objects.filter(product=product).update(num_in_stock=1)
    baskets = [basket_with(product) for _ in range(20)]
    start = threading.Barrier(len(baskets))
    outcomes = [None] * len(baskets)

    def place(index):
        try:
            start.wait(10)
            with transaction.atomic():
                basket_stock_lock(basket=baskets[index])
                StockRecord.objects.get(product=product).allocate(1)
            outcomes[index] = "placed"
        except StockUnavailable:
            outcomes[index] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=place, args=(i,)) for i in range(len(baskets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(outcomes) == ["placed"] + ["refused"] * 19, outcomes
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
