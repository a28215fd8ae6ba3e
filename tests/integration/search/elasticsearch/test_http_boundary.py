"""The Elasticsearch backend against a fake Elasticsearch HTTP server.

The real elasticsearch client talks HTTP to tests/integration/search/elasticsearch/fake_server.py,
which records what it was sent and answers like Elasticsearch does.
"""
import re
from decimal import Decimal

import pytest
from elasticsearch import ConnectionTimeout, TransportError

from catalogue.models import AttributeOption, ProductAttribute, ProductAttributeValue
from curation import services as curation
from search.backends.elasticsearch import ElasticsearchBackend, search_body
from search.engine import FacetValue, SearchRequest
from search.labels import price_range_label
from tests import factories

pytestmark = pytest.mark.django_db

ALIAS = "pasar-kriya-products"


@pytest.fixture
def batik_tulis(artisan):
    """A published batik tulis in Kain > Batik, with its technique attribute set."""
    craft = factories.ProductClassFactory(name="Batik")  # installed by migration 0034
    technique = ProductAttribute.objects.get(product_class=craft, code="technique")
    kain = factories.CategoryFactory(name="Kain")
    batik = kain.add_child(name="Batik")
    product = factories.published_product(
        artisan=artisan, product_class=craft, title="Kain Batik Tulis Parang",
        stock=(Decimal("850000"), 2))
    product.categories.add(batik)
    ProductAttributeValue.objects.create(
        product=product, attribute=technique,
        value_option=AttributeOption.objects.get(group=technique.option_group, option="tulis"))
    return product


def canned_search_response(ids, *, total, aggregations):
    return {
        "took": 3, "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": total, "relation": "eq"}, "max_score": None,
                 "hits": [{"_index": f"{ALIAS}-20261123", "_id": str(pk), "_score": None,
                           "sort": [1, pk]} for pk in ids]},
        "aggregations": aggregations,
    }


def terms(*buckets):
    return {"doc_count": sum(count for _, count in buckets), "values": {
        "doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
        "buckets": [{"key": key, "doc_count": count} for key, count in buckets]}}


def test_search_answers_the_ids_total_and_labelled_facets_of_the_response(fake_es, batik_tulis):
    # given a category tree, a region and an artisan, and Elasticsearch's answer
    batik = batik_tulis.categories.get()
    kain = batik.get_parent()
    tas = factories.CategoryFactory(name="Tas")  # after Kain in the tree, more products
    region, artisan = batik_tulis.artisan.region, batik_tulis.artisan
    fake_es.state.search_response = canned_search_response([batik_tulis.pk, 9001], total=57, aggregations={
        "craft": terms((str(tas.pk), 50), (str(kain.pk), 40), (str(batik.pk), 31)),
        "region": terms((region.slug, 50), ("gone-region", 7)),
        "artisan": terms((artisan.slug, 12)),
        "technique": terms(("tulis", 20), ("cap", 9)),
        "material": terms(),
        "dye": terms(("natural", 4)),
        "price": {"doc_count": 57, "values": {"buckets": [
            {"key": "0-250000", "from": 0.0, "to": 250000.0, "doc_count": 0},
            {"key": "500000-1000000", "from": 500000.0, "to": 1000000.0, "doc_count": 30}]}},
    })
    request = SearchRequest(text="batik tulis", page=2, per_page=2,
                            filters={"technique": ("tulis",), "dye": ("indigo",),
                                     "price": ("0-250000",)})

    # when
    result = ElasticsearchBackend().search(request)

    # then the request went to the alias with the body search_body builds
    searches = fake_es.state.calls("POST", "/_search")
    assert [call.path for call in searches] == [f"/{ALIAS}/_search"]
    assert searches[0].body == search_body(request)
    # and the answer is parsed
    assert result.backend == "elasticsearch"
    assert result.product_ids == [batik_tulis.pk, 9001]
    assert result.total == 57
    # crafts in the order of the category tree
    assert result.facets["craft"] == [FacetValue(str(kain.pk), "Kain", 40),
                                      FacetValue(str(batik.pk), "Batik", 31),
                                      FacetValue(str(tas.pk), "Tas", 50)]
    # a region no longer in the database is not offered
    assert result.facets["region"] == [FacetValue(region.slug, region.display_name, 50)]
    assert result.facets["artisan"] == [FacetValue(artisan.slug, artisan.name, 12)]
    assert result.facets["technique"] == [FacetValue("tulis", "tulis", 20, selected=True),
                                          FacetValue("cap", "cap", 9)]
    assert result.facets["material"] == []
    # a selected value nothing matches stays listed for unticking
    assert result.facets["dye"] == [FacetValue("natural", "natural", 4),
                                    FacetValue("indigo", "indigo", 0, selected=True)]
    # price ranges in their order, an empty one only when selected
    assert [(v.key, v.count, v.selected) for v in result.facets["price"]] == [
        ("0-250000", 0, True), ("500000-1000000", 30, False)]
    assert result.facets["price"][1].label == price_range_label("500000-1000000")


