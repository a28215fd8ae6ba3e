"""Admin for the craft domain. Products, their photos, attributes, categories and
stock records are shown read-only: a product's content changes only through the
artisan's area and a curator's approval on record (curation.services,
curation.revisions), and price and stock through artisans.portal.services, which record
each change. An artisan's verification is the council's decision in the curation
area, read-only here too.

Every file field the admin edits (the artisan's portrait, product photos, category
images, file and image attributes) is a catalogue.photo_forms.PhotoField: the same
photo pipeline and messages as the artisan's forms (PhotoUploadsAdmin).
"""
from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403
from oscar.apps.catalogue.admin import AttributeInline as OscarAttributeInline
from oscar.apps.catalogue.admin import CategoryAdmin as OscarCategoryAdmin
from oscar.apps.catalogue.admin import CategoryInline as OscarCategoryInline
from oscar.apps.catalogue.admin import ProductCategoryAdmin as OscarProductCategoryAdmin
from oscar.apps.catalogue.admin import \
    ProductRecommendationInline as OscarProductRecommendationInline
from oscar.apps.catalogue.admin import ProductAdmin as OscarProductAdmin
from oscar.apps.catalogue.admin import \
    ProductAttributeValueAdmin as OscarProductAttributeValueAdmin
from oscar.apps.catalogue.admin import ProductImageAdmin as OscarProductImageAdmin

from catalogue.portraits import portrait_prepare
from catalogue.models import (
    Artisan, Category, Product, ProductAttributeValue, ProductCategory, ProductImage, Region,
)
from catalogue.photo_forms import photo_admin_overrides
from core.read_only_admin import ReadOnlyAdmin, ReadOnlyInline


class PhotoUploadsAdmin:
    """File and image fields take a photo through catalogue.photos, as every form does."""

    formfield_overrides = photo_admin_overrides()


class AttributeInline(ReadOnlyInline, PhotoUploadsAdmin, OscarAttributeInline):
    pass


class CategoryInline(ReadOnlyInline, OscarCategoryInline):
    pass


class ProductRecommendationInline(ReadOnlyInline, OscarProductRecommendationInline):
    pass


for model in (Product, ProductImage, Category, ProductAttributeValue, ProductCategory):
    admin.site.unregister(model)


@admin.register(ProductImage)
class ProductImageAdmin(ReadOnlyAdmin, PhotoUploadsAdmin, OscarProductImageAdmin):
    pass


@admin.register(ProductCategory)
class ProductCategoryAdmin(ReadOnlyAdmin, OscarProductCategoryAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(PhotoUploadsAdmin, OscarCategoryAdmin):
    pass


@admin.register(ProductAttributeValue)
class ProductAttributeValueAdmin(ReadOnlyAdmin, PhotoUploadsAdmin,
                                 OscarProductAttributeValueAdmin):
    pass


@admin.register(Product)
class ProductAdmin(ReadOnlyAdmin, PhotoUploadsAdmin, OscarProductAdmin):
    inlines = [AttributeInline, CategoryInline, ProductRecommendationInline]
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
    list_display = ("name", "region", "admission_state", "nib", "created_at")
    list_filter = ("region", "admission_state")
    search_fields = ("name", "nib", "email")
    raw_id_fields = ("partner",)
    filter_horizontal = ("crafts",)
    # The application and its decision belong to the council's verification workflow
    # (artisans.joining.services), never to a form here; its history is the
    # artisans.AdmissionEvent log.
    readonly_fields = ("admission_state", "is_verified", "verified_at")
