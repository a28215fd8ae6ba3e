"""Rules of placing an order that Oscar's checkout leaves to the project."""
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from checkout.errors import StockUnavailable
from partner.models import StockRecord


def basket_stock_lock(*, basket) -> None:
    """Lock the stock records of the basket's lines and check they still cover it.

    Must run inside the transaction that places the order, so that two buyers of the
    last item cannot both be allocated it: rows are locked in primary-key order (no
    deadlock between two checkouts), and Oscar allocates the stock in the same
    transaction. Raises StockUnavailable naming the first product that ran short.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("basket_stock_lock must run inside transaction.atomic()")
    wanted = Counter()
    for line in basket.all_lines():
        if line.stockrecord_id:
            wanted[line.stockrecord_id] += line.quantity
    records = (
        # of=("self",): lock only the stock rows; PostgreSQL refuses FOR UPDATE on
        # the nullable side of the outer join to a variant's parent.
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("product__product_class", "product__parent__product_class")
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    for record in records:
        if not record.can_track_allocations:
            continue
        available = record.net_stock_level
        if wanted[record.pk] > available:
            raise StockUnavailable(
                _("Sorry, “%(title)s” has just sold out (%(available)d left). "
                  "Please adjust your basket.")
                % {"title": record.product.get_title(), "available": max(available, 0)}
            )
