"""Browsing the catalogue: every public product, or those of one category.

Stock Oscar renders these through Haystack, whose simple backend ignores the
category and reads Product.objects unfiltered; these read products_public().
"""
from urllib.parse import unquote

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404

from catalogue.models import ProductClass
from catalogue.selectors import categories_public, products_in_category, products_public
from search.views.base import ProductListView


class CatalogueView(ProductListView):
    """All public products; `?craft=<product class slug>` narrows them to one craft."""

    template_name = "oscar/catalogue/browse.html"

    def get_craft(self):
        slug = self.request.GET.get("craft")
        if not slug:
            return None
        return ProductClass.objects.filter(slug=slug).first()

    def get_products(self):
        self.craft = self.get_craft()
        products = products_public()
        if self.craft is not None:
            products = products.filter(product_class=self.craft)
        return products

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["craft"] = self.craft
        ctx["categories"] = categories_public().filter(depth=1)
        return ctx


class ProductCategoryView(ProductListView):
    """Public products of a category and of every category below it."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(categories_public(), pk=kwargs["pk"])
        # Categories are found by primary key, so a renamed slug redirects.
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def get_products(self):
        return products_in_category(category=self.category)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["ancestors"] = self.category.get_ancestors() if not self.category.is_root() else []
        ctx["subcategories"] = categories_public().filter(
            path__startswith=self.category.path, depth=self.category.depth + 1
        )
        return ctx
