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


GPS_IFD = 0x8825


def heic_with_gps(name: str = "IMG_0042.HEIC", size: tuple[int, int] = (80, 40)
                  ) -> SimpleUploadedFile:
    """An iPhone-style HEIC photo (made with pillow-heif) with a GPS position and a camera."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[0x0110] = "Kamera Rahasia"
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (7.0, 9.0, 0.0), 3: "E", 4: (111.0, 53.0, 0.0)})
    buffer = BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(buffer, format="HEIF", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/heic")


def stored_photo_facts(field_file) -> dict:
    """What a stored photo really is: its format, EXIF (GPS included) and raw bytes' tells."""
    with field_file.open("rb") as stored:
        data = stored.read()
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        return {"format": image.format, "size": image.size, "exif": dict(exif),
                "gps": dict(exif.get_ifd(GPS_IFD)), "camera_in_bytes": b"Kamera" in data,
                "heic_in_bytes": b"ftypheic" in data[:32] or b"ftypmif1" in data[:32]}
