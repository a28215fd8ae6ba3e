"""Oscar's product list mixins without its bulk actions.

Oscar offers "make public", "make not public" and "set price" on the product list,
written with queryset.update(): past the curation services, their events, the
price and stock records and the search index. Publication is a curator's decision
and prices are the artisan's (artisans.portal.services), so the list offers none.
"""
from oscar.apps.dashboard.catalogue.mixins import (  # noqa: F401  loaded by Oscar by name
    CategoryBulkActionMixin,
    PartnerProductFilterMixin,
)
from oscar.apps.dashboard.catalogue.mixins import ProductBulkActionMixin as OscarProductBulkActionMixin


class ProductBulkActionMixin(OscarProductBulkActionMixin):
    actions = {}
    intermediate_actions = {}
