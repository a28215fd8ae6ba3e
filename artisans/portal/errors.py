"""Errors of the artisan's own product writes (artisans.portal.services), beyond the
catalogue's (catalogue.errors), of which they are kinds."""
from decimal import Decimal

from catalogue.errors import CatalogueError


class StockChangedMeanwhile(CatalogueError):
    """The price or stock is no longer what the artisan's page showed: someone else
    (another login of the business, another tab) changed it since. `price` and
    `num_in_stock` are the values now stored."""

    def __init__(self, message: str, *, price: Decimal, num_in_stock: int):
        super().__init__(message)
        self.price = price
        self.num_in_stock = num_in_stock
