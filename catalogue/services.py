"""The catalogue's content primitives: checked values, photos, attributes, categories.

What every writer of a product's content shares: the artisan area's own writes
(artisans.portal.services) and the council's approved revisions
(curation.revisions, through `product_content_apply`). Nothing here checks who is
writing or publishes anything; the callers do, inside their own transaction.
The functions that write take a saved product and write inside the caller's
transaction; those that check raise InvalidValue or InvalidPhoto.
"""
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.utils import slugify

from catalogue import photos
from catalogue.errors import InvalidPhoto, InvalidValue
from catalogue.models import Artisan, Category, Product, ProductCategory, ProductImage
from core.money import rupiah
from core.outbox.services import outbox_enqueue

MAX_PHOTOS = 8
# Read at call time (tests lower them); catalogue.photos documents why these values.
MAX_PHOTO_BYTES = photos.MAX_PHOTO_BYTES
MAX_PHOTO_PIXELS = photos.MAX_PHOTO_PIXELS

MAX_PRICE_IDR = Decimal("1000000000")
MAX_STOCK = 100_000


def price_clean(price: Any) -> Decimal:
    try:
        amount = Decimal(str(price))
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if (amount is None or not amount.is_finite() or amount != amount.to_integral_value()
            or amount <= 0 or amount > MAX_PRICE_IDR):
        raise InvalidValue(
            _("The price must be a whole number of rupiah between 1 and %(max)s.")
            % {"max": rupiah(MAX_PRICE_IDR)}
        )
    return amount.quantize(Decimal("1"))


def stock_clean(num_in_stock: Any) -> int:
    if isinstance(num_in_stock, bool) or not isinstance(num_in_stock, int) or not (
        0 <= num_in_stock <= MAX_STOCK
    ):
        raise InvalidValue(
            _("The stock must be a whole number between 0 and %(max)s.") % {"max": MAX_STOCK}
        )
    return num_in_stock


