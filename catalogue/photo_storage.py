"""Where product photos are kept: public storage while the product is published, else private.

A photo of a product nobody may buy yet (a draft, one in the council's queue, a
rejected, delisted or retired one) must not be reachable by anyone who learns its
address. Such a photo, and its renditions, are kept in the private storage
(core.storages) under names that start with UNPUBLISHED_PREFIX; the checked view
(curation.private_files) hands them to the artisan and the region's curators,
and to anyone once the product is published. A published product's photos are in
the public media storage, so that the storefront's pages keep plain, cacheable
URLs made without a query or a storage call.

ProductImage.original uses ProductPhotoStorage, which picks the storage by the
name: the name says where the file is. A new photo is stored private unless its
product is published at that moment (product_image_upload_path). When a product
is published, delisted or retired, product_photos_follow moves its photos (run by
a task after the transition commits: curation.services); the management command
photos_make_private does the same for every product, and is safe to run again.
"""
import logging
import posixpath

from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from oscar.utils.models import get_image_upload_path

from core.outbox.services import outbox_enqueue
from core.storages import private_storage

logger = logging.getLogger(__name__)

#: Names of product photos (and renditions) kept in the private storage start with this.
UNPUBLISHED_PREFIX = "unpublished/"
#: Photos a pending revision added are in the private storage under this folder
#: (curation.models.RevisionImage); an approved revision's photo is one until moved.
REVISION_PREFIX = "curation/revisions/"


def is_private_name(name: str) -> bool:
    """Whether a product photo of this name is in the private storage."""
    return bool(name) and (name.startswith(UNPUBLISHED_PREFIX) or name.startswith(REVISION_PREFIX))


def product_is_public(product) -> bool:
    """Whether anyone may see the product (a variant: only with its parent)."""
    if not product.is_published:
        return False
    return product.parent_id is None or product.parent.is_published


