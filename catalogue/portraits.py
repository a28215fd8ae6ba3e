"""An artisan's portrait: the catalogue's photo pipeline, sized for the maker page.

Used by joining (the application and the profile), the admin, and
`manage.py portraits_normalise`.
"""
import os
import uuid

from django.core.files.base import ContentFile, File
from django.db import transaction

from catalogue import photos
from catalogue import services as catalogue_services
from catalogue.models import Artisan

#: The longest side of a stored portrait; a phone's 4000 px photo is far more than
#: the maker page shows, and a smaller file is kinder to slow connections.
PORTRAIT_MAX_SIDE = 1600


def portrait_prepare(*, file: File) -> tuple[File, str]:
    """The portrait as it is stored, and its extension: the catalogue's photo pipeline.

    Checked by its content and limits, turned upright, every piece of metadata (the
    GPS of the maker's home) left behind, HEIC stored as JPEG (catalogue.photos), and
    no longer than PORTRAIT_MAX_SIDE. A photo prepared already (by the form) is
    returned as it is. Raises InvalidPhoto naming the file, with the words the
    product photos use.
    """
    if isinstance(file, photos.PreparedPhoto):
        return file, file.extension
    return photos.photo_normalise(file=file, max_bytes=catalogue_services.MAX_PHOTO_BYTES,
                                  max_pixels=catalogue_services.MAX_PHOTO_PIXELS,
                                  max_side=PORTRAIT_MAX_SIDE)


def artisan_photo_normalise(*, artisan_id: int) -> bool:
    """Store again, as portrait_prepare stores it, a portrait saved before the pipeline.

    Portraits used to be kept as sent: an iPhone's HEIC bytes under a .jpg name, the
    EXIF with the GPS of the maker's home. Such a file is prepared again, saved under
    a new name, and the old file removed after commit; a portrait that is already
    what the pipeline makes is left alone, so a second run changes nothing. Returns
    whether the portrait was replaced. Raises InvalidPhoto for a stored file that is
    not a photo we can read, OSError when storage fails.
    """
    with transaction.atomic():
        artisan = Artisan.objects.select_for_update().get(pk=artisan_id)
        old = artisan.photo.name
        if not old:
            return False
        storage = artisan.photo.storage
        with storage.open(old, "rb") as stored:
            if photos.photo_is_as_stored(file=stored, name=old):
                return False
            content, extension = portrait_prepare(
                file=ContentFile(stored.read(), name=os.path.basename(old)))
        artisan.photo.save(f"{artisan.slug}-{uuid.uuid4().hex[:8]}.{extension}", content,
                           save=False)
        artisan.save(update_fields=["photo", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old))
    return True
