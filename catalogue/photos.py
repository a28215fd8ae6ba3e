"""Photos as we store them: checked by their content, turned upright and stripped.

Every photo an artisan uploads (product photos, revision photos, evidence) goes
through photo_normalise before it is written to storage: Pillow decides what the
file is, whatever its name says; the size and pixel limits and Pillow's
decompression-bomb guard are checked before the pixels are decoded; the EXIF
orientation is applied and every piece of metadata (EXIF with its GPS position,
XMP, comments) is left behind when the pixels are encoded again. Only the colour
profile is kept. Each refusal is an InvalidPhoto whose message names the file.

iPhone photos (HEIC/HEIF) are read through the pillow-heif plugin when it is
installed, and stored as JPEG, which every browser shows.
"""
import logging
import os
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from typing import Any

from django.core import signing
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from catalogue.errors import InvalidPhoto, PhotoNotStored
from core.storages import private_storage

logger = logging.getLogger(__name__)

try:  # pragma: no branch - installed from requirements.txt
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover
    HEIF_SUPPORTED = False
else:
    register_heif_opener()
    HEIF_SUPPORTED = True

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# Below Pillow's own Image.MAX_IMAGE_PIXELS (about 89 million), so that a big
# photo is refused with our message; far bigger claims trip Pillow's bomb guard,
# which we word ourselves too.
MAX_PHOTO_PIXELS = 50_000_000

#: Pillow format read -> (format written, extension of the stored file).
STORED_FORMATS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp")}
if HEIF_SUPPORTED:
    STORED_FORMATS["HEIF"] = ("JPEG", "jpg")

JPEG_QUALITY = 88
WEBP_QUALITY = 85

# Anything Pillow raises while reading a broken or hostile file.
_READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError,
                IndexError, KeyError, EOFError, MemoryError)


def photo_name(file: Any) -> str:
    """The file's own name, without the folders a browser may send, for messages."""
    return os.path.basename(getattr(file, "name", "") or "") or _("(unnamed file)")


def accepted_formats_label() -> str:
    return "JPEG, PNG, WebP" + (_(" or HEIC") if HEIF_SUPPORTED else "")


def _refuse_unreadable(name: str) -> InvalidPhoto:
    return InvalidPhoto(
        _("“%(name)s” is not a photo we can take: send a JPEG, PNG or WebP photo%(heic)s.")
        % {"name": name, "heic": _(" (or an iPhone HEIC photo)") if HEIF_SUPPORTED else ""}
    )


