"""Oscar's dashboard forms that take a photo, taking it through the catalogue's pipeline.

Oscar's own fields are Django ImageFields: they store what was sent (HEIC under any
name, EXIF and GPS included) and let a truncated file through to a 500. Here the
product photo, the category image and product attributes of type file or image are
catalogue.photo_forms.PhotoFields: checked by content and limits, upright, stripped,
HEIC stored as JPEG, named with the extension of what is stored, refused with the
words the artisan's forms use. dashboard.catalogue.forms exports these classes, so
Oscar's views and formsets (get_class) use them with no change to the views.
"""
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.forms.widgets import ImageInput

from catalogue.photo_forms import PhotoField, photo_help_text


class ProductImageForm(oscar_forms.ProductImageForm):
    original = PhotoField(label=_("Original"), stored_name=True, help_text=photo_help_text(),
                          widget=ImageInput())


class CategoryForm(oscar_forms.CategoryForm):
    image = PhotoField(label=_("Image"), required=False, stored_name=True,
                       help_text=photo_help_text())


class PhotoAttributeFieldsMixin:
    """Product attributes of type file or image take a photo, through the same pipeline.

    Nothing else is offered for them: a file attribute that took any file would be
    the one upload in the shop stored unchecked.
    """

    def get_attribute_field(self, attribute):
        if attribute.type in (attribute.FILE, attribute.IMAGE):
            return PhotoField(label=attribute.name, required=attribute.required,
                              stored_name=True, help_text=photo_help_text())
        return super().get_attribute_field(attribute)
