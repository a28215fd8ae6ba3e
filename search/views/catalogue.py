"""Browsing the catalogue through the search backend: every public product, or one category's.

`?craft=<product class slug>` on the browse page narrows to one craft (the artisan
pages link it); the facets narrow further.
"""
from urllib.parse import unquote

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404

from catalogue.models import ProductClass
from catalogue.selectors import categories_public
from search.engine import PRODUCT_CLASS_FILTER
from search.engine import FACETS
from search.views.base import SearchListView


class CatalogueView(SearchListView):
    """All public products, with facets."""

    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        slug = request.GET.get("craft")
        self.craft = ProductClass.objects.filter(slug=slug).first() if slug else None
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        if self.craft is None:
            return {}
        return {PRODUCT_CLASS_FILTER: (self.craft.slug,)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["craft"] = self.craft
        ctx["categories"] = categories_public().filter(depth=1)
        return ctx


class ProductCategoryView(SearchListView):
    """Public products of a category and every category below it (the page is the craft facet)."""

    template_name = "oscar/catalogue/category.html"
    facets = tuple(facet for facet in FACETS if facet != "craft")

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(categories_public(), pk=kwargs["pk"])
        # Categories are found by primary key, so a renamed slug redirects.
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {"craft": (str(self.category.pk),)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["ancestors"] = self.category.get_ancestors() if not self.category.is_root() else []
        ctx["subcategories"] = categories_public().filter(
            path__startswith=self.category.path, depth=self.category.depth + 1
        )
        return ctx
