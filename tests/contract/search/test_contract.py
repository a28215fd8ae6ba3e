"""The search contract: every backend finds the same products for the same queries.

Run against each backend of conftest.BACKENDS, on SQLite and on PostgreSQL.
"""
import random
import string

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curation import services
from search.engine import FACETS, SearchRequest
from tests import factories
from tests.support.search import draft, publish

pytestmark = pytest.mark.django_db


def found(backend, text="", **kwargs) -> list[int]:
    return backend.search(SearchRequest(text=text, **kwargs)).product_ids


def counts(result, facet: str) -> list[tuple[str, int]]:
    return [(value.key, value.count) for value in result.facets[facet]]


# --- what words find ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("batik tulis", ["tulis"]),
    ("BATIK cap", ["cap"]),
    ("tas anyaman", ["tas_pandan"]),
    ("pandan", ["tas_pandan"]),                   # title, body and artisan name
    ("bojonegoro", ["tulis", "cap"]),             # the region
    ("sekar jati", ["tulis", "cap"]),             # the artisan
    ("selend", ["cap"]),                          # the last word is a prefix
    ("pinisi", ["kapal"]),
])
def test_indonesian_words_find_every_word(backend, catalogue, text, expected):
    assert sorted(found(backend, text)) == sorted(getattr(catalogue, name).pk for name in expected)


@pytest.mark.parametrize("text, expected", [
    ("hand-drawn batik", ["tulis"]),
    ("woven bag", ["tas_pandan"]),
    ("pewter gift", ["kapal"]),
    ("stamped scarf", ["cap"]),
])
def test_english_words(backend, catalogue, text, expected):
    assert sorted(found(backend, text)) == sorted(getattr(catalogue, name).pk for name in expected)


@pytest.mark.parametrize("text, expected", [
    ("batk tulis", "tulis"),
    ("anyman", "tas_pandan"),
    ("selendng", "cap"),
])
def test_misspelt_words_still_find_the_product(backend, catalogue, text, expected):
    assert found(backend, text)[:1] == [getattr(catalogue, expected).pk]


def test_words_no_product_holds_find_nothing(backend, catalogue):
    assert found(backend, "tas bojonegoro") == []  # every word must match
    assert found(backend, "zzqxv") == []


def test_empty_text_browses_every_public_product_newest_first(backend, catalogue):
    result = backend.search(SearchRequest(text="   "))

    assert result.total == 4
    assert result.product_ids == [p.pk for p in reversed(catalogue.public)]
    assert result.backend == backend.name


def test_relevance_puts_the_title_match_first(backend, catalogue):
    # "pandan" is the title of the bag, and only the name of the other products' artisan
    assert found(backend, "pandan", sort="relevance")[0] == catalogue.tas_pandan.pk


# --- input that must never fail ---------------------------------------------------------

SPECIAL = ["'", '"', ";", "--", "*", ":", "(", ")", "AND", "OR", "NOT", "~", "^",
           "batik\" OR 1=1; --", "'; DROP TABLE search_productdocument; --", "batik AND (tulis",
           "NOT batik", "title:batik*", "tulis^2 ~batik", "\"unclosed", "NEAR(batik tulis)",
           "batik -tulis", "* OR *", "\\", "%", "_", "{}[]", "tulis:*", "&|!<>"]


@pytest.mark.parametrize("text", SPECIAL)
def test_sql_fts_and_lucene_characters_are_plain_text(backend, catalogue, text):
    result = backend.search(SearchRequest(text=text))

    public = {p.pk for p in catalogue.public}
    assert set(result.product_ids) <= public
    assert result.total == len(result.product_ids)


def test_the_index_survives_a_hostile_query(backend, catalogue):
    backend.search(SearchRequest(text="'; DROP TABLE search_productdocument; --"))

    assert sorted(found(backend, "batik tulis")) == [catalogue.tulis.pk]


def test_500_characters_of_junk_find_nothing_and_do_not_fail(backend, catalogue):
    rng = random.Random(5)
    junk = "".join(rng.choice(string.printable + "éü中文") for _ in range(500))

    result = backend.search(SearchRequest(text=junk))

    assert set(result.product_ids) <= {p.pk for p in catalogue.public}
    assert backend.suggest(junk) is not None


def test_special_characters_alone_find_nothing(backend, catalogue):
    for text in ["'", '"', ";", "--", "*", "( )", "~^", "&|!"]:
        assert found(backend, text) == [], text


# --- only approved products ---------------------------------------------------------------

def test_draft_submitted_and_delisted_products_are_never_found(backend, catalogue):
    assert found(backend, "rahasia") == []
    for product in catalogue.hidden:
        assert found(backend, product.title) == []
    assert set(found(backend, "", per_page=100)) == {p.pk for p in catalogue.public}
    assert backend.suggest("rahasia").products == []


