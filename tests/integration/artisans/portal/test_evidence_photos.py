"""Evidence photos are refused with the product photos' words, in the form (issue 11, 3).

The evidence form used Django's ImageField: its own message for a file that is not
a photo, and a truncated JPEG passed it to fail later in the service.
"""
import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.errors import InvalidPhoto
from curation.models import Evidence
from core.form_tokens.services import form_token_new
from tests.factories import CriterionFactory
from tests.support.photos import heic_with_gps, stored_photo_facts, text_renamed_jpg
from tests.support.photos import truncated_jpeg

pytestmark = pytest.mark.django_db


def pipeline_message(upload) -> str:
    from catalogue import services

    with pytest.raises(InvalidPhoto) as refused:
        services.photo_prepare(file=upload)
    return str(refused.value)


def evidence_add(client, product, upload):
    technique = CriterionFactory(code="technique", asks_evidence=True)
    return client.post(reverse("portal-product-evidence-add", args=[product.pk]), {
        "criterion": technique.pk, "image": upload, "caption": "Mencanting",
        "form_token": form_token_new(),
    }, follow=True, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("build", [lambda: truncated_jpeg("canting.jpg"),
                                   lambda: text_renamed_jpg("canting.jpg")],
                         ids=["truncated", "not a photo"])
def test_a_refused_evidence_photo_gets_the_product_photos_message(
        client, artisan_user, product, build):
    client.force_login(artisan_user)

    response = evidence_add(client, product, build())

    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = pipeline_message(build())
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert not Evidence.objects.exists()


def test_a_heic_evidence_photo_is_stored_as_jpeg_without_its_gps(client, artisan_user, product):
    client.force_login(artisan_user)

    evidence_add(client, product, heic_with_gps())

    evidence = Evidence.objects.get()
    facts = stored_photo_facts(evidence.image)
    assert facts["format"] == "JPEG" and facts["gps"] == {} and not facts["camera_in_bytes"]
    assert evidence.image.name.endswith(".jpg")
