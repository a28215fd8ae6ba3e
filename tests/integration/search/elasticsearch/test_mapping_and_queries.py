"""What the Elasticsearch backend sends, checked without a server: mapping and query bodies."""
import json

import pytest

from search.backends.elasticsearch import (
    MAX_QUERY_WORDS,
    MAX_RESULT_WINDOW,
    page_in_reach,
    product_index,
    search_body,
)
from search.engine import FACETS, SearchRequest
from search.synonyms import CRAFT_SYNONYMS


@pytest.fixture(scope="module")
def index_body():
    return product_index("pasar-kriya-products-test").to_dict()


def test_mapping_has_indonesian_and_english_subfields_with_synonyms_at_search_time(index_body):
    properties = index_body["mappings"]["properties"]
    for name in ("title", "description", "all_text"):
        fields = properties[name]["fields"]
        assert fields["id"] == {"type": "text", "analyzer": "indonesian",
                                "search_analyzer": "indonesian_search"}
        assert fields["en"] == {"type": "text", "analyzer": "english",
                                "search_analyzer": "english_search"}
    analysis = index_body["settings"]["analysis"]
    assert analysis["analyzer"]["indonesian_search"]["filter"] == [
        "lowercase", "craft_synonyms", "indonesian_stop", "indonesian_stemmer"]
    assert "craft_synonyms" in analysis["analyzer"]["english_search"]["filter"]
    assert analysis["filter"]["indonesian_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    synonyms = analysis["filter"]["craft_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["synonyms"] == list(CRAFT_SYNONYMS)


@pytest.mark.parametrize("group", [
    {"tenun", "woven"}, {"kain", "cloth", "fabric"}, {"tulis", "hand-drawn"},
    {"cap", "stamped"}, {"anyaman", "woven basketry"}, {"timah", "pewter"}, {"tas", "bag"},
    {"selendang", "scarf", "shawl"},
])
def test_synonym_list_has_the_craft_words(group):
    lines = [{word.strip() for word in line.split(",")} for line in CRAFT_SYNONYMS]
    assert any(group <= line for line in lines), group


def test_mapping_has_facet_keywords_price_date_and_completion_fields(index_body):
    properties = index_body["mappings"]["properties"]
    for facet in ("craft", "region", "artisan", "technique", "material", "dye"):
        assert properties[facet] == {"type": "keyword"}
    assert properties["price"] == {"type": "scaled_float", "scaling_factor": 100}
    assert properties["published_at"] == {"type": "date"}
    for kind in ("title", "craft", "region", "artisan"):
        assert properties[f"suggest_{kind}"]["type"] == "completion"
    assert index_body["settings"]["max_result_window"] == MAX_RESULT_WINDOW


def test_text_search_is_one_fuzzy_multi_match_boosting_the_title():
    body = search_body(SearchRequest(text="batik tuliss Bojonegoro"))

    fuzzy, prefix = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    match = fuzzy["multi_match"]
    assert match["query"] == "batik tuliss Bojonegoro"
    assert match["fuzziness"] == "AUTO"
    assert match["operator"] == "and"
    assert "title^4" in match["fields"] and "title.id^3" in match["fields"]
    assert "all_text.en" in match["fields"] and "description.id" in match["fields"]
    # the word being typed matches as a prefix, on the fields as written
    assert prefix["multi_match"]["type"] == "bool_prefix"
    assert prefix["multi_match"]["query"] == "batik tuliss Bojonegoro"
    assert prefix["multi_match"]["operator"] == "and"
    assert "title^4" in prefix["multi_match"]["fields"]
    assert body["sort"][0] == "_score"
    assert "post_filter" not in body
    assert (body["from"], body["size"], body["track_total_hits"]) == (0, 24, True)


def test_browsing_without_text_matches_all_newest_first():
    body = search_body(SearchRequest(filters={"region": ("kabupaten-bojonegoro",)}))

    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"published_at": {"order": "desc", "missing": "_last"}},
                            {"pk": {"order": "desc"}}]
    assert body["post_filter"] == {"bool": {"filter": [
        {"terms": {"region": ["kabupaten-bojonegoro"]}}]}}