def test_facet_counts_count_public_products_only(backend, catalogue):
    result = backend.search(SearchRequest())

    assert dict(counts(result, "technique")) == {"tulis": 1, "cap": 1}
    assert dict(counts(result, "craft"))[str(catalogue.kain_batik.pk)] == 2


# --- facets -----------------------------------------------------------------------------

def test_every_facet_with_counts_in_order(backend, catalogue):
    result = backend.search(SearchRequest())

    assert set(result.facets) == set(FACETS)
    assert counts(result, "region") == [("bojonegoro", 2), ("bangka-barat", 1), ("lumajang", 1)]
    assert counts(result, "artisan") == [("sekar-jati", 2), ("pandan-lestari", 1),
                                         ("timah-karya", 1)]
    assert counts(result, "technique") == [("cap", 1), ("tulis", 1)]
    assert counts(result, "dye") == [("natural", 1), ("synthetic", 1)]
    assert counts(result, "material") == [("pandan", 1)]
    # the category tree in its order, a parent counting its children's products
    assert counts(result, "craft") == [
        (str(catalogue.kain.pk), 2), (str(catalogue.kain_batik.pk), 2), (str(catalogue.tas.pk), 1),
    ]
    assert counts(result, "price") == [
        ("0-250000", 1), ("250000-500000", 1), ("1000000-2500000", 1), ("2500000-", 1),
    ]
    assert [value.label for value in result.facets["region"]][0] == "Kabupaten Bojonegoro"


def test_a_facets_counts_ignore_its_own_selection_and_follow_the_others(backend, catalogue):
    result = backend.search(SearchRequest(filters={"region": ("bojonegoro",)}))

    assert sorted(result.product_ids) == sorted([catalogue.tulis.pk, catalogue.cap.pk])
    assert counts(result, "region") == [("bojonegoro", 2), ("bangka-barat", 1), ("lumajang", 1)]
    assert [v.key for v in result.facets["region"] if v.selected] == ["bojonegoro"]
    assert counts(result, "artisan") == [("sekar-jati", 2)]
    assert counts(result, "price") == [("250000-500000", 1), ("1000000-2500000", 1)]


def test_values_of_one_facet_widen_and_facets_narrow(backend, catalogue):
    both = found(backend, filters={"region": ("lumajang", "bangka-barat")})
    narrowed = found(backend, filters={"region": ("bojonegoro",), "technique": ("tulis",)})

    assert sorted(both) == sorted([catalogue.tas_pandan.pk, catalogue.kapal.pk])
    assert narrowed == [catalogue.tulis.pk]


def test_craft_facet_takes_a_category_with_everything_below_it(backend, catalogue):
    assert sorted(found(backend, filters={"craft": (str(catalogue.kain.pk),)})) == sorted(
        [catalogue.tulis.pk, catalogue.cap.pk])
    assert found(backend, filters={"craft": (str(catalogue.tas.pk),)}) == [
        catalogue.tas_pandan.pk]


def test_price_ranges_and_text_with_facets(backend, catalogue):
    assert found(backend, filters={"price": ("0-250000",)}) == [catalogue.tas_pandan.pk]
    assert found(backend, filters={"price": ("2500000-",)}) == [catalogue.kapal.pk]
    assert found(backend, "batik", filters={"technique": ("cap",)}) == [catalogue.cap.pk]
    assert found(backend, filters={"region": ("nowhere",)}) == []


def test_unknown_keys_narrow_to_nothing_and_stay_listed_for_unticking(backend, catalogue):
    result = backend.search(SearchRequest(filters={"dye": ("indigo",)}))

    assert result.product_ids == [] and result.total == 0
    assert [(v.key, v.count, v.selected) for v in result.facets["dye"]] == [
        ("natural", 1, False), ("synthetic", 1, False), ("indigo", 0, True)]


# --- order and pages ----------------------------------------------------------------------

def test_sort_by_price_both_ways_and_newest(backend, catalogue):
    by_price = [catalogue.tas_pandan.pk, catalogue.cap.pk, catalogue.tulis.pk, catalogue.kapal.pk]

    assert found(backend, sort="price-asc") == by_price
    assert found(backend, sort="price-desc") == by_price[::-1]
    assert found(backend, sort="newest") == [p.pk for p in reversed(catalogue.public)]
    assert found(backend, "batik", sort="price-asc") == [catalogue.cap.pk, catalogue.tulis.pk]


def test_pages(backend, catalogue):
    second = backend.search(SearchRequest(sort="price-asc", page=2, per_page=3))
    beyond = backend.search(SearchRequest(sort="price-asc", page=3, per_page=3))

    assert second.product_ids == [catalogue.kapal.pk] and second.total == 4
    assert beyond.product_ids == [] and beyond.total == 4


