"""The shipping methods offered at checkout (loaded by Oscar as shipping.repository)."""
from oscar.apps.shipping.repository import Repository as CoreRepository

from shipping.methods import FlatRate


class Repository(CoreRepository):
    """Flat-rate shipping only, for now; a courier-rate method would be added here."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        # Built per call so that the rate follows the current settings.
        return [FlatRate()]
