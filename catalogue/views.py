"""Storefront views of the catalogue.

Oscar loads ProductDetailView from here (the app is forked); Region and Artisan
pages are our own.
"""
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from catalogue.models import Artisan, Region
from catalogue.selectors import products_public


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, reachable only for published products, staff included."""

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        return get_object_or_404(products_public().filter(parent=None) | products_public().filter(parent__isnull=False), pk=self.kwargs["pk"])

    def is_viewable(self, product, request):
        return product.is_published


class RegionDetailView(DetailView):
    model = Region
    template_name = "catalogue/region_detail.html"


class ArtisanDetailView(DetailView):
    model = Artisan
    template_name = "catalogue/artisan_detail.html"
