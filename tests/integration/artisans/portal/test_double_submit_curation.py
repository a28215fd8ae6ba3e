"""The artisan's curation forms sent twice (a double click) act once: the editing form of
a published product (a revision with new photos) and the evidence form."""
import pytest
from django.contrib.messages import get_messages

from curation.models import Evidence
from core.form_tokens.services import form_token_new
from tests.factories import CriterionFactory
from tests.support.photos import photo_upload


from tests.integration.artisans.portal.helpers import portal_url

pytestmark = pytest.mark.django_db


def test_the_published_products_editing_form_sent_twice_makes_one_revision_with_one_photo(
        artisan_client, live, craft):
    # Given the editing form of a product in the shop, with a new photo
    silk = craft.attributes.get(code="bahan").option_group.options.get(option="Sutra")
    data = {
        "title": "Selendang Cual Sutra", "description": "Sutra.",
        "category": live.categories.get().pk, "attr_motif": "Kembang Kundur",
        "attr_bahan": silk.pk, "price": "650000", "num_in_stock": "2",
        "form_token": form_token_new(),
    }

    # When it is sent twice
    first = artisan_client.post(portal_url(live), {**data, "photos": [photo_upload("c.jpg")]})
    second = artisan_client.post(portal_url(live), {**data, "photos": [photo_upload("c.jpg")]})

    # Then one revision holds the photo once, and both answers lead to the product
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == portal_url(live)
    revision = live.revisions.get()
    assert revision.title == "Selendang Cual Sutra"
    assert revision.new_images.count() == 1
    assert live.submissions.filter(is_open=True).count() == 1


def test_the_evidence_form_sent_twice_adds_one_photo(artisan_client, live):
    technique = CriterionFactory(code="technique", asks_evidence=True)
    data = {"criterion": technique.pk, "caption": "Mencanting", "form_token": form_token_new()}
    url = portal_url(live, "portal-product-evidence-add")

    first = artisan_client.post(url, {**data, "image": photo_upload("d.jpg")})
    second = artisan_client.post(url, {**data, "image": photo_upload("d.jpg")})

    assert first.status_code == second.status_code == 302
    assert second.url == portal_url(live) + "#evidence"
    assert Evidence.objects.filter(product=live).count() == 1
    levels = [m.level_tag for m in get_messages(second.wsgi_request)]
    assert "error" not in levels


def test_an_evidence_form_without_its_token_adds_nothing_and_says_so(artisan_client, live):
    technique = CriterionFactory(code="technique", asks_evidence=True)

    response = artisan_client.post(portal_url(live, "portal-product-evidence-add"), {
        "criterion": technique.pk, "image": photo_upload("e.jpg")}, follow=True)

    assert not Evidence.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
