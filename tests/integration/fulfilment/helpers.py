"""Order lines for the fulfilment tests."""
from tests.factories import OrderFactory, OrderLineFactory, ProductFactory


def paid_line(artisan, order=None, *, quantity: int = 1, allocated: bool = False):
    """A paid order line of `artisan` (in `order`, else a new paid order).

    With `allocated`, the stock is allocated as Oscar's checkout does when placing it.
    """
    line = OrderLineFactory(order=order or OrderFactory(), quantity=quantity,
                            product=ProductFactory(artisan=artisan))
    if allocated:
        line.stockrecord.allocate(quantity)
        line.num_allocated = quantity
        line.save(update_fields=["num_allocated"])
    return line
