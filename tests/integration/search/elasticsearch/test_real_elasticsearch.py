"""The Elasticsearch backend against a real Elasticsearch, when ELASTICSEARCH_URL is set.

Skipped with a message otherwise (CI has no Elasticsearch). Products are made and
published through the real services, indexed by the backend, and searched.
"""
from decimal import Decimal

import pytest

from catalogue.models import AttributeOption, ProductAttribute
from curation import services as curation
from search.engine import SearchRequest
from tests import factories
from tests.integration.search.elasticsearch.real import SKIP_MESSAGE, elasticsearch_url, real_backend, settle

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not elasticsearch_url(), reason=SKIP_MESSAGE),
]


def with_option(product, code, value):
    attribute = ProductAttribute.objects.get(product_class=product.product_class, code=code)
    setattr(product.attr, code, AttributeOption.objects.get(group=attribute.option_group,
                                                            option=value))
    product.attr.save()
    return product


class Shop:
    def __init__(self):
        bojonegoro = factories.RegionFactory(name="Bojonegoro", slug="bojonegoro")
        bangka = factories.RegionFactory(name="Bangka Barat", slug="bangka-barat")
        self.sekar = factories.ArtisanFactory(name="Sekar Jati", slug="sekar-jati",
                                              region=bojonegoro)
        self.timah = factories.ArtisanFactory(name="Timah Karya", slug="timah-karya",
                                              region=bangka)
        batik = factories.ProductClassFactory(name="Batik")
        tenun = factories.ProductClassFactory(name="Tenun Cual", slug="tenun-cual")
        pewter = factories.ProductClassFactory(name="Pewter")
        self.kain = factories.CategoryFactory(name="Kain")
        self.kain_batik = self.kain.add_child(name="Kain Batik")
        self.kain_tenun = self.kain.add_child(name="Kain Tenun")

        self.tulis = self.publish(with_option(factories.ProductFactory(
            artisan=self.sekar, product_class=batik, title="Kain Batik Tulis Sekar Jagad",
            description="Batik tulis pewarna alam dari Bojonegoro.",
            stock=(Decimal("1250000"), 2)), "technique", "tulis"), self.kain_batik)
        self.cap = self.publish(with_option(factories.ProductFactory(
            artisan=self.sekar, product_class=batik, title="Selendang Batik Cap Parang",
            description="Selendang batik cap motif parang.",
            stock=(Decimal("350000"), 2)), "technique", "cap"), self.kain_batik)
        self.cual = self.publish(factories.ProductFactory(
            artisan=self.timah, product_class=tenun, title="Kain Tenun Cual Bunga Tabur",
            description="Tenun cual sutra dari Muntok.", stock=(Decimal("2750000"), 1)),
            self.kain_tenun)
        self.kapal = self.publish(factories.ProductFactory(
            artisan=self.timah, product_class=pewter, title="Miniatur Kapal Pinisi",
            description="Hadiah dari timah Bangka.", stock=(Decimal("185000"), 4)))
        self.draft = factories.ProductFactory(artisan=self.sekar, product_class=batik,
                                              title="Kain Batik Tulis Rahasia")
        self.public = {self.tulis.pk, self.cap.pk, self.cual.pk, self.kapal.pk}

    @staticmethod
    def publish(product, *categories):
        """File `product` under `categories` and approve it through the curation services."""
        product.categories.add(*categories)
        artisan_user = product.artisan.partner.users.first()
        curator = factories.CuratorFactory(regions=[product.artisan.region])
        curation.submission_submit(product_id=product.pk, user=artisan_user)
        curation.submission_claim(product_id=product.pk, user=curator.user)
        return curation.submission_approve(product_id=product.pk, user=curator.user)


@pytest.fixture
def es(settings):
    with real_backend(settings) as backend:
        yield backend


@pytest.fixture
def shop(es):
    built = Shop()
    assert es.rebuild() == 4
    return built


