"""Uploaded files for the artisan-area tests: real photos made by Pillow, and fakes."""
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                 "GIF": "image/gif"}


def photo_upload(name: str = "kain.jpg", image_format: str = "JPEG",
                 size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (150, 90, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=CONTENT_TYPES[image_format])


def text_renamed_jpg(name: str = "catatan.jpg") -> SimpleUploadedFile:
    """A text file with a photo's name and content type: only its content gives it away."""
    return SimpleUploadedFile(name, b"bukan foto, hanya teks\n" * 20, content_type="image/jpeg")
