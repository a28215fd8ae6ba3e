"""Errors the checkout services raise; each carries a message fit for the buyer."""
from oscar.apps.order.exceptions import UnableToPlaceOrder


class StockUnavailable(UnableToPlaceOrder):
    """Another order took the last items while this buyer was checking out.

    A subclass of Oscar's UnableToPlaceOrder, so the checkout restores the basket
    and shows the message on the preview page.
    """
