"""Reads of wish lists that encode what a buyer may see."""
from django.db.models import QuerySet

from catalogue.models import Product
from wishlists.models import Line


def products_wishable() -> QuerySet[Product]:
    """Products a buyer may put on a wish list: the published ones (variants included)."""
    return Product.objects.public()


def wishlist_lines_visible(*, wishlist) -> QuerySet[Line]:
    """The lines of `wishlist` whose product is still published; the others stay
    stored (they reappear if the product is published again) but are not shown.
    """
    return wishlist.lines.filter(product__in=products_wishable()).order_by("pk")
