"""The checked view of the private storage (core.storages): who may have which file.

A file is served only when the database knows it: an evidence photo, a pending
revision's photo, or a photo (or rendition) of a product kept private while the
product is not published (catalogue.photo_storage); or when it is a photo a
business's form keeps between two posts (catalogue.photos), in that business's
folder. Anyone else, and any other name, gets a 404, as does a file that is gone. On local disk the file is sent
from PRIVATE_MEDIA_ROOT; on S3 the answer is a redirect to a signed URL that
lasts a few minutes.
"""
import posixpath
import re
from dataclasses import dataclass

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.views import View

from catalogue.models import Artisan, Product, ProductImage
from catalogue.photo_storage import (
    PORTRAIT_DIR, REVISION_PREFIX, UNPUBLISHED_PREFIX, product_is_public,
)
from catalogue.photos import PENDING_DIR
from curation.models import Evidence, RevisionImage
from curation.selectors import user_may_see_artisans_private, user_may_see_unpublished
from core.storages import private_storage

EVIDENCE_PREFIX = "curation/evidence/"
PENDING_PREFIX = f"{PENDING_DIR}/"
PORTRAIT_PREFIX = UNPUBLISHED_PREFIX + PORTRAIT_DIR
_PENDING = re.compile(rf"^{re.escape(PENDING_PREFIX)}(\d+)/[^/]+$")
_RENDITION = re.compile(rf"^{re.escape(UNPUBLISHED_PREFIX)}renditions/(\d+)/[^/]+$")
#: Only photos are kept privately: anything else is not sent, whatever it is called.
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                 ".webp": "image/webp", ".gif": "image/gif"}


@dataclass
class PrivateFile:
    """What a private file belongs to, and whether anyone may see it."""

    product: Product
    public: bool


def _product_photo(name: str) -> PrivateFile | None:
    images = ProductImage.objects.select_related("product__parent", "product__artisan")
    image = images.filter(original=name).first()
    if image is None and (match := _RENDITION.match(name)):
        image = images.filter(pk=int(match.group(1))).first()
        if image is not None and name not in (image.renditions or {}).values():
            image = None
    if image is None:
        return None
    return PrivateFile(image.product, public=product_is_public(image.product))


def private_file_owner(*, name: str) -> PrivateFile | None:
    """The product a file of the private storage belongs to, or None for a name nobody knows.

    A photo kept for a form (catalogue.photos.PENDING_DIR) belongs to no product
    yet: see _pending_photo_artisan.
    """
    if name.startswith(EVIDENCE_PREFIX):
        evidence = Evidence.objects.select_related("product__artisan").filter(image=name).first()
        return PrivateFile(evidence.product, public=False) if evidence else None
    if name.startswith(UNPUBLISHED_PREFIX):
        return _product_photo(name)
    if name.startswith(REVISION_PREFIX):
        # A revision's photo; once the revision is approved, also a product photo
        # until catalogue.photo_storage moves it to the public storage.
        found = _product_photo(name)
        if found is not None and found.public:
            return found
        image = RevisionImage.objects.select_related("revision__product__artisan").filter(
            original=name).first()
        return PrivateFile(image.revision.product, public=False) if image else found
    return None


def _pending_photo_artisan(name: str) -> Artisan | None:
    """The business a photo kept between two posts of its form belongs to (its folder)."""
    match = _PENDING.match(name)
    if match is None or not private_storage().exists(name):
        return None
    return Artisan.objects.select_related("partner").filter(pk=int(match.group(1))).first()


def _may_have(user, name: str) -> bool:
    if name.startswith(PENDING_PREFIX):
        artisan = _pending_photo_artisan(name)
        return artisan is not None and user_may_see_artisans_private(user=user, artisan=artisan)
    if name.startswith(PORTRAIT_PREFIX):
        # The portrait of a business whose application is open or was declined.
        artisan = Artisan.objects.select_related("partner").filter(photo=name).first()
        return artisan is not None and user_may_see_artisans_private(user=user, artisan=artisan)
    owner = private_file_owner(name=name)
    return owner is not None and (
        owner.public or user_may_see_unpublished(user=user, product=owner.product)
    )


def _clean(name: str) -> str:
    """The name as stored, or Http404 for anything that tries to leave the folder."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") \
            or posixpath.normpath(name) != name or ".." in name.split("/"):
        raise Http404
    return name


class PrivateFileView(View):
    """GET /private-media/<name>: the file, to those who may see it; 404 to anyone else."""

    http_method_names = ["get", "head"]

    def get(self, request, name: str):
        name = _clean(name)
        content_type = CONTENT_TYPES.get(posixpath.splitext(name)[1].lower())
        if content_type is None or not _may_have(request.user, name):
            raise Http404
        storage = private_storage()
        if hasattr(storage, "signed_url"):
            response = HttpResponseRedirect(storage.signed_url(name))
            response["Cache-Control"] = "private, no-store"
        else:
            try:
                file = storage.open(name, "rb")
            except (FileNotFoundError, IsADirectoryError):
                raise Http404 from None
            response = FileResponse(file, content_type=content_type)
            response["Content-Disposition"] = "inline"
            response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response