@deconstructible
class ProductPhotoStorage(Storage):
    """The public media storage or the private one, chosen by the file's name."""

    def _pick(self, name: str) -> Storage:
        return private_storage() if is_private_name(name) else storages["default"]

    def is_private_name(self, name: str) -> bool:
        return is_private_name(name)

    def _open(self, name, mode="rb"):
        return self._pick(name).open(name, mode)

    def save(self, name, content, max_length=None):
        return self._pick(name).save(name, content, max_length=max_length)

    def delete(self, name):
        return self._pick(name).delete(name)

    def exists(self, name):
        return self._pick(name).exists(name)

    def listdir(self, path):
        return self._pick(path).listdir(path)

    def size(self, name):
        return self._pick(name).size(name)

    def url(self, name):
        return self._pick(name).url(name)

    def path(self, name):
        return self._pick(name).path(name)

    def get_accessed_time(self, name):
        return self._pick(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._pick(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._pick(name).get_modified_time(name)

    def get_available_name(self, name, max_length=None):
        return self._pick(name).get_available_name(name, max_length=max_length)


def product_photo_storage() -> ProductPhotoStorage:
    """ProductImage.original's storage (a callable: migrations name it, not a backend)."""
    return ProductPhotoStorage()


def product_image_upload_path(instance, filename: str) -> str:
    """Oscar's folder for product photos; in the private storage unless the product is public."""
    path = get_image_upload_path(instance, filename)
    product = getattr(instance, "product", None) if instance.product_id else None
    return path if product is not None and product_is_public(product) else UNPUBLISHED_PREFIX + path


#: Portraits (Artisan.photo) are kept under this folder.
PORTRAIT_DIR = "artisans/"


def artisan_photo_upload_path(instance, filename: str) -> str:
    """A business's portrait: public once the council verified the business, private
    (the curators and the business see it) while its application is open or declined."""
    path = PORTRAIT_DIR + filename
    return path if instance.is_verified else UNPUBLISHED_PREFIX + path


def artisan_photo_follow(*, artisan) -> bool:
    """Move the business's portrait to where its verification says; returns whether it moved.

    Called in the transaction that verifies (or declines) the business: the copy is
    removed again if that transaction fails, the old file after it commits.
    """
    name = artisan.photo.name
    if not name or is_private_name(name) == (not artisan.is_verified):
        return False
    storage = product_photo_storage()
    new_name = name[len(UNPUBLISHED_PREFIX):] if is_private_name(name) \
        else UNPUBLISHED_PREFIX + name
    from catalogue.photos import storage_file_save

    with storage.open(name, "rb") as source:
        artisan.photo.name = storage_file_save(storage, new_name, source)
    artisan.save(update_fields=["photo", "updated_at"])
    transaction.on_commit(lambda: _forget(storage, [name]))
    return True


def rendition_name_for(*, original: str, path: str) -> str:
    """A rendition's storage name: private when its original is."""
    return UNPUBLISHED_PREFIX + path if is_private_name(original) else path


# --- moving photos as the product is published or taken off -----------------------------

def _public_name(image, name: str) -> str:
    if name.startswith(UNPUBLISHED_PREFIX):
        return name[len(UNPUBLISHED_PREFIX):]
    return get_image_upload_path(image, posixpath.basename(name))  # a revision's photo


def _private_name(name: str) -> str:
    return UNPUBLISHED_PREFIX + name


def _copy(storage: Storage, name: str, new_name: str) -> str:
    with storage.open(name, "rb") as source:
        return storage.save(new_name, source)


def _forget(storage: Storage, names: list[str]) -> None:
    """After commit: remove the files a photo was moved from, and sorl's thumbnails of them.

    A revision's photo stays: it is the revision's record.
    """
    from sorl.thumbnail import delete as sorl_delete
    from sorl.thumbnail.helpers import ThumbnailError
    from sorl.thumbnail.images import ImageFile

    for name in names:
        if name.startswith(REVISION_PREFIX):
            continue
        try:
            sorl_delete(ImageFile(name, storage=storage))
            if not is_private_name(name):
                # Thumbnails made before photos had a storage of their own were
                # recorded under the default storage's name.
                sorl_delete(ImageFile(name, storage=storages["default"]), delete_file=False)
        except (ThumbnailError, OSError):
            logger.warning("Could not remove %s (moved) or its thumbnails", name, exc_info=True)


def _image_follow(image, *, public: bool) -> int:
    storage = image.original.storage
    names = {"": image.original.name, **(image.renditions or {})}
    moving = {key: name for key, name in names.items() if name and is_private_name(name) == public}
    if not moving:
        return 0
    moved = {
        key: _copy(storage, name, _public_name(image, name) if public else _private_name(name))
        for key, name in moving.items()
    }
    renditions = {key: moved.get(key, name) for key, name in (image.renditions or {}).items()}
    model = type(image)
    model.objects.filter(pk=image.pk).update(
        original=moved.get("", image.original.name), renditions=renditions
    )
    # A file another photo row still names stays (the demo's photos are shared).
    still_named = set(model.objects.filter(original__in=list(moving.values()))
                      .values_list("original", flat=True))
    old = [name for name in moving.values() if name not in still_named]
    transaction.on_commit(lambda: _forget(storage, old))
    return len(moved)


def product_photos_follow(*, product_id: int) -> int:
    """Move the photos of a product and its variants to the storage its state calls for.

    Published (and a variant's parent too): the public media storage; any other
    state: the private storage. The product row is locked while the files are
    copied; the files moved from are removed after commit. Safe to run twice or
    at once with a transition. Returns how many files were moved.

    Raises OSError when storage fails: the rows are left as they were (copies made
    before the failure stay behind, unnamed) and the task retries.
    """
    from catalogue.models import Product, ProductImage

    moved = 0
    with transaction.atomic():
        product = (
            Product.objects.select_for_update(of=("self",)).filter(pk=product_id).first()
        )
        if product is None:
            return 0
        images = ProductImage.objects.filter(
            Q(product=product) | Q(product__parent=product)
        ).select_related("product__parent").order_by("pk")
        for image in images:
            moved += _image_follow(image, public=product_is_public(image.product))
    return moved


def product_photos_follow_after_commit(*, product_id: int) -> None:
    """Promise product_photos_follow in the current transaction (the outbox)."""
    from catalogue.tasks import product_photos_follow_task

    outbox_enqueue(task=product_photos_follow_task, kwargs={"product_id": product_id})


# --- thumbnails ------------------------------------------------------------------------

class _Original:
    """What the thumbnailer gives for a private photo: the photo itself, by its checked URL."""

    def __init__(self, source):
        self.url = source.url
        self.name = source.name


def _is_private_file(source) -> bool:
    check = getattr(getattr(source, "storage", None), "is_private_name", None)
    return bool(check and check(getattr(source, "name", "") or ""))


try:  # pragma: no branch - sorl-thumbnail is in requirements.txt
    from oscar.core.thumbnails import SorlThumbnail
except ImportError:  # pragma: no cover
    SorlThumbnail = object


class Thumbnailer(SorlThumbnail):
    """Oscar's sorl thumbnailer (settings.OSCAR_THUMBNAILER), but never of a private photo.

    sorl writes thumbnails to the public media storage: a thumbnail of a private
    photo would be a public copy of it. The photo itself is used instead, through
    the checked view.
    """

    def generate_thumbnail(self, source, **opts):
        if _is_private_file(source):
            return _Original(source)
        return super().generate_thumbnail(source, **opts)
