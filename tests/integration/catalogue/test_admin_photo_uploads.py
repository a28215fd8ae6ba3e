"""The admin takes photos through the catalogue's pipeline too (issue 11, items 2-3).

Every file field an admin page can edit is a PhotoField (checked by content, upright,
metadata stripped, HEIC stored as JPEG, the artisan's forms' messages); a new admin
with a file field fails the sweep below until it does the same.
"""
import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image

from catalogue.errors import InvalidPhoto
from catalogue.models import Artisan, ProductImage
from catalogue.photo_forms import PhotoField
from tests.factories import UserFactory
from tests.support.photos import heic_with_gps
from tests.support.photos import truncated_jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def pipeline_message(upload, *, language: str = "en") -> str:
    from catalogue import services

    with translation.override(language), pytest.raises(InvalidPhoto) as refused:
        services.photo_prepare(file=upload)
    return str(refused.value)


def _admin_forms(request):
    """(name, form class) of every model admin and inline the superuser can add or change."""
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            yield model.__name__, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                yield f"{model.__name__}/{inline.model.__name__}", inline.get_formset(request).form


def test_every_file_field_in_the_admin_is_a_photo_field(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    checked, wrong = [], []
    for name, form_class in _admin_forms(request):
        for field_name, field in form_class.base_fields.items():
            if isinstance(field, forms.FileField):
                checked.append(f"{name}.{field_name}")
                if not isinstance(field, PhotoField):
                    wrong.append(f"{name}.{field_name}")
    assert wrong == []
    # Product photos and file attributes are not edited in the admin at all (curated
    # content, test_admin_is_read_only_for_curated_content.py).
    assert {"Artisan.photo", "Category.image"} <= set(checked)


def test_a_product_photo_cannot_be_added_in_the_admin(client, superuser, product):
    """A photo is part of a product's curated content: added only from the artisan's area."""
    client.force_login(superuser)

    response = client.post(reverse("admin:catalogue_productimage_add"), {
        "product": product.pk, "original": heic_with_gps(), "caption": "Motif",
        "display_order": "0", "code": "",
    })

    assert response.status_code == 403
    assert not ProductImage.objects.exists()


def test_the_artisan_portrait_in_the_admin_is_prepared_as_the_maker_page_does(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    field = admin.site._registry[Artisan].get_form(request).base_fields["photo"]

    stored = field.clean(heic_with_gps("potret.HEIC", size=(2400, 1200)))

    assert (stored.name, stored.extension) == ("potret.jpg", "jpg")
    stored.seek(0)
    with Image.open(stored) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (1600, 800), {})
    with translation.override("en"), pytest.raises(Exception) as refused:
        field.clean(truncated_jpeg("potret.jpg"))
    assert refused.value.messages == [pipeline_message(truncated_jpeg("potret.jpg"))]
