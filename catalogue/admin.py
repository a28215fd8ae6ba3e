"""Admin for the craft domain. Curation state and publication are read-only here:
only the curation services change them."""
from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.apps.catalogue.admin import ProductAdmin as OscarProductAdmin

from catalogue.models import Artisan, Product, Region


admin.site.unregister(Product)


@admin.register(Product)
class ProductAdmin(OscarProductAdmin):
    list_display = ("get_title", "artisan", "curation_state", "is_public", "date_created")
    list_filter = ("curation_state", "product_class", "artisan__region")
    readonly_fields = ("is_public", "curation_state", "published_at", "curated_by")
    raw_id_fields = ("artisan", "parent")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("display_name", "province", "kind", "slug")
    list_filter = ("province", "kind")
    search_fields = ("name", "province")
    prepopulated_fields = {"slug": ("kind", "name")}


@admin.register(Artisan)
class ArtisanAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "is_verified", "nib", "created_at")
    list_filter = ("region", "is_verified")
    search_fields = ("name", "nib", "email")
    raw_id_fields = ("partner",)
    filter_horizontal = ("crafts",)