def test_a_page_beyond_ten_thousand_results_answers_no_products_instead_of_an_error(fake_es):
    fake_es.state.search_response = canned_search_response([], total=12_345, aggregations={
        "dye": terms(("natural", 12_345))})

    result = ElasticsearchBackend().search(SearchRequest(text="batik", page=500, per_page=24))

    assert (result.product_ids, result.total) == ([], 12_345)
    assert result.facets["dye"] == [FacetValue("natural", "natural", 12_345)]
    [call] = fake_es.state.calls("POST", "/_search")
    assert (call.body["from"], call.body["size"]) == (0, 0)  # Elasticsearch would refuse 11,976


def test_products_index_sends_public_products_and_deletes_the_others(fake_es, batik_tulis,
                                                                     artisan, curator):
    # given a published product, a draft, and a product delisted since it was indexed
    draft = factories.ProductFactory(artisan=artisan)
    delisted = factories.published_product(artisan=artisan)
    curation.product_delist(product_id=delisted.pk, user=curator.user, note="Foto tidak sesuai.")

    # when
    ElasticsearchBackend().products_index([batik_tulis.pk, draft.pk, delisted.pk])

    # then the first indexing made the index behind the alias
    state = fake_es.state
    [created] = state.index_creations()
    assert created.path == f"/{ALIAS}-initial"
    assert "craft_synonyms" in str(created.body["settings"])
    assert state.aliases == {ALIAS: {created.path[1:]}}
    # and one bulk request indexed the public product and deleted the others
    [bulk] = state.bulk_calls()
    actions = bulk.body
    assert actions[0] == {"index": {"_index": ALIAS, "_id": batik_tulis.pk}}
    source = actions[1]
    batik = batik_tulis.categories.get()
    assert source["pk"] == batik_tulis.pk
    assert source["title"] == "Kain Batik Tulis Parang"
    assert sorted(source["craft"]) == sorted([str(batik.pk), str(batik.get_parent().pk)])
    assert source["technique"] == ["tulis"]
    assert source["region"] == artisan.region.slug and source["artisan"] == artisan.slug
    assert source["price"] == 850000.0
    assert source["published_at"].startswith(str(batik_tulis.published_at.date()))
    assert "Kain" in source["suggest_craft"]["input"]
    assert source["suggest_title"]["input"] == [
        "Kain Batik Tulis Parang", "Batik Tulis Parang", "Tulis Parang", "Parang"]
    assert sorted(actions[2:], key=str) == sorted(
        [{"delete": {"_index": ALIAS, "_id": draft.pk}},
         {"delete": {"_index": ALIAS, "_id": delisted.pk}}], key=str)


def test_products_index_writes_into_the_existing_alias(fake_es, batik_tulis):
    fake_es.state.indices.add(f"{ALIAS}-1")
    fake_es.state.aliases[ALIAS] = {f"{ALIAS}-1"}

    ElasticsearchBackend().products_index([batik_tulis.pk])

    assert fake_es.state.index_creations() == []
    assert list(fake_es.state.documents[f"{ALIAS}-1"]) == [str(batik_tulis.pk)]


