"""Form fields for photo uploads: every form that takes a photo takes it through here.

One pipeline (catalogue.photos, through catalogue.services.photo_prepare) and one set
of messages: the file is checked by its content and limits, turned upright and
re-encoded without its metadata while the form is cleaned, so that a refused photo
(not a photo, too big, a decompression bomb, a truncated upload) is a message on
the field and the rest of the form comes back as it was typed, never a 500.

PhotoField serves our own forms (the join form, the maker page, evidence), Oscar's
dashboard forms (dashboard.catalogue.forms) and the admin (catalogue.admin,
photo_admin_overrides). A model form stores a file under the name the field gives
it: `stored_name=True` names the cleaned photo after the upload with the extension
of the format it is stored in (an iPhone's IMG_0042.HEIC becomes IMG_0042.jpg).
"""
import os
from collections.abc import Callable

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext

from catalogue import photos
from catalogue.errors import InvalidPhoto

#: What a file input offers on a phone (HEIC: iPhones hand over their own format).
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp" + (
    ",image/heic,image/heif,.heic,.heif" if photos.HEIF_SUPPORTED else ""
)


def _photo_prepare(*, file):
    from catalogue.services import photo_prepare

    return photo_prepare(file=file)


def photo_help_text():
    """Which files a photo field takes and how big, in the user's language (lazy)."""
    def text() -> str:
        from catalogue.services import MAX_PHOTO_BYTES

        return gettext("%(formats)s, at most %(mb)s MB.") % {
            "formats": photos.accepted_formats_label(), "mb": MAX_PHOTO_BYTES // (1024 * 1024)}

    return lazy(text, str)()


class PhotoField(forms.FileField):
    """One photo, prepared as it is cleaned: cleans to a photos.PreparedPhoto.

    `prepare(file=...)` returns (prepared photo, extension) or raises InvalidPhoto
    (catalogue.services.photo_prepare unless given; the portrait passes its own).
    A form bound without a new upload cleans to what FileField gives (the initial
    file, False to clear, None).
    """

    def __init__(self, *, prepare: Callable | None = None, stored_name: bool = False,
                 **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(**kwargs)
        self.prepare = prepare or _photo_prepare
        self.stored_name = stored_name

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if not isinstance(value, UploadedFile):
            return value
        try:
            prepared, extension = self.prepare(file=value)
        except InvalidPhoto as exc:
            raise forms.ValidationError(str(exc), code="invalid_photo") from exc
        if self.stored_name:
            stem = os.path.splitext(photos.photo_name(value))[0] or "foto"
            prepared.name = f"{stem}.{extension}"
        return prepared


def photo_admin_overrides(*, prepare: Callable | None = None) -> dict:
    """ModelAdmin.formfield_overrides: every file and image field of the model is a PhotoField."""
    from django.contrib.admin.widgets import AdminFileWidget

    options = {"form_class": PhotoField, "stored_name": True, "widget": AdminFileWidget}
    if prepare is not None:
        options["prepare"] = prepare
    # Both keys: the admin looks a field's class up along its MRO, and its own defaults
    # already name ImageField (with Django's ImageField form field).
    return {models.FileField: options, models.ImageField: dict(options)}
