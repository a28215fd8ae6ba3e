"""Storefront views of the catalogue.

Oscar loads ProductDetailView from here (the app is forked); the home page and
the list of regions are our own. Every product a buyer sees comes from
catalogue.selectors, which only ever returns curated, published products. The
region and artisan pages browse through the search interface
(search/views/places.py).
"""
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_class

from catalogue.alerts import ProductAlertForm
from catalogue.models import Product
from catalogue.selectors import (
    categories_public,
    products_for_cards,
    products_of_artisan,
    products_ordered,
    products_public,
    regions_with_product_counts,
)

CustomerHistoryManager = get_class("customer.history", "CustomerHistoryManager")

FEATURED_PRODUCTS = 8
MORE_FROM_ARTISAN = 4
RECENTLY_VIEWED = 4


class HomeView(TemplateView):
    """The front page: newest curated products, the crafts and the regions."""

    template_name = "catalogue/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["featured_products"] = products_for_cards(
            products_ordered(products_public())
        )[:FEATURED_PRODUCTS]
        ctx["categories"] = categories_public().filter(depth=1)
        ctx["regions"] = regions_with_product_counts()
        return ctx


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, for published products only.

    Nobody, staff included, sees an unpublished product here: curators preview
    submissions in the curation area. A variant is found only while its parent
    is public too.
    """

    def get_queryset(self):
        return (
            Product.objects.public()
            .select_related("artisan__region", "product_class", "parent__product_class",
                            "parent__artisan__region")
            .prefetch_related("images", "stockrecords")
            .prefetch_attribute_values()
            .prefetch_browsable_categories()
        )

    def get_object(self, queryset=None):
        if not hasattr(self, "object"):
            self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.object

    def is_viewable(self, product, request):
        # get_object() found it among the public products: no staff exception.
        return True

    def get_alert_form(self):
        # With the one-time token that catalogue.alerts checks.
        return ProductAlertForm(user=self.request.user, product=self.object)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        artisan = product.artisan or (product.parent.artisan if product.parent_id else None)
        ctx["artisan"] = artisan
        ctx["category"] = next(iter(product.get_categories()), None)
        ctx["more_from_artisan"] = []
        if artisan is not None:
            canonical_pk = product.parent_id or product.pk
            ctx["more_from_artisan"] = products_for_cards(
                products_ordered(products_of_artisan(artisan=artisan).exclude(pk=canonical_pk))
            )[:MORE_FROM_ARTISAN]
        ctx["recently_viewed"] = self.get_recently_viewed(exclude_pk=product.pk)
        return ctx

    def get_recently_viewed(self, *, exclude_pk: int) -> list[Product]:
        """The buyer's recently viewed products that are still public, newest first.

        Oscar's history tag reads the same cookie but loads each card's data one
        product at a time; this loads them all at once.
        """
        ids = [pk for pk in reversed(CustomerHistoryManager.extract(self.request))
               if isinstance(pk, int) and pk != exclude_pk][:RECENTLY_VIEWED]
        if not ids:
            return []
        found = products_for_cards(products_public().filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]


class RegionListView(ListView):
    """Every region (council area), with how many curated products it offers."""

    template_name = "catalogue/region_list.html"
    context_object_name = "regions"

    def get_queryset(self):
        return regions_with_product_counts()