def test_selected_facets_filter_hits_and_each_facets_counts_ignore_its_own_selection():
    request = SearchRequest(
        text="kain",
        filters={"craft": ("7", "3"), "technique": ("tulis",), "price": ("0-250000", "bogus")},
        sort="price-asc", page=3, per_page=12,
    )
    body = search_body(request)

    craft = {"terms": {"craft": ["3", "7"]}}
    technique = {"terms": {"technique": ["tulis"]}}
    price = {"bool": {"should": [{"range": {"price": {"gte": 0.0, "lt": 250000.0}}}],
                      "minimum_should_match": 1}}
    assert body["post_filter"] == {"bool": {"filter": [craft, technique, price]}}
    aggs = body["aggs"]
    assert list(aggs) == list(FACETS)
    assert aggs["craft"]["filter"] == {"bool": {"filter": [technique, price]}}
    assert aggs["technique"]["filter"] == {"bool": {"filter": [craft, price]}}
    assert aggs["price"]["filter"] == {"bool": {"filter": [craft, technique]}}
    assert aggs["region"]["filter"] == {"bool": {"filter": [craft, technique, price]}}
    assert aggs["craft"]["aggs"]["values"]["terms"]["field"] == "craft"
    ranges = aggs["price"]["aggs"]["values"]["range"]["ranges"]
    assert ranges[0] == {"key": "0-250000", "from": 0.0, "to": 250000.0}
    assert ranges[-1] == {"key": "2500000-", "from": 2500000.0}
    assert body["sort"] == [{"price": {"order": "asc", "missing": "_last"}}, {"pk": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (24, 12)


def test_without_a_selection_facet_counts_cover_every_hit():
    body = search_body(SearchRequest(text="tenun"))
    assert all(agg["filter"] == {"match_all": {}} for agg in body["aggs"].values())


def test_price_descending_sort():
    body = search_body(SearchRequest(sort="price-desc"))
    assert body["sort"][0] == {"price": {"order": "desc", "missing": "_last"}}


@pytest.mark.parametrize("text", [
    'kain" OR 1=1; DROP TABLE catalogue_product; --',
    "title:batik AND (price:[0 TO *] OR region:*)~2^3 \\/{}[]!?:&&",
    "<script>alert(1)</script>",
])
def test_special_characters_are_plain_text_in_multi_match(text):
    body = search_body(SearchRequest(text=text))

    assert [clause["multi_match"]["query"] for clause in body["query"]["bool"]["should"]] == [
        text, text]
    serialized = json.dumps(body)
    assert "query_string" not in serialized and "simple_query_string" not in serialized


def test_five_hundred_characters_of_junk_are_cut_to_a_few_words():
    junk = ("x7$ qwpz^ " * 60)[:500]
    body = search_body(SearchRequest(text=junk))

    sent = body["query"]["bool"]["should"][0]["multi_match"]["query"]
    assert len(sent.split()) == MAX_QUERY_WORDS
    assert junk.startswith(sent)
    assert "query_string" not in json.dumps(body)


def test_pages_beyond_the_result_window_are_out_of_reach():
    assert page_in_reach(SearchRequest(page=416, per_page=24))  # 9,960 + 24 <= 10,000
    assert not page_in_reach(SearchRequest(page=417, per_page=24))
    assert search_body(SearchRequest(page=0))["from"] == 0


def test_the_browse_pages_craft_narrows_hits_and_every_facets_counts():
    """?craft=<product class slug> is not a facet: it filters the hits and all counts."""
    body = search_body(SearchRequest(filters={"product_class": ("batik",)}))
    narrowing = {"terms": {"product_class": ["batik"]}}
    assert body["post_filter"] == {"bool": {"filter": [narrowing]}}
    assert all(agg["filter"] == {"bool": {"filter": [narrowing]}}
               for agg in body["aggs"].values())


def test_documents_carry_their_product_class(index_body):
    assert index_body["mappings"]["properties"]["product_class"] == {"type": "keyword"}
