"""Forms of the artisan area.

Plain forms, not ModelForms: they expose exactly the fields an artisan may set.
There is no public flag and no owner field; the views pass the artisan and the
product, and artisans.portal.services does the writing.
"""
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_lazy as _

from catalogue import photos, services
from catalogue.errors import InvalidPhoto
from catalogue.models import (
    Artisan, AttributeOption, Product, ProductAttribute, ProductClass,
)
from catalogue.photo_forms import PhotoField, photo_help_text
from artisans.portal.selectors import categories_for_craft
from core.form_tokens.forms import FormTokenMixin

ATTRIBUTE_PREFIX = "attr_"


# Craft, category and attribute names are stored as English source strings and
# translated where they are shown (catalogue/crafts.py).


class TranslatedNameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return gettext(obj.name)


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories of one craft, indented by depth under the craft's root."""

    def label_from_instance(self, obj) -> str:
        return "\u2014 " * (obj.depth - 1) + gettext(obj.name)


class CraftChoiceForm(forms.Form):
    """The first step of a new product: which craft it is (sent by GET)."""

    craft = TranslatedNameChoiceField(
        label=_("Craft"), queryset=ProductClass.objects.none(), to_field_name="slug",
        empty_label=_("Choose a craft"),
    )

    def __init__(self, *args, crafts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["craft"].queryset = crafts


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


#: What the file input offers on a phone (HEIC: iPhones hand over their own format).
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp" + (
    ",image/heic,image/heif,.heic,.heif" if photos.HEIF_SUPPORTED else ""
)


class MultiplePhotoField(forms.FileField):
    """A file input that takes several files and cleans to a list (possibly empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": PHOTO_ACCEPT, "data-photo-input": ""})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, (list, tuple)):
            return [single_clean(item, initial) for item in data if item]
        return [single_clean(data, initial)] if data else []


class KeptPhotosField(forms.Field):
    """Tokens of photos kept from an earlier post of the form (catalogue.photos).

    Rendered by the template as ticked checkboxes next to each kept photo, so that
    unticking one drops it. Cleans to a list of token strings.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(v)[:2000] for v in values if v][:services.MAX_PHOTOS * 2]


def _attribute_field(attribute: ProductAttribute) -> forms.Field | None:
    """A form field for one of the craft's attributes; None for kinds we do not edit here."""
    common = {"label": gettext(attribute.name), "required": attribute.required}
    kind = attribute.type
    if kind == ProductAttribute.TEXT:
        return forms.CharField(max_length=255, **common)
    if kind == ProductAttribute.RICHTEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == ProductAttribute.INTEGER:
        return forms.IntegerField(**common)
    if kind == ProductAttribute.FLOAT:
        return forms.FloatField(**common)
    if kind == ProductAttribute.BOOLEAN:
        return forms.BooleanField(label=gettext(attribute.name), required=False)
    if kind == ProductAttribute.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind in (ProductAttribute.OPTION, ProductAttribute.MULTI_OPTION):
        options = (attribute.option_group.options.all() if attribute.option_group_id
                   else AttributeOption.objects.none())
        if kind == ProductAttribute.OPTION:
            return forms.ModelChoiceField(queryset=options, **common)
        return forms.ModelMultipleChoiceField(
            queryset=options, widget=forms.CheckboxSelectMultiple, **common
        )
    # datetime, entity, file and image attributes are not offered to artisans yet.
    return None


