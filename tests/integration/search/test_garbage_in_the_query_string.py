"""What no page links to gets 400, not 500: a NUL character anywhere in the query
string (PostgreSQL cannot compare a string holding one), a craft that is not a
category id, a price that is not one of the ranges."""
import pytest
from django.urls import reverse

from tests.support.search import Catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_BACKEND = "database"
    return Catalogue()


def pages(catalogue):
    return [reverse("search:search"), reverse("catalogue:index"),
            reverse("region-detail", kwargs={"slug": catalogue.tulis.artisan.region.slug}),
            reverse("artisan-detail", kwargs={"slug": catalogue.tulis.artisan.slug})]


@pytest.mark.parametrize("param", ["q", "craft", "category", "region", "artisan", "technique",
                                   "material", "dye", "price", "page", "sort_by"])
def test_a_nul_character_in_any_parameter_gets_400(client, catalogue, param):
    for url in [reverse("search:suggest"), *pages(catalogue)]:
        response = client.get(url, {param: "bat\x00ik"})

        assert (response.status_code, response.content) == (400, b"bad request"), url


def test_a_nul_character_in_a_parameter_name_gets_400(client, catalogue):
    assert client.get(reverse("search:search"), {"q\x00": "batik"}).status_code == 400


@pytest.mark.parametrize("key", ["²", "١٢", "batik", "0", "-1", "2147483648", "99999999999"])
def test_a_craft_that_is_not_a_category_id_gets_400(client, catalogue, key):
    for url in pages(catalogue):
        assert client.get(url, {"category": key}).status_code == 400, url


@pytest.mark.parametrize("key", ["cheap", "0-100", "2500000"])
def test_a_price_that_is_not_a_range_gets_400(client, catalogue, key):
    for url in pages(catalogue):
        assert client.get(url, {"price": key}).status_code == 400, url


def test_the_ranges_and_category_ids_pages_link_to_still_work(client, catalogue):
    response = client.get(reverse("search:search"),
                          {"q": "batik", "price": ["0-250000", "1000000-2500000"],
                           "category": str(catalogue.kain.pk)})

    assert response.status_code == 200
    assert [p.pk for p in response.context["products"]] == [catalogue.tulis.pk]
