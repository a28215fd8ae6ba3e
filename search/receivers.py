"""Index upkeep for the changes that do not pass through a service.

Filing a product in a category (the dashboard, a data fix, the demo data) changes
the craft facet and the words of the index: the product's row is rewritten, as the
services' own hooks (search.indexing) do for curation and price changes. So does a
renamed artisan or region (the admin, the maker's profile): the rows hold their
names and slugs, and the region and artisan pages and facets read them; the
catalogue calls those through its hooks (catalogue/hooks.py). A product's categories
are followed by Django's m2m_changed signal: the relation's manager (`categories.add`)
passes through no method of ours.
"""
from django.db.models import Q
from django.db.models.signals import m2m_changed

from catalogue import hooks as catalogue_hooks
from catalogue.models import Artisan, Product, Region
from search.indexing import products_index_after_change
from search.models import ProductDocument


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


def artisan_saved(*, artisan: Artisan) -> None:
    region = artisan.region
    as_indexed = Q(artisan=artisan.slug, artisan_name=artisan.name,
                   region=region.slug if region else "",
                   region_name=region.display_name if region else "")
    _index_rows_not_as(ProductDocument.objects.filter(product__artisan=artisan), as_indexed)


def region_saved(*, region: Region) -> None:
    as_indexed = Q(region=region.slug, region_name=region.display_name)
    _index_rows_not_as(ProductDocument.objects.filter(product__artisan__region=region),
                       as_indexed)


def _index_rows_not_as(rows, as_indexed: Q) -> None:
    """Rewrite the rows whose names differ (one query when none does: a profile saved
    without a new name costs nothing more)."""
    stale = list(rows.exclude(as_indexed).values_list("pk", flat=True))
    if stale:
        products_index_after_change(product_ids=stale)


def connect() -> None:
    m2m_changed.connect(product_categories_changed, sender=Product.categories.through,
                        dispatch_uid="search-product-categories")
    catalogue_hooks.artisan_saved.register(artisan_saved)
    catalogue_hooks.region_saved.register(region_saved)