class ProductStockForm(forms.Form):
    """Price and stock: what an artisan may change on any product, published or not."""

    price = forms.IntegerField(
        label=_("Price (Rp)"), min_value=1, max_value=int(services.MAX_PRICE_IDR),
        help_text=_("In whole rupiah, without dots: 1250000 for Rp 1.250.000."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    num_in_stock = forms.IntegerField(
        label=_("In stock"), min_value=0, max_value=services.MAX_STOCK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    @classmethod
    def initial_for(cls, product: Product) -> dict[str, Any]:
        record = product.stockrecords.filter(partner=product.artisan.partner).first()
        if record is None:
            return {}
        return {"price": int(record.price), "num_in_stock": record.num_in_stock}


class ProductForm(FormTokenMixin, ProductStockForm):
    """Everything an artisan writes about a product of one craft, photos included.

    It carries a one-time token: sent twice (a double click), it creates one product
    and adds its photos once.
    """

    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Technique, materials, size, and the story behind the piece."),
    )
    category = CategoryChoiceField(label=_("Category"), queryset=None)
    photos = MultiplePhotoField(
        label=_("Photos"),
        # Interpolated when shown, so that it follows the visitor's language.
        help_text=lazy(
            lambda: gettext("Up to %(max)s photos (%(formats)s), at most %(mb)s MB each. "
                            "The first is the main photo.")
            % {"max": services.MAX_PHOTOS, "mb": services.MAX_PHOTO_BYTES // (1024 * 1024),
               "formats": photos.accepted_formats_label()},
            str,
        )(),
    )
    kept_photos = KeptPhotosField()

    def __init__(self, *args, product_class: ProductClass, existing_photos: int = 0,
                 artisan: Artisan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product_class = product_class
        self.existing_photos = existing_photos
        self.artisan = artisan
        # The uploads of this post that were accepted, prepared for storing: kept by
        # the view when the form comes back with errors (see clean_photos).
        self.accepted_photos: list = []
        self.fields["category"].queryset = categories_for_craft(product_class=product_class)
        self.attribute_codes: list[str] = []
        for attribute in product_class.attributes.select_related("option_group").order_by("pk"):
            field = _attribute_field(attribute)
            if field is not None:
                self.fields[ATTRIBUTE_PREFIX + attribute.code] = field
                self.attribute_codes.append(attribute.code)
        self.order_fields(
            ["title", "description", "category"]
            + [ATTRIBUTE_PREFIX + code for code in self.attribute_codes]
            + ["price", "num_in_stock", "kept_photos", "photos"]
        )

    @classmethod
    def initial_for(cls, product: Product) -> dict[str, Any]:
        initial = super().initial_for(product)
        category = product.categories.first()
        initial.update({"title": product.title, "description": product.description,
                        "category": category.pk if category else None})
        for value in product.attr.get_values():
            initial[ATTRIBUTE_PREFIX + value.attribute.code] = value.value
        return initial

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[ATTRIBUTE_PREFIX + code] for code in self.attribute_codes]

    def attribute_values(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(ATTRIBUTE_PREFIX + code)
                for code in self.attribute_codes}

    def clean_kept_photos(self) -> list:
        """The artisan's kept photos (tokens of another business's are ignored)."""
        tokens = self.cleaned_data.get("kept_photos") or []
        if self.artisan is None or not tokens:
            return []
        return services.photos_kept(artisan=self.artisan, tokens=tokens)

    def _photos_prepared(self) -> tuple[list, list[str]]:
        """Kept photos then this post's accepted ones, prepared; a message per refused file.

        Each upload is read and re-encoded here (catalogue.photos), so that a file
        that fails only when decoded (a truncated one) is refused by name too.
        """
        accepted, errors = [], []
        for upload in self.cleaned_data["photos"]:
            try:
                accepted.append(services.photo_prepare(file=upload)[0])
            except InvalidPhoto as exc:
                errors.append(str(exc))
        self.accepted_photos = accepted
        return list(self.cleaned_data.get("kept_photos") or []) + accepted, errors

    def room_error(self, room: int) -> str:
        return gettext("You can add %(room)s more photos (at most %(max)s per product).") % {
            "room": max(room, 0), "max": services.MAX_PHOTOS}

    def clean_photos(self) -> list:
        prepared, errors = self._photos_prepared()
        sent = len(self.cleaned_data["photos"]) + len(self.cleaned_data.get("kept_photos") or [])
        room = services.MAX_PHOTOS - self.existing_photos
        if sent > room:
            errors.insert(0, self.room_error(room))
        if errors:
            raise forms.ValidationError(errors)
        return prepared


class ProductRevisionForm(ProductForm):
    """A published product's content, edited as a revision for the council to approve.

    Photos are not deleted at once: the artisan ticks the live ones to remove, and
    the removal goes live with the rest of the revision.
    """

    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove these photos when the changes are approved"), required=False,
        coerce=int, widget=forms.CheckboxSelectMultiple,
    )
    remove_new_photos = forms.TypedMultipleChoiceField(
        label=_("Drop these new photos from the changes"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, live_photos=(), new_photos=(), **kwargs):
        live_photos, new_photos = list(live_photos), list(new_photos)
        super().__init__(*args, existing_photos=len(live_photos) + len(new_photos), **kwargs)
        self.fields["remove_photos"].choices = [(image.pk, image.pk) for image in live_photos]
        self.fields["remove_new_photos"].choices = [(image.pk, image.pk) for image in new_photos]
        self.live_photos, self.new_photos = live_photos, new_photos

    def clean(self):
        cleaned = super().clean()
        # Photos ticked for removal make room for new ones.
        removing = len(cleaned.get("remove_photos", [])) + len(cleaned.get("remove_new_photos", []))
        photos = cleaned.get("photos") or []
        room = services.MAX_PHOTOS - self.existing_photos + removing
        if "photos" not in self.errors and len(photos) > room:
            self.add_error("photos", self.room_error(room))
        return cleaned

    def clean_photos(self) -> list:
        # The room check needs the removals: clean() does it.
        prepared, errors = self._photos_prepared()
        if errors:
            raise forms.ValidationError(errors)
        return prepared

    @classmethod
    def initial_for_revision(cls, product: Product, revision) -> dict[str, Any]:
        """The form filled from the pending revision (or the live product when none)."""
        initial = cls.initial_for(product)
        if revision is None:
            return initial
        from curation.revisions import attributes_from_json

        initial.update({"title": revision.title, "description": revision.description,
                        "category": revision.category_id,
                        "remove_photos": list(revision.removed_image_ids)})
        for code, value in attributes_from_json(revision.attributes).items():
            if isinstance(value, AttributeOption):
                value = value.pk
            elif isinstance(value, list):
                value = [option.pk for option in value]
            initial[ATTRIBUTE_PREFIX + code] = value
        return initial


class EvidenceForm(FormTokenMixin, forms.Form):
    """One evidence photo for a criterion that asks for it (once, with a one-time token)."""

    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=None,
                                       empty_label=_("Which criterion does it back?"))
    # Prepared as the form is cleaned, with the product photos' refusals (not Django's
    # "Upload a valid image"); a truncated file is refused here, not in the service.
    image = PhotoField(label=_("Photo"), help_text=photo_help_text())
    caption = forms.CharField(label=_("What it shows"), max_length=200, required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].label_from_instance = lambda c: c.name(get_language() or "id")