# --- suggestions ----------------------------------------------------------------------------

def test_suggestions_offer_products_crafts_regions_and_artisans(backend, catalogue):
    suggestions = backend.suggest("pand")

    assert [item["title"] for item in suggestions.products] == ["Tas Anyaman Pandan"]
    assert suggestions.products[0]["url"] == catalogue.tas_pandan.get_absolute_url()
    assert [item["name"] for item in suggestions.artisans] == ["Pandan Lestari"]
    assert backend.suggest("lumaj").regions[0]["url"] == catalogue.pandan.region.get_absolute_url()
    crafts = backend.suggest("kain batik").crafts
    assert {"name": "Kain Batik", "url": catalogue.kain_batik.get_absolute_url()} in crafts
    assert all("kain batik" in item["name"].lower() for item in crafts)
    assert backend.suggest("").products == [] and backend.suggest("k").products == []


# --- freshness ---------------------------------------------------------------------------------

def test_a_product_approved_is_found_and_delisted_is_gone(backend, catalogue, settle):
    # given a draft no search finds
    product = draft("Tenun Cual Bunga Tabur", artisan=catalogue.sekar,
                    product_class=factories.ProductClassFactory(name="Tenun Cual"),
                    price="1750000", description="Tenun cual songket Bangka.")
    settle()
    assert found(backend, "tenun cual") == []

    # when a curator approves it, it is found (the database backend in the same transaction)
    publish(product)
    settle()
    assert found(backend, "tenun cual") == [product.pk]
    assert found(backend, filters={"price": ("1000000-2500000",)}).count(product.pk) == 1

    # and when it is delisted, it is gone again
    curator = factories.CuratorFactory(regions=[product.artisan.region])
    services.product_delist(product_id=product.pk, user=curator.user, note="Bukan kriya.")
    settle()
    assert found(backend, "tenun cual") == []


def test_a_price_change_moves_the_product_between_price_ranges(backend, catalogue, settle):
    from artisans.portal import services as portal_services

    portal_services.product_stock_update(
        product=catalogue.kapal, user=catalogue.timah.partner.users.first(),
        price=150000, num_in_stock=2)
    settle()

    assert sorted(found(backend, filters={"price": ("0-250000",)})) == sorted(
        [catalogue.tas_pandan.pk, catalogue.kapal.pk])
    assert found(backend, sort="price-asc")[:2] == [catalogue.kapal.pk, catalogue.tas_pandan.pk]


def test_filing_a_product_in_a_category_updates_the_craft_facet(backend, catalogue, settle):
    catalogue.kapal.categories.add(catalogue.tas)
    settle()

    assert sorted(found(backend, filters={"craft": (str(catalogue.tas.pk),)})) == sorted(
        [catalogue.tas_pandan.pk, catalogue.kapal.pk])


def test_rebuild_holds_every_public_product(backend, catalogue, settle):
    seen = []

    assert backend.rebuild(progress=lambda done, total: seen.append((done, total))) == 4
    settle()

    assert seen[-1] == (4, 4)
    assert sorted(found(backend, "batik tulis")) == [catalogue.tulis.pk]
    assert found(backend, "rahasia") == []


# --- cost ----------------------------------------------------------------------------------------

def queries_of(backend, request: SearchRequest) -> int:
    with CaptureQueriesContext(connection) as captured:
        backend.search(request)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_catalogue(backend, catalogue, settle):
    requests = [
        SearchRequest(text="batik tulis", filters={"region": ("bojonegoro",)}),
        SearchRequest(text="batk", sort="price-asc"),
        SearchRequest(filters={"craft": (str(catalogue.kain.pk),), "price": ("0-250000",)}),
    ]

    def grow_to(n: int) -> None:
        artisans = [catalogue.sekar, catalogue.pandan, catalogue.timah]
        while public_count() < n:
            i = public_count()
            product = draft(f"Kain Batik Tulis Motif {i}", artisan=artisans[i % 3],
                            product_class=catalogue.tulis.product_class, price=str(100000 + i),
                            categories=[catalogue.kain_batik], technique="tulis",
                            description="Batik tulis.")
            publish(product)
        settle()

    grow_to(20)
    at_20 = [queries_of(backend, request) for request in requests]
    grow_to(200)
    at_200 = [queries_of(backend, request) for request in requests]

    assert at_20 == at_200
    assert max(at_20) <= 20


def public_count() -> int:
    from catalogue.selectors import products_public

    return products_public().count()


def test_product_class_narrows_to_one_craft_without_being_a_facet(backend, catalogue):
    # the browse page's ?craft=<product class slug> (the artisan pages link it)
    result = backend.search(SearchRequest(filters={"product_class": ("anyaman",)}))

    assert result.product_ids == [catalogue.tas_pandan.pk]
    assert "product_class" not in result.facets
