"""Availability policies added to Oscar's; get_class falls back to Oscar's module for the rest."""
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import Unavailable


class NotPublished(Unavailable):
    """A product that is not (or no longer) published by its council: it cannot be bought.

    Oscar reports the reason returned here both when the add-to-basket form refuses
    the product and when checkout refuses a basket line ("... is no longer available
    to buy (reason)").
    """

    code = "unavailable"
    message = _("Not on sale")

    def is_purchase_permitted(self, quantity):
        return False, _("it is not on sale in the marketplace")