def title_clean(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidValue(_("A product needs a title."))
    return title


def category_require(category: Category | None) -> Category:
    if category is None:
        raise InvalidValue(_("Choose a category."))
    return category


def photo_check(*, file: File) -> str:
    """Check that an uploaded file is a photo we take; return the extension to store it with.

    The content decides, not the file's name or the browser's content type: JPEG,
    PNG, WebP (or HEIC, stored as JPEG) that Pillow can open and verify, at most
    MAX_PHOTO_BYTES and MAX_PHOTO_PIXELS (checked before any decoding; Pillow's
    decompression-bomb guard too). Reads nothing from the database.

    Raises InvalidPhoto, with a message naming the file and saying why.
    """
    return photos.photo_inspect(file=file, max_bytes=MAX_PHOTO_BYTES,
                                max_pixels=MAX_PHOTO_PIXELS)


def photo_prepare(*, file: File) -> tuple[File, str]:
    """The photo as it is stored (upright, no metadata) and its extension.

    A photo prepared already (by a form's check, or kept from an earlier post) is
    returned as it is.
    Raises InvalidPhoto naming the file, as photo_check, or for a truncated file.
    """
    if isinstance(file, photos.PreparedPhoto):
        return file, file.extension
    return photos.photo_normalise(file=file, max_bytes=MAX_PHOTO_BYTES,
                                  max_pixels=MAX_PHOTO_PIXELS)


def photo_room_check(*, existing: int, adding: int) -> None:
    if existing + adding > MAX_PHOTOS:
        raise InvalidPhoto(
            _("A product can have at most %(max)s photos; it has %(n)s already.")
            % {"max": MAX_PHOTOS, "n": existing}
        )


def product_attributes_set(product: Product, attributes: Mapping[str, Any]) -> None:
    """Set the craft's attribute values on a saved product; blank values remove them."""
    known = {a.code for a in product.product_class.attributes.all()}
    unknown = sorted(set(attributes) - known)
    if unknown:
        raise InvalidValue(
            _("The craft “%(craft)s” has no attribute %(codes)s.")
            % {"craft": product.product_class.name, "codes": ", ".join(unknown)}
        )
    for code, value in attributes.items():
        if value == "" or (isinstance(value, (list, tuple)) and not value):
            value = None
        setattr(product.attr, code, value)
    try:
        product.attr.validate_attributes()
    except ValidationError as exc:
        raise InvalidValue("; ".join(exc.messages)) from exc
    product.attr.save()


def product_category_set(product: Product, category: Category) -> None:
    ProductCategory.objects.filter(product=product).exclude(category=category).delete()
    ProductCategory.objects.get_or_create(product=product, category=category)


def product_image_store(product: Product, *, file: File, extension: str, display_order: int
                 ) -> ProductImage:
    """Store a photo prepared by photo_prepare; its renditions are queued after commit."""
    image = ProductImage(product=product, display_order=display_order)
    stem = (product.slug or "foto")[:60]
    photos.photo_file_save(image.original, f"{stem}-{uuid.uuid4().hex[:10]}.{extension}", file)
    image.save()
    renditions_queue(image_ids=[image.pk])
    if isinstance(file, photos.PendingPhoto):
        transaction.on_commit(file.discard)
    return image


def renditions_queue(*, image_ids: Iterable[int]) -> None:
    """Promise the photos' renditions in the transaction that saves them (the outbox)."""
    from catalogue.tasks import product_image_renditions_make

    for image_id in list(image_ids):
        outbox_enqueue(task=product_image_renditions_make, kwargs={"image_id": image_id})


def image_display_order_next(product: Product) -> int:
    last = product.images.order_by("-display_order").values_list("display_order", flat=True)
    return (last.first() + 1) if last.exists() else 0


def image_row_delete(image: ProductImage) -> None:
    """Delete the row; its file and renditions go after commit."""
    storage = image.original.storage
    names = [image.original.name, *(image.renditions or {}).values()]
    image.delete()
    for name in filter(None, names):
        transaction.on_commit(lambda name=name: storage.delete(name))


def image_display_orders_compact(product: Product) -> None:
    """0, 1, 2 ... again after a removal, so that the first photo stays the main one."""
    for order, image in enumerate(product.images.order_by("display_order", "pk")):
        if image.display_order != order:
            ProductImage.objects.filter(pk=image.pk).update(display_order=order)


def photos_keep(*, artisan: Artisan, files: Iterable[File]) -> list["photos.PendingPhoto"]:
    """Keep accepted photos of a form that came back with errors, for its next post.

    Each is normalised and stored under photos.PENDING_DIR for the artisan; the
    form carries their tokens. Raises InvalidPhoto naming a file that is refused
    (the form has checked them already, so this is rare: a file that fails only
    when decoded).
    """
    kept = []
    for file in files:
        if isinstance(file, photos.PendingPhoto):
            kept.append(file)
            continue
        content, _extension = photo_prepare(file=file)
        kept.append(photos.pending_photo_save(artisan_id=artisan.pk, content=content))
    return kept


def photos_kept(*, artisan: Artisan, tokens: Iterable[str]) -> list["photos.PendingPhoto"]:
    """The artisan's kept photos named by these tokens; others' and expired ones are left out."""
    found = []
    for token in dict.fromkeys(tokens):
        photo = photos.pending_photo_load(artisan_id=artisan.pk, token=token)
        if photo is not None:
            found.append(photo)
    return found


def product_content_apply(
    *,
    product: Product,
    title: str,
    description: str,
    category: Category | None,
    attributes: Mapping[str, Any],
    remove_image_ids: Iterable[int] = (),
    add_image_names: Iterable[str] = (),
) -> Product:
    """Write content the council approved onto a published product.

    Called by curation.revisions inside the approval's transaction, with the
    product row locked; it checks no ownership (the curator's approval is the
    permission). Photos named in `add_image_names` are files already in storage
    (the revision's uploads); they go after the kept ones. Removed photos' files
    are deleted after commit.

    Raises InvalidValue for a title or attribute value the catalogue cannot take.
    """
    product.title = title_clean(title)
    product.description = description or ""
    product.slug = slugify(product.title)
    product.save(update_fields=["title", "description", "slug", "date_updated"])
    product_attributes_set(product, attributes)
    if category is not None:
        product_category_set(product, category)
    for image in ProductImage.objects.filter(product=product, pk__in=list(remove_image_ids)):
        image_row_delete(image)
    image_display_orders_compact(product)
    order = image_display_order_next(product)
    for offset, name in enumerate(add_image_names):
        image = ProductImage.objects.create(product=product, original=name,
                                            display_order=order + offset)
        renditions_queue(image_ids=[image.pk])
    return product
