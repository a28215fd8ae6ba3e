"""Photos as stored: refusals by content, limits, bombs, metadata stripped, renditions."""
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation
from PIL import Image, ImageFile

from catalogue import photos, services

from artisans.portal import services as portal_services
from catalogue.errors import InvalidPhoto
from catalogue.models import ProductImage
from core.storages import private_storage
from tests.support.photos import (
    REFUSALS, decompression_bomb, exif_of, gps_jpeg, oversized, photo_upload,
    sixty_megapixels, svg, text_renamed_jpg,
)

# --- refusals --------------------------------------------------------------------

@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_names_the_file_and_says_why(case):
    build, why = REFUSALS[case]
    upload = build()

    with translation.override("en"), pytest.raises(InvalidPhoto) as refused:
        services.photo_prepare(file=upload)

    assert f"“{upload.name}”" in str(refused.value)
    assert why in str(refused.value)


def test_the_pixel_limit_is_checked_before_the_pixels_are_decoded(monkeypatch):
    upload = sixty_megapixels()
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self))
    with pytest.raises(InvalidPhoto, match="enam-puluh-mp.png"):
        services.photo_prepare(file=upload)
    assert decoded == []


def test_the_check_alone_refuses_what_the_header_gives_away():
    for build in (text_renamed_jpg, sixty_megapixels, decompression_bomb, svg, oversized):
        with pytest.raises(InvalidPhoto):
            services.photo_check(file=build())


# --- what is stored ---------------------------------------------------------------

def test_exif_orientation_is_applied_and_every_metadata_stripped():
    stored, extension = services.photo_prepare(file=gps_jpeg())

    found = exif_of(stored.read())
    assert extension == "jpg" and found["format"] == "JPEG"
    assert found["exif"] == {}  # no GPS, no camera, no orientation left
    assert found["info"] <= {"exif"} and "comment" not in found["info"]
    assert b"Kamera Rahasia" not in stored.file.getvalue() and b"dibuat" not in stored.file.getvalue()
    # 80 × 40 turned right: 40 × 80, the blue left half now on top.
    assert found["size"] == (40, 80)
    red, green, blue = found["pixel"]
    assert blue > 150 and red < 100


def test_png_keeps_its_alpha_and_webp_stays_webp():
    buffer = BytesIO()
    Image.new("RGBA", (20, 10), (10, 20, 30, 0)).save(buffer, format="PNG")
    png, extension = services.photo_prepare(file=SimpleUploadedFile("kaca.png", buffer.getvalue()))
    with Image.open(png) as image:
        assert (extension, image.mode, image.getpixel((0, 0))[3]) == ("png", "RGBA", 0)

    webp, extension = services.photo_prepare(file=photo_upload("a.webp", "WEBP"))
    with Image.open(webp) as image:
        assert (extension, image.format) == ("webp", "WEBP")


@pytest.mark.skipif(not photos.HEIF_SUPPORTED, reason="pillow-heif is not installed")
def test_an_iphone_heic_photo_is_stored_as_jpeg():
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 40)).save(buffer, format="HEIF")
    stored, extension = services.photo_prepare(
        file=SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue(), content_type="image/heic"))
    with Image.open(stored) as image:
        assert (extension, image.format, image.size) == ("jpg", "JPEG", (64, 48))


@pytest.mark.django_db
def test_an_image_stored_through_the_services_has_no_gps(product, artisan_user):
    image = portal_services.product_image_add(product=product, user=artisan_user, file=gps_jpeg())

    with image.original.open("rb") as stored:
        found = exif_of(stored.read())
    assert found["exif"] == {} and found["size"] == (40, 80)
    assert image.original.name.endswith(".jpg")


# --- renditions -------------------------------------------------------------------

def _stored_image(product, user, size=(2400, 1200)) -> ProductImage:
    return portal_services.product_image_add(product=product, user=user,
                                      file=photo_upload("lebar.jpg", size=size))


@pytest.mark.django_db
def test_renditions_have_their_sizes_and_are_recorded_on_the_row(product, artisan_user):
    image = _stored_image(product, artisan_user)

    made = photos.product_image_renditions_make(image_id=image.pk)

    image.refresh_from_db()
    assert image.renditions == made and set(made) == set(photos.RENDITIONS)
    sizes = {}
    for name, path in made.items():
        # a draft's renditions are private, as its photo (catalogue.photo_storage)
        assert path.startswith(f"unpublished/renditions/{image.pk}/{name}.")
        with image.original.storage.open(path) as stored, Image.open(stored) as rendition:
            sizes[name] = (rendition.format, rendition.size)
    assert sizes == {
        "thumbnail": ("JPEG", (192, 192)), "card": ("JPEG", (600, 300)),
        "card_webp": ("WEBP", (600, 300)), "large": ("JPEG", (1600, 800)),
        "large_webp": ("WEBP", (1600, 800)),
    }


@pytest.mark.django_db
def test_a_small_photo_is_not_upscaled_and_a_second_run_changes_nothing(product, artisan_user):
    image = _stored_image(product, artisan_user, size=(500, 400))
    first = photos.product_image_renditions_make(image_id=image.pk)
    storage = image.original.storage
    with storage.open(first["large"]) as stored, Image.open(stored) as large:
        assert large.size == (500, 400)
    modified = storage.get_modified_time(first["card"])

    assert photos.product_image_renditions_make(image_id=image.pk) == first
    assert storage.get_modified_time(first["card"]) == modified


@pytest.mark.django_db
def test_the_task_of_a_deleted_photo_leaves_nothing(product, artisan_user):
    image = _stored_image(product, artisan_user)
    image_id = image.pk
    portal_services.product_image_delete(image=image, user=artisan_user)

    from catalogue.tasks import product_image_renditions_make
    assert product_image_renditions_make.delay(image_id=image_id).get() == []
    assert not default_storage.exists(f"renditions/{image_id}")
    assert not private_storage().exists(f"unpublished/renditions/{image_id}")


@pytest.mark.django_db
def test_the_rendition_tag_falls_back_to_a_thumbnail_then_uses_the_rendition(
    product, artisan_user
):
    image = _stored_image(product, artisan_user)
    template = Template('{% load renditions %}{% rendition image "card" %}|'
                        '{% rendition_picture image "card" alt="x" %}')

    # A draft's photo: no public sorl thumbnail of it, the original through the checked view.
    before = template.render(Context({"image": image}))
    assert before.startswith(f"{image.original.url}|") and "/media/" not in before
    assert "<source" not in before

    photos.product_image_renditions_make(image_id=image.pk)
    image.refresh_from_db()
    after = template.render(Context({"image": image}))
    renditions = f"/private-media/unpublished/renditions/{image.pk}"
    assert after.startswith(f"{renditions}/card.jpg|")
    assert f'<source type="image/webp" srcset="{renditions}/card_webp.webp"' in after
