"""Oscar's dashboard forms that take a photo use the catalogue's pipeline (issue 11, 2-3).

The category image, the product photos formset and file/image attributes of the
dashboard product form: HEIC stored as JPEG under a .jpg name without EXIF, a
truncated JPEG refused with the words the artisan's forms use. The forms are looked
up as Oscar's views look them up (get_class), so the views need no change.
"""
import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

from catalogue.errors import InvalidPhoto
from catalogue.models import Category, ProductAttribute
from tests.factories import ProductAttributeFactory
from tests.support.photos import heic_with_gps, stored_photo_facts
from tests.support.photos import truncated_jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(signed_in_superuser):
    return signed_in_superuser


def pipeline_message(upload, *, language: str = "en") -> str:
    from catalogue import services

    with translation.override(language), pytest.raises(InvalidPhoto) as refused:
        services.photo_prepare(file=upload)
    return str(refused.value)


def assert_plain_jpeg(field_file) -> None:
    facts = stored_photo_facts(field_file)
    assert facts["format"] == "JPEG" and not facts["heic_in_bytes"]
    assert facts["exif"] == {} and facts["gps"] == {} and not facts["camera_in_bytes"]
    assert field_file.name.endswith(".jpg")


def category_post(**overrides) -> dict:
    data = {"name": "Kategori Uji Foto", "description": "", "slug": "", "is_public": "on",
            "meta_title": "", "meta_description": "",
            "treebeard_position": "first-child", "treebeard_ref_node": ""}
    data.update(overrides)
    return data


# --- category image (/dashboard/catalogue/categories/create/) ---------------------------

def test_a_heic_category_image_is_stored_as_jpeg_without_its_gps(client, staff):
    response = client.post(reverse("dashboard:catalogue-category-create"),
                           category_post(image=heic_with_gps("sampul.HEIC")))

    assert response.status_code == 302
    category = Category.objects.get(name="Kategori Uji Foto")
    assert_plain_jpeg(category.image)
    assert category.image.name.startswith("categories/sampul")


def test_a_truncated_category_image_is_refused_and_the_name_kept(client, staff):
    response = client.post(reverse("dashboard:catalogue-category-create"),
                           category_post(image=truncated_jpeg("sampul.jpg")),
                           HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    form = response.context["form"]
    language = response.wsgi_request.LANGUAGE_CODE
    assert form.errors == {"image": [pipeline_message(truncated_jpeg("sampul.jpg"),
                                                      language=language)]}
    assert 'value="Kategori Uji Foto"' in response.content.decode()
    assert not Category.objects.filter(name="Kategori Uji Foto").exists()


# --- product photos (the formset of Oscar's product create/update views) ----------------

def image_formset(product, user, upload):
    formset_class = get_class("dashboard.catalogue.formsets", "ProductImageFormSet")
    prefix = formset_class.get_default_prefix()
    data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-product": str(product.pk), f"{prefix}-0-caption": "Motif",
            f"{prefix}-0-display_order": "0"}
    return formset_class(product.product_class, user, data, {f"{prefix}-0-original": upload},
                         instance=product)


def test_a_heic_product_photo_from_the_dashboard_is_stored_as_jpeg(product, staff):
    formset = image_formset(product, staff, heic_with_gps())

    assert formset.is_valid(), formset.errors
    formset.save()

    image = product.images.get()
    assert_plain_jpeg(image.original)
    assert image.original.name.rsplit("/", 1)[-1].startswith("IMG_0042")


def test_a_truncated_product_photo_from_the_dashboard_is_refused(product, staff):
    with translation.override("en"):
        formset = image_formset(product, staff, truncated_jpeg("putus.jpg"))
        assert not formset.is_valid()
        assert formset.errors[0] == {"original": [pipeline_message(truncated_jpeg("putus.jpg"))]}
    assert not product.images.exists()


# --- file and image attributes of Oscar's product form ----------------------------------

@pytest.mark.parametrize("kind", [ProductAttribute.IMAGE, ProductAttribute.FILE])
def test_file_and_image_attributes_take_a_photo_through_the_pipeline(product, kind):
    from catalogue.photo_forms import PhotoField

    ProductAttributeFactory(product_class=product.product_class, code="foto_motif",
                            name="Foto motif", type=kind)
    form_class = get_class("dashboard.catalogue.forms", "ProductForm")
    form = form_class(product.product_class, instance=product)
    field = form.fields["attr_foto_motif"]
    assert isinstance(field, PhotoField)

    stored = field.clean(heic_with_gps("motif.heic"))
    assert (stored.name, stored.extension) == ("motif.jpg", "jpg")
    with translation.override("en"), pytest.raises(Exception) as refused:
        field.clean(truncated_jpeg("motif.jpg"))
    assert refused.value.messages == [pipeline_message(truncated_jpeg("motif.jpg"))]