def _open_checked(file: Any, *, name: str, max_bytes: int, max_pixels: int) -> Image.Image:
    """Open the file with Pillow and check the limits; the pixels are not decoded yet."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
    if size > max_bytes:
        raise InvalidPhoto(
            _("“%(name)s” is larger than %(mb)s MB: send a smaller photo.")
            % {"name": name, "mb": max_bytes // (1024 * 1024)}
        )
    file.seek(0)
    try:
        # Pillow reads only the header here; a header that claims more than twice
        # Image.MAX_IMAGE_PIXELS raises DecompressionBombError before any decoding.
        image = Image.open(file, formats=list(STORED_FORMATS))
    except Image.DecompressionBombError as exc:
        raise InvalidPhoto(
            _("“%(name)s” claims to be far bigger than any photo (it looks like a "
              "decompression bomb) and was not opened.") % {"name": name}
        ) from exc
    except _READ_ERRORS as exc:
        raise _refuse_unreadable(name) from exc
    width, height = image.size
    if width * height > max_pixels:
        # Not image.close(): that would close the caller's upload too.
        raise InvalidPhoto(
            _("“%(name)s” has too many pixels (%(w)s × %(h)s, at most %(mp)s megapixels): "
              "send a smaller photo.")
            % {"name": name, "w": width, "h": height, "mp": max_pixels // 1_000_000}
        )
    return image


def _refuse_damaged(name: str) -> InvalidPhoto:
    return InvalidPhoto(
        _("“%(name)s” is damaged or incomplete (perhaps the upload was cut short): "
          "send it again.") % {"name": name}
    )


def photo_inspect(*, file: Any, max_bytes: int = MAX_PHOTO_BYTES,
                  max_pixels: int = MAX_PHOTO_PIXELS) -> str:
    """Check a file is a photo we take, without decoding it; return the stored extension.

    Reads the header and verifies the file's structure (Pillow's verify). Raises
    InvalidPhoto naming the file: too large, too many pixels, a decompression
    bomb, not a JPEG, PNG, WebP (or HEIC) photo, damaged.
    """
    name = photo_name(file)
    try:
        image = _open_checked(file, name=name, max_bytes=max_bytes, max_pixels=max_pixels)
        with image:
            image_format = image.format
            try:
                image.verify()
            except _READ_ERRORS as exc:
                raise _refuse_damaged(name) from exc
    finally:
        file.seek(0)
    return STORED_FORMATS[image_format][1]


def _mode_for(image: Image.Image, target: str) -> str:
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )
    if target == "JPEG":
        return "L" if image.mode in ("L", "1", "I;16", "I") else "RGB"
    return "RGBA" if has_alpha else "RGB"


def image_encode(image: Image.Image, *, target: str, icc_profile: bytes | None = None
                 ) -> bytes:
    """Encode pixels as JPEG, PNG or WebP with no metadata but the colour profile."""
    mode = _mode_for(image, target)
    if image.mode != mode:
        image = image.convert(mode)
    # Encoders take metadata only from these keyword arguments; the info dict of
    # the decoded file (EXIF, XMP, comments) is not passed on.
    image.info = {}
    options: dict[str, Any] = {"icc_profile": icc_profile} if icc_profile else {}
    if target == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif target == "WEBP":
        options.update(quality=WEBP_QUALITY, method=4)
    else:
        options.update(optimize=True)
    buffer = BytesIO()
    image.save(buffer, format=target, **options)
    return buffer.getvalue()


def photo_normalise(*, file: Any, max_bytes: int = MAX_PHOTO_BYTES,
                    max_pixels: int = MAX_PHOTO_PIXELS, max_side: int | None = None
                    ) -> tuple[ContentFile, str]:
    """The photo as we store it, and its extension: upright, re-encoded, metadata gone.

    JPEG stays JPEG (quality 88, progressive), PNG stays PNG (alpha kept), WebP
    stays WebP, HEIC becomes JPEG. The first frame of an animation is kept. With
    `max_side`, a photo longer than that is scaled down (never up) to fit it.

    Raises InvalidPhoto naming the file, as photo_inspect, and also when the
    pixels cannot be decoded (a truncated file).
    """
    name = photo_name(file)
    photo_inspect(file=file, max_bytes=max_bytes, max_pixels=max_pixels)
    try:
        # verify() leaves the image unusable: open it again to decode it.
        image = _open_checked(file, name=name, max_bytes=max_bytes, max_pixels=max_pixels)
        with image:
            target, extension = STORED_FORMATS[image.format]
            icc_profile = image.info.get("icc_profile") if image.mode != "CMYK" else None
            try:
                image.load()
                upright = ImageOps.exif_transpose(image)
            except _READ_ERRORS as exc:
                raise _refuse_damaged(name) from exc
            if max_side and max(upright.size) > max_side:
                upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            data = image_encode(upright, target=target, icc_profile=icc_profile)
    finally:
        file.seek(0)
    return PreparedPhoto(data, name=name, extension=extension), extension


class PreparedPhoto(ContentFile):
    """A photo as photo_normalise made it, under the name it was sent with (for messages)."""

    def __init__(self, data: bytes, *, name: str, extension: str):
        super().__init__(data, name=name)
        self.extension = extension


#: What the encoders write by themselves; anything else in a stored photo's info
#: (exif, xmp, comment ...) is metadata photo_normalise would have left behind.
_ENCODER_INFO = {"icc_profile", "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi",
                 "progressive", "progression", "adobe", "adobe_transform", "loop",
                 "background", "duration", "timestamp", "gamma", "aspect", "transparency"}


def photo_is_as_stored(*, file: Any, name: str) -> bool:
    """Whether a stored file is what photo_normalise makes: no metadata, its format under
    its extension (not HEIC bytes under a .jpg name). Decodes nothing.

    For photos stored before every upload went through the pipeline. Raises
    InvalidPhoto for a file that is not a photo we can read.
    """
    image = _open_checked(file, name=os.path.basename(name), max_bytes=4 * MAX_PHOTO_BYTES,
                          max_pixels=MAX_PHOTO_PIXELS)
    try:
        target, extension = STORED_FORMATS[image.format]
        return (image.format == target
                and os.path.splitext(name)[1].lower().lstrip(".") == extension
                and not image.getexif() and set(image.info) <= _ENCODER_INFO)
    finally:
        file.seek(0)


# --- photos kept between two posts of a form ------------------------------------
#
# A phone's browser forgets the chosen files when a form comes back with an
# error. The photos of that post that were accepted are normalised and kept in
# storage under PENDING_DIR/<artisan id>/; the form carries a signed token for
# each, so that the artisan only chooses the refused ones again. A token names
# its artisan: one business cannot use another's kept photo. They are photos of a
# product nobody has seen yet: in the private storage, shown by the checked view
# (curation.private_files) to the artisan and the region's council only.

PENDING_DIR = "pending-photos"
PENDING_MAX_AGE = 24 * 60 * 60
_PENDING_SALT = "catalogue.photos.pending"


class PendingPhoto(PreparedPhoto):
    """A kept photo, normalised already: the bytes, its token and its storage path."""

    def __init__(self, data: bytes, *, name: str, path: str, token: str, extension: str):
        super().__init__(data, name=name, extension=extension)
        self.path, self.token = path, token

    @property
    def url(self) -> str:
        return private_storage().url(self.path)

    def discard(self) -> None:
        """Remove the kept file (once it is a product's photo, or dropped)."""
        private_storage().delete(self.path)


# --- writing to storage ----------------------------------------------------------------

#: What a storage raises when it cannot write: a full or read-only disk (OSError:
#: ENOSPC, EROFS, EACCES), an object store that does not answer or refuses.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError,)
try:  # pragma: no branch - boto3 is installed with django-storages[s3]
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover
    pass
else:
    STORAGE_ERRORS += (BotoCoreError, ClientError)

_written: ContextVar[list | None] = ContextVar("photos_written", default=None)


def _not_stored(exc: BaseException) -> PhotoNotStored:
    logger.error("A photo could not be written to storage: %r", exc)
    return PhotoNotStored(_(
        "Your photos could not be stored just now: the shop's storage is full or not "
        "writable. Nothing was saved and your form is kept; please try again later."))


@contextmanager
def _write_checked(storage: Any, names: list[str]):
    """Turn a storage's refusal into PhotoNotStored; remember what was written (its
    names, appended to `names` by the block) for photo_writes_undone_on_failure."""
    try:
        yield
    except STORAGE_ERRORS as exc:
        raise _not_stored(exc) from exc
    written = _written.get()
    if written is not None:
        written.extend((storage, name) for name in names)


def photo_file_save(field_file: Any, name: str, content: Any) -> None:
    """Write `content` into a model's file field under `name` (the row is not saved).

    Raises PhotoNotStored when the storage refuses the write. Inside
    photo_writes_undone_on_failure(), the file is deleted again if the work around
    it fails, so a refused form or a rolled-back transaction leaves no stray file.
    """
    names: list[str] = []
    with _write_checked(field_file.storage, names):
        field_file.save(name, content, save=False)
        names.append(field_file.name)


def storage_file_save(storage: Any, name: str, content: Any) -> str:
    """Storage.save with photo_file_save's refusal and undoing; returns the name used."""
    names: list[str] = []
    with _write_checked(storage, names):
        names.append(storage.save(name, content))
    return names[0]


@contextmanager
def photo_writes_undone_on_failure():
    """Delete the files photo_file_save wrote in this block if the block raises."""
    written: list = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except Exception:  # noqa: BLE001 - the original error matters more
                logger.warning("Could not remove %s after a failed write", name)
        raise
    finally:
        _written.reset(token)


def pending_photo_save(*, artisan_id: int, content: PreparedPhoto) -> PendingPhoto:
    """Store a normalised photo as kept for the artisan; return it with its token."""
    name, extension = content.name, content.extension
    content.seek(0)
    path = storage_file_save(
        private_storage(), f"{PENDING_DIR}/{artisan_id}/{uuid.uuid4().hex}.{extension}",
        ContentFile(content.read()))
    token = signing.dumps({"a": artisan_id, "p": path, "n": name, "e": extension},
                          salt=_PENDING_SALT, compress=True)
    content.seek(0)
    return PendingPhoto(content.read(), name=name, path=path, token=token,
                        extension=extension)


def pending_photo_load(*, artisan_id: int, token: str) -> PendingPhoto | None:
    """The kept photo of this token, or None when it is not the artisan's, too old or gone."""
    try:
        data = signing.loads(token, salt=_PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.BadSignature:
        return None
    path = data.get("p", "")
    if data.get("a") != artisan_id or not path.startswith(f"{PENDING_DIR}/{artisan_id}/") \
            or ".." in path or data.get("e") not in {e for _f, e in STORED_FORMATS.values()}:
        return None
    try:
        with private_storage().open(path) as stored:
            content = stored.read()
    except OSError:
        return None
    return PendingPhoto(content, name=data.get("n") or os.path.basename(path), path=path,
                        token=token, extension=data["e"])


# --- renditions -------------------------------------------------------------------
#
# Smaller copies of a product photo for the pages, made by a Celery task after the
# photo is stored (catalogue.tasks). Until they exist the pages use the original.

#: name -> (target format, box, crop). A box of (width, None) keeps the aspect.
RENDITIONS = {
    "thumbnail": ("JPEG", (192, 192), True),
    "card": ("JPEG", (600, None), False),
    "card_webp": ("WEBP", (600, None), False),
    "large": ("JPEG", (1600, None), False),
    "large_webp": ("WEBP", (1600, None), False),
}
RENDITIONS_DIR = "renditions"
_EXTENSIONS = {"JPEG": "jpg", "WEBP": "webp"}


def rendition_path(*, image_id: int, name: str) -> str:
    return f"{RENDITIONS_DIR}/{image_id}/{name}.{_EXTENSIONS[RENDITIONS[name][0]]}"


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white for JPEG; alpha kept for WebP."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def rendition_render(image: Image.Image, *, name: str) -> bytes:
    """One rendition of a decoded, upright photo: scaled down (never up), or cropped."""
    target, (width, height), crop = RENDITIONS[name]
    if crop:
        small = ImageOps.fit(image, (width, height), method=Image.Resampling.LANCZOS)
    elif image.width > width:
        small = image.resize((width, round(image.height * width / image.width)),
                             Image.Resampling.LANCZOS)
    else:
        small = image.copy()
    if target == "JPEG":
        small = _flatten(small)
    return image_encode(small, target=target)


def renditions_render(file: Any) -> dict[str, bytes]:
    """Every rendition of a stored photo, by name.

    The stored file was normalised already, but photos loaded in bulk (the demo)
    were not: the limits and the orientation are applied again. Raises InvalidPhoto
    for a file that is not a photo, OSError when storage cannot be read.
    """
    image = _open_checked(file, name=photo_name(file), max_bytes=4 * MAX_PHOTO_BYTES,
                          max_pixels=MAX_PHOTO_PIXELS)
    with image:
        try:
            image.load()
        except _READ_ERRORS as exc:
            raise _refuse_damaged(photo_name(file)) from exc
        upright = ImageOps.exif_transpose(image)
        return {name: rendition_render(upright, name=name) for name in RENDITIONS}


def product_image_renditions_make(*, image_id: int, force: bool = False) -> dict[str, str]:
    """Make the renditions of one product photo and record them on its row.

    Safe to run twice: with every rendition recorded and in storage, nothing is
    made again unless `force`. A photo deleted meanwhile leaves no files behind.
    Returns the renditions (name -> storage path), empty when the photo is gone.

    Raises OSError when storage fails (the task retries), InvalidPhoto when the
    stored file is not a photo we can read (the task gives up).
    """
    from catalogue.models import ProductImage
    from catalogue.photo_storage import rendition_name_for

    image = ProductImage.objects.filter(pk=image_id).only("pk", "original", "renditions").first()
    if image is None or not image.original:
        return {}
    storage = image.original.storage
    current = image.renditions or {}
    if not force and set(current) == set(RENDITIONS) and all(
        storage.exists(path) for path in current.values()
    ):
        return current
    with storage.open(image.original.name, "rb") as original:
        rendered = renditions_render(original)
    made = {}
    for name, data in rendered.items():
        # Kept beside the original: private while the product is not published.
        path = rendition_name_for(original=image.original.name,
                                  path=rendition_path(image_id=image.pk, name=name))
        if storage.exists(path):
            storage.delete(path)
        made[name] = storage.save(path, ContentFile(data))
    if not ProductImage.objects.filter(pk=image.pk).update(renditions=made):
        for path in made.values():  # the photo was deleted while we worked
            storage.delete(path)
        return {}
    for path in set(current.values()) - set(made.values()):
        storage.delete(path)
    return made


def pending_photos_remove_expired(*, now=None) -> int:
    """Delete kept photos older than PENDING_MAX_AGE (their tokens no longer open them).

    Returns how many files were removed. Safe to run twice or at once with a form
    post: a token younger than the age limit never points at a removed file.
    """
    from datetime import timedelta

    from django.utils import timezone

    storage = private_storage()

    cutoff = (now or timezone.now()) - timedelta(seconds=PENDING_MAX_AGE)
    removed = 0
    try:
        artisan_dirs, _files = storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for artisan_dir in artisan_dirs:
        _dirs, names = storage.listdir(f"{PENDING_DIR}/{artisan_dir}")
        for name in names:
            path = f"{PENDING_DIR}/{artisan_dir}/{name}"
            try:
                modified = storage.get_modified_time(path)
            except (FileNotFoundError, OSError):
                continue
            if modified < cutoff:
                storage.delete(path)
                removed += 1
    return removed
