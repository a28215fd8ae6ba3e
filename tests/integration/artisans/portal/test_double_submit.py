"""A new-product form sent twice (a double click, the page sent again) makes one draft.

The form carries a one-time token (core.form_tokens); artisans.portal.services.product_create
spends it in the transaction that writes the product, so the second submit finds the
first one's product and is sent to it.
"""
import pytest
from django.contrib.messages import get_messages

from catalogue.models import Product
from curation.models import CurationEvent
from tests.factories import UserFactory
from tests.support.photos import photo_upload


from tests.integration.artisans.portal.helpers import create_url, product_post

pytestmark = pytest.mark.django_db


def test_the_same_new_product_form_sent_twice_makes_one_draft_and_leads_to_it(
        artisan_client, artisan, craft, category):
    # Given the new-product form, filled in once, with a photo
    data = product_post(craft, category, title="Tenun Sekali Saja")

    # When it is sent twice (the browser sends the same token both times)
    first = artisan_client.post(create_url(craft), {**data, "photos": [photo_upload("a.jpg")]})
    second = artisan_client.post(create_url(craft), {**data, "photos": [photo_upload("a.jpg")]})

    # Then there is one draft, with one photo and one CREATED event, and both answers
    # lead to it
    product = Product.objects.get(artisan=artisan)
    assert product.title == "Tenun Sekali Saja"
    assert product.images.count() == 1
    assert CurationEvent.objects.filter(product=product, kind="created").count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == f"/dashboard/artisan/products/{product.pk}/"


def test_two_forms_make_two_drafts(artisan_client, artisan, craft, category):
    artisan_client.post(create_url(craft), product_post(craft, category, title="Satu"))
    artisan_client.post(create_url(craft), product_post(craft, category, title="Dua"))

    assert sorted(Product.objects.filter(artisan=artisan).values_list("title", flat=True)) == [
        "Dua", "Satu"]


def test_a_form_without_its_token_is_shown_again_and_makes_nothing(
        artisan_client, artisan, craft, category):
    data = product_post(craft, category)
    del data["form_token"]

    response = artisan_client.post(create_url(craft), data)

    assert response.status_code == 200
    assert not Product.objects.filter(artisan=artisan).exists()
    form = response.context["form"]
    assert form.non_field_errors()
    # The page sent again carries a fresh token: the artisan only presses save again.
    assert len(form["form_token"].value()) == 32
    assert 'name="form_token"' in response.content.decode()
    assert not list(get_messages(response.wsgi_request))


def test_another_login_replaying_the_token_is_refused(
        artisan_client, client, artisan, craft, category):
    data = product_post(craft, category)
    artisan_client.post(create_url(craft), data)
    colleague = UserFactory()
    artisan.partner.users.add(colleague)
    client.force_login(colleague)

    response = client.post(create_url(craft), data)

    assert response.status_code == 403
    assert Product.objects.filter(artisan=artisan).count() == 1


def test_a_drafts_editing_form_sent_twice_adds_its_photo_once(
        artisan_client, artisan, craft, category):
    artisan_client.post(create_url(craft), product_post(craft, category))
    product = Product.objects.get(artisan=artisan)
    url = f"/dashboard/artisan/products/{product.pk}/"
    data = product_post(craft, category, title="Selendang Cual")

    first = artisan_client.post(url, {**data, "photos": [photo_upload("b.jpg")]})
    second = artisan_client.post(url, {**data, "photos": [photo_upload("b.jpg")]})

    assert first.status_code == second.status_code == 302
    assert second.url == url
    product.refresh_from_db()
    assert product.title == "Selendang Cual"
    assert product.images.count() == 1
