"""/sitemap.xml: only what a buyer may reach (public products, browsable categories,
regions, and artisans with a public page)."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalogue.models import Region
from catalogue.selectors import artisans_public, categories_public, products_public


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "catalogue:index", "region-list"]

    def location(self, item):
        return reverse(item)


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return products_public().order_by("pk")

    def lastmod(self, product):
        return product.date_updated


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return categories_public().order_by("path")


class RegionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Region.objects.order_by("slug")


class ArtisanSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return artisans_public().order_by("slug")

    def lastmod(self, artisan):
        return artisan.updated_at


SITEMAPS = {
    "pages": HomeSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "regions": RegionSitemap,
    "artisans": ArtisanSitemap,
}
