"""Oscar's dashboard product form without the public flag.

Only the curation services publish a product; staff editing a product in Oscar's
dashboard must not be able to make a draft public (Oscar offers the flag to every
dashboard user, partner users included).

The forms that take a photo (product photos, category image, file and image
attributes) are in dashboard.catalogue.photo_forms and exported from here, where
Oscar's views and formsets look them up.
"""
from oscar.apps.dashboard.catalogue import forms as oscar_forms

from dashboard.catalogue.photo_forms import (  # noqa: F401  looked up by Oscar's get_class
    CategoryForm, PhotoAttributeFieldsMixin, ProductImageForm,
)


class ProductForm(PhotoAttributeFieldsMixin, oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [f for f in oscar_forms.ProductForm.Meta.fields if f != "is_public"]
