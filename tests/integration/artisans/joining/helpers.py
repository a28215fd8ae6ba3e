"""Posts and uploads for the joining tests."""
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.form_tokens.services import form_token_new


def jpeg_with_gps(name: str = "saya.jpg") -> SimpleUploadedFile:
    """A real JPEG carrying EXIF GPS (a position in Bojonegoro) and an orientation."""
    image = Image.new("RGB", (80, 40), (150, 90, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90°
    exif[0x8825] = {1: "S", 2: (7.0, 9.0, 0.0), 3: "E", 4: (111.0, 53.0, 0.0)}  # GPSInfo
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def application_post(region, craft, **overrides) -> dict:
    data = {
        "full_name": "Siti Aminah", "email": "siti@example.id",
        "password1": "Batik-Jonegoroan-77", "password2": "Batik-Jonegoroan-77",
        "name": "Batik Sekar Jati", "region": region.pk, "crafts": [craft.pk],
        "nib": "9120012345678", "phone": "0812-3456-7890",
        "story_id": "Kami membatik sejak 1998.", "story_en": "We have made batik since 1998.",
        "address": "Jl. Rajekwesi 5, Bojonegoro", "language": "en",
        "form_token": form_token_new(),
    }
    data.update(overrides)
    return data


PROFILE = "/dashboard/artisan/profile/"


def profile_post(artisan, craft, **overrides) -> dict:
    data = {
        "name": artisan.name, "region": artisan.region_id, "nib": artisan.nib,
        "crafts": [craft.pk], "phone": "+6281234567890", "story_id": "Cerita baru kami.",
        "story_en": "Our new story.", "address": "Desa Jono", "language": "en",
    }
    data.update(overrides)
    return data