def test_rebuild_fills_a_new_index_then_swaps_the_alias_in_one_call(fake_es, batik_tulis, artisan):
    # given an index in service behind the alias, and a second public product and a draft
    old = f"{ALIAS}-20250101000000000000"
    fake_es.state.indices.add(old)
    fake_es.state.aliases[ALIAS] = {old}
    second = factories.published_product(artisan=artisan)
    factories.ProductFactory(artisan=artisan)
    progress = []

    # when
    count = ElasticsearchBackend().rebuild(progress=lambda done, total: progress.append((done, total)))

    # then a new index was created and bulk-loaded with the public products only
    state = fake_es.state
    assert count == 2
    assert progress[-1] == (2, 2)
    [created] = state.index_creations()
    new = created.path.strip("/")
    assert new != old and re.fullmatch(rf"{ALIAS}-\d{{20}}", new)
    assert created.body["mappings"]["properties"]["title"]["fields"]["id"]["analyzer"] == "indonesian"
    [bulk] = state.bulk_calls()
    indexed = [line["index"] for line in bulk.body[::2]]
    assert {(a["_index"], a["_id"]) for a in indexed} == {(new, batik_tulis.pk), (new, second.pk)}
    # and the alias moved in one call, after the load, and the old index went
    [swap] = state.calls("POST", "/_aliases")
    assert swap.body == {"actions": [{"remove": {"index": old, "alias": ALIAS}},
                                     {"add": {"index": new, "alias": ALIAS}}]}
    assert state.requests.index(bulk) < state.requests.index(swap)
    assert [call.path for call in state.calls("DELETE")] == [f"/{old}"]
    assert state.aliases == {ALIAS: {new}} and old not in state.indices


def test_suggest_answers_products_regions_and_artisans_with_their_pages(fake_es, batik_tulis):
    region, artisan = batik_tulis.artisan.region, batik_tulis.artisan
    source = {"title": batik_tulis.title, "url": batik_tulis.get_absolute_url(),
              "region_slug_name": f"{region.slug}|{region.display_name}",
              "artisan_slug_name": f"{artisan.slug}|{artisan.name}"}
    option = lambda text: {"text": text, "_id": str(batik_tulis.pk), "_source": source}
    fake_es.state.search_response = {"took": 1, "hits": {"total": {"value": 0}, "hits": []},
                                     "suggest": {
        "title": [{"text": "kai", "offset": 0, "length": 3,
                   "options": [option(batik_tulis.title), option("Batik Tulis Parang")]}],
        "craft": [{"text": "kai", "offset": 0, "length": 3,
                   "options": [option("Kain"), option("Kain Tanpa Halaman")]}],
        "region": [{"text": "kai", "offset": 0, "length": 3, "options": [option(region.name)]}],
        "artisan": [{"text": "kai", "offset": 0, "length": 3, "options": [option(artisan.name)]}],
    }}

    suggestions = ElasticsearchBackend().suggest("kai", limit=3)

    [call] = fake_es.state.calls("POST", "/_search")
    assert call.body["suggest"]["title"]["prefix"] == "kai"
    assert call.body["suggest"]["region"]["completion"]["size"] == 3
    assert suggestions.products == [{"title": batik_tulis.title, "url": batik_tulis.get_absolute_url()}]
    kain = batik_tulis.categories.get().get_parent()
    assert suggestions.crafts == [{"name": "Kain", "url": kain.get_absolute_url()}]
    assert suggestions.regions == [{"name": region.display_name, "url": region.get_absolute_url()}]
    assert suggestions.artisans == [{"name": artisan.name, "url": artisan.get_absolute_url()}]
    # one character is not asked about
    assert ElasticsearchBackend().suggest("k").products == []
    assert len(fake_es.state.calls("POST", "/_search")) == 1


def test_a_slow_server_raises_a_transport_error_after_the_timeout_without_retrying(
        fake_es, settings):
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    fake_es.state.search_delay = 1.5
    fake_es.state.search_response = canned_search_response([], total=0, aggregations={})

    with pytest.raises(ConnectionTimeout) as raised:
        ElasticsearchBackend().search(SearchRequest(text="batik"))

    assert isinstance(raised.value, TransportError)
    assert len(fake_es.state.calls("POST", "/_search")) == 1


def test_a_product_delisted_during_a_rebuild_is_removed_once_the_alias_moved(
        fake_es, batik_tulis, artisan, curator):
    # given a second public product, delisted while the new index is being filled
    second = factories.published_product(artisan=artisan)

    def delist_meanwhile(done, total):
        curation.product_delist(product_id=second.pk, user=curator.user, note="Bukan kriya.")

    # when
    ElasticsearchBackend().rebuild(progress=delist_meanwhile)

    # then it was loaded, and deleted again through the alias after the swap
    [load, catch_up] = fake_es.state.bulk_calls()
    [swap] = fake_es.state.calls("POST", "/_aliases")
    requests = fake_es.state.requests
    assert requests.index(load) < requests.index(swap) < requests.index(catch_up)
    assert catch_up.body == [{"delete": {"_index": ALIAS, "_id": second.pk}}]
    [new] = fake_es.state.aliases[ALIAS]
    assert list(fake_es.state.documents[new]) == [str(batik_tulis.pk)]
