"""The search, browse and category pages through the search backend; suggestions as JSON."""
import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.support.search import Catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_BACKEND = "database"
    return Catalogue()


def ids(response) -> list[int]:
    return [product.pk for product in response.context["products"]]


def facet(response, name) -> dict:
    return {f["name"]: f for f in response.context["facets"]}[name]


def test_search_with_a_typo_two_facets_and_price_order(client, catalogue):
    response = client.get(reverse("search:search"),
                          {"q": "batk", "region": "bojonegoro", "technique": ["tulis", "cap"],
                           "sort_by": "price-desc"})

    assert ids(response) == [catalogue.tulis.pk, catalogue.cap.pk]
    assert response.context["paginator"].count == 2
    region = facet(response, "region")
    assert [(v.key, v.selected) for v in region["values"]][0] == ("bojonegoro", True)
    assert region["open"] is True
    page = response.content.decode()
    assert 'name="technique" value="tulis" checked' in page
    assert '<option value="price-desc" selected>' in page
    assert 'name="q" value="batk"' in page


def test_pagination_keeps_the_text_the_facets_and_the_order(client, catalogue, monkeypatch):
    from search.views.search import FacetedSearchView

    monkeypatch.setattr(FacetedSearchView, "paginate_by", 1)

    first = client.get(reverse("search:search"),
                       {"q": "batik", "region": "bojonegoro", "sort_by": "price-asc"})
    second = client.get(reverse("search:search"),
                        {"q": "batik", "region": "bojonegoro", "sort_by": "price-asc", "page": 2})

    assert ids(first) == [catalogue.cap.pk] and ids(second) == [catalogue.tulis.pk]
    page = first.content.decode()
    assert "q=batik&amp;region=bojonegoro&amp;sort_by=price-asc&amp;page=2" in page
    assert client.get(reverse("search:search"), {"q": "batik", "page": 9}).status_code == 404
    assert client.get(reverse("search:search"), {"q": "batik", "page": "x"}).status_code == 404


def test_search_page_without_words_or_facets_searches_nothing(client, catalogue):
    response = client.get(reverse("search:search"))

    assert ids(response) == [] and response.context["searched"] is False


def test_search_page_with_only_a_facet_browses_it(client, catalogue):
    response = client.get(reverse("search:search"), {"price": "0-250000"})

    assert ids(response) == [catalogue.tas_pandan.pk]


@pytest.mark.parametrize("q", ["'; DROP TABLE x; --", "batik\" OR 1=1", "(*)", "a" * 200,
                               "NOT AND OR ~^:"])
def test_hostile_queries_answer_a_page(client, catalogue, q):
    response = client.get(reverse("search:search"), {"q": q})

    assert response.status_code == 200
    assert set(ids(response)) <= {p.pk for p in catalogue.public}


def test_browse_shows_facets_and_narrows_by_the_craft_category(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"category": str(catalogue.kain.pk)})

    assert sorted(ids(response)) == sorted([catalogue.tulis.pk, catalogue.cap.pk])
    craft = facet(response, "craft")
    assert (str(catalogue.tas.pk), 1) in [(v.key, v.count) for v in craft["values"]]
    assert "<details" in response.content.decode()


def test_browse_keeps_the_craft_product_class_link(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"craft": "anyaman"})

    assert ids(response) == [catalogue.tas_pandan.pk]
    assert 'name="craft" value="anyaman"' in response.content.decode()


def test_category_page_offers_the_other_facets_only(client, catalogue):
    response = client.get(catalogue.kain.get_absolute_url(), {"technique": "cap"})

    assert ids(response) == [catalogue.cap.pk]
    names = [f["name"] for f in response.context["facets"]]
    assert "craft" not in names and "technique" in names
    assert dict((v.key, v.count) for v in facet(response, "technique")["values"]) == {
        "tulis": 1, "cap": 1}


def test_the_facets_never_count_hidden_products(client, catalogue):
    response = client.get(catalogue.kain.get_absolute_url())

    assert response.context["paginator"].count == 2
    assert sum(v.count for v in facet(response, "artisan")["values"]) == 2


def test_suggest_answers_json_of_public_things(client, catalogue):
    response = client.get(reverse("search:suggest"), {"q": "pand"})

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"products", "crafts", "regions", "artisans"}
    assert data["products"] == [{"title": "Tas Anyaman Pandan",
                                 "url": catalogue.tas_pandan.get_absolute_url()}]
    assert data["artisans"][0]["url"] == catalogue.pandan.get_absolute_url()
    assert client.get(reverse("search:suggest"), {"q": "rahasia"}).json()["products"] == []
    assert client.get(reverse("search:suggest"), {"q": "'\";--"}).status_code == 200


def test_the_header_search_box_uses_the_suggestions(client, catalogue):
    page = client.get("/").content.decode()

    assert f'data-suggest-url="{reverse("search:suggest")}"' in page
    assert 'list="search-suggestions"' in page and "js/search-suggest.js" in page


def test_facet_titles_and_price_labels_are_translated(client, catalogue):
    with translation.override("en"):
        response = client.get(reverse("catalogue:index"), HTTP_ACCEPT_LANGUAGE="en")
    labels = [v.label for v in facet(response, "price")["values"]]
    assert labels[0].startswith("Under Rp") and labels[-1].endswith("and more")


def test_an_artisan_without_public_products_is_not_a_facet(client, catalogue):
    factories.ArtisanFactory(name="Tanpa Produk", slug="tanpa-produk")

    response = client.get(reverse("catalogue:index"))

    assert "tanpa-produk" not in [v.key for v in facet(response, "artisan")["values"]]
