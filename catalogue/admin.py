"""Admin for the craft domain. Curation state and publication are read-only here:
only the curation services change them.

Every file field the admin edits (the artisan's portrait, product photos, category
images, file and image attributes) is a catalogue.photo_forms.PhotoField: the same
photo pipeline and messages as the artisan's forms (PhotoUploadsAdmin).
"""
from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.apps.catalogue.admin import AttributeInline as OscarAttributeInline
from oscar.apps.catalogue.admin import CategoryAdmin as OscarCategoryAdmin
from oscar.apps.catalogue.admin import ProductAdmin as OscarProductAdmin
from oscar.apps.catalogue.admin import \
    ProductAttributeValueAdmin as OscarProductAttributeValueAdmin
from oscar.apps.catalogue.admin import ProductImageAdmin as OscarProductImageAdmin

from catalogue.joining.services import portrait_prepare
from catalogue.models import (
    Artisan, Category, Product, ProductAttributeValue, ProductImage, Region,
)
from catalogue.photo_forms import photo_admin_overrides


class PhotoUploadsAdmin:
    """File and image fields take a photo through catalogue.photos, as every form does."""

    formfield_overrides = photo_admin_overrides()


class AttributeInline(PhotoUploadsAdmin, OscarAttributeInline):
    pass


for model in (Product, ProductImage, Category, ProductAttributeValue):
    admin.site.unregister(model)


@admin.register(ProductImage)
class ProductImageAdmin(PhotoUploadsAdmin, OscarProductImageAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(PhotoUploadsAdmin, OscarCategoryAdmin):
    pass


@admin.register(ProductAttributeValue)
class ProductAttributeValueAdmin(PhotoUploadsAdmin, OscarProductAttributeValueAdmin):
    pass


@admin.register(Product)
class ProductAdmin(PhotoUploadsAdmin, OscarProductAdmin):
    inlines = [AttributeInline if inline is OscarAttributeInline else inline
               for inline in OscarProductAdmin.inlines]
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
    # The portrait as the join form and the maker page store it.
    formfield_overrides = photo_admin_overrides(prepare=portrait_prepare)
    list_display = ("name", "region", "is_verified", "nib", "created_at")
    list_filter = ("region", "is_verified")
    search_fields = ("name", "nib", "email")
    raw_id_fields = ("partner",)
    filter_horizontal = ("crafts",)
