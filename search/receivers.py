"""Index upkeep for the changes that do not pass through a service.

Filing a product in a category (the dashboard, a data fix, the demo data) changes
the craft facet and the words of the index: the product's row is rewritten, as the
services' own hooks (search.indexing) do for curation and price changes.
"""
from django.db.models.signals import m2m_changed

from catalogue.models import Product
from search.indexing import products_index_after_change


def product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        product_ids = [instance.pk]
    elif pk_set:
        product_ids = list(pk_set)
    else:  # a category cleared of every product: who they were is gone; nothing to narrow
        return
    products_index_after_change(product_ids=product_ids)


def connect() -> None:
    m2m_changed.connect(product_categories_changed, sender=Product.categories.through,
                        dispatch_uid="search-product-categories")