def ids(es, **kwargs):
    return es.search(SearchRequest(**kwargs)).product_ids


def test_indonesian_words_across_title_and_region(es, shop):
    assert ids(es, text="batik tulis Bojonegoro")[0] == shop.tulis.pk


def test_english_words_find_indonesian_products_through_the_synonyms(es, shop):
    assert shop.cual.pk in ids(es, text="woven silk")
    assert ids(es, text="pewter gift") == [shop.kapal.pk]
    assert shop.cap.pk in ids(es, text="stamped scarf")


def test_misspelt_words_are_found(es, shop):
    assert ids(es, text="batk tulsi")[0] == shop.tulis.pk


def test_drafts_are_never_found(es, shop):
    assert shop.draft.pk not in ids(es, text="rahasia") + ids(es)


def test_empty_text_browses_everything_newest_first(es, shop):
    result = es.search(SearchRequest())
    assert result.total == 4
    assert result.product_ids == [shop.kapal.pk, shop.cual.pk, shop.cap.pk, shop.tulis.pk]


@pytest.mark.parametrize("text", [
    ("zq%8# " * 90)[:500], 'kain" OR 1=1; --', "title:batik AND (price:[0 TO *])~2^3 \\/{}!?",
])
def test_junk_and_special_characters_answer_without_error(es, shop, text):
    result = es.search(SearchRequest(text=text))
    assert set(result.product_ids) <= shop.public


def test_facet_counts_cover_subtrees_and_ignore_their_own_selection(es, shop):
    result = es.search(SearchRequest(filters={"technique": ("tulis",)}))

    assert result.product_ids == [shop.tulis.pk]
    craft = {value.key: value.count for value in result.facets["craft"]}
    assert craft[str(shop.kain.pk)] == 1 and craft[str(shop.kain_batik.pk)] == 1
    technique = {v.key: (v.count, v.selected) for v in result.facets["technique"]}
    assert technique == {"tulis": (1, True), "cap": (1, False)}

    everything = es.search(SearchRequest())
    craft = {value.key: value.count for value in everything.facets["craft"]}
    assert craft[str(shop.kain.pk)] == 3  # two batik and one tenun below it
    regions = {value.key: value.count for value in everything.facets["region"]}
    assert regions == {"bojonegoro": 2, "bangka-barat": 2}
    prices = {value.key: value.count for value in everything.facets["price"]}
    assert prices == {"0-250000": 1, "250000-500000": 1, "1000000-2500000": 1, "2500000-": 1}


def test_sort_by_price_both_ways(es, shop):
    ascending = [shop.kapal.pk, shop.cap.pk, shop.tulis.pk, shop.cual.pk]
    assert ids(es, sort="price-asc") == ascending
    assert ids(es, sort="price-desc") == ascending[::-1]


def test_a_delisted_product_is_gone_after_the_worker_runs(es, shop):
    curator = factories.CuratorFactory(regions=[shop.sekar.region])
    curation.product_delist(product_id=shop.cap.pk, user=curator.user, note="Foto keliru.")

    settle(es)

    assert shop.cap.pk not in ids(es, text="selendang")


def test_suggestions_complete_titles_regions_and_artisans(es, shop):
    suggestions = es.suggest("seke")  # a typo of "sekar"
    assert [a["name"] for a in suggestions.artisans] == ["Sekar Jati"]
    assert any(p["title"] == "Selendang Batik Cap Parang" for p in es.suggest("selen").products)
    assert [r["name"] for r in es.suggest("bang").regions] == ["Bangka Barat"]


def test_a_second_rebuild_moves_the_alias_and_keeps_answering(es, shop):
    before = set(es.indexing.indices.get_alias(name=es.alias).body)

    assert es.rebuild() == 4

    after = set(es.indexing.indices.get_alias(name=es.alias).body)
    assert after and not (after & before)
    assert not any(es.indexing.indices.exists(index=name) for name in before)
    assert ids(es, text="kapal") == [shop.kapal.pk]
