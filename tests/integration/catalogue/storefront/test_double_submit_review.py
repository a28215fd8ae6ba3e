"""A buyer's review sent twice (a double click) is saved once.

Signed out, Oscar has no rule of one review per product and visitor: the second copy
was a second review. Signed in, a second copy at the same moment hit the
(product, user) constraint.
"""
import pytest
from django.urls import reverse
from oscar.apps.catalogue.reviews.models import ProductReview

from core.form_tokens.services import form_token_new
from tests import factories

pytestmark = pytest.mark.django_db


def _url(product) -> str:
    return reverse("catalogue:reviews-add",
                   kwargs={"product_slug": product.slug, "product_pk": product.pk})


def test_a_visitors_review_sent_twice_is_saved_once(client, published):
    # Given the review form of a visitor signed out
    data = {"title": "Bagus", "score": 5, "body": "Halus sekali.", "name": "Sari",
            "email": "sari@example.id", "form_token": form_token_new()}

    # When it is sent twice
    first = client.post(_url(published), data)
    second = client.post(_url(published), data)

    # Then one review, and both answers lead to the product
    assert ProductReview.objects.filter(product=published).count() == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == published.get_absolute_url()


def test_two_review_forms_of_visitors_are_two_reviews(client, published):
    for name in ("Sari", "Dewi"):
        client.post(_url(published), {"title": "Bagus", "score": 4, "body": "Rapi.",
                                      "name": name, "email": f"{name}@example.id",
                                      "form_token": form_token_new()})

    assert ProductReview.objects.filter(product=published).count() == 2


def test_the_review_form_renders_its_token_hidden(client, published):
    client.force_login(factories.UserFactory())

    page = client.get(_url(published)).content.decode()

    assert 'type="hidden" name="form_token"' in page
    assert "Form token" not in page
