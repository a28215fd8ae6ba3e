"""Oscar's dashboard product form without the public flag.

Only the curation services publish a product; staff editing a product in Oscar's
dashboard must not be able to make a draft public (Oscar offers the flag to every
dashboard user, partner users included).
"""
from oscar.apps.dashboard.catalogue import forms as oscar_forms


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [f for f in oscar_forms.ProductForm.Meta.fields if f != "is_public"]
