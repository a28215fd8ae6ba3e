"""The Elasticsearch search backend (SEARCH_BACKEND=elasticsearch), with elasticsearch-dsl 8.

One document per public product (catalogue.selectors.products_public()), in an
index reached through the alias settings.ELASTICSEARCH_INDEX. A rebuild fills a
new index "<alias>-<timestamp>" and moves the alias to it in one call, so search
keeps answering from the old index meanwhile.

Text is indexed three ways: as written (standard analyzer), in Indonesian and in
English (the built-in "indonesian" and "english" analyzers). At search time the
Indonesian and English sub-fields add the craft synonyms of search/synonyms.py
(tenun = woven ...), and the query is fuzzy for typos. Buyers' text is only ever
passed to multi_match, never to query_string, so no character of it is syntax.

The storefront connection has a short timeout and no retries: when Elasticsearch
is slow the caller (search.backends.FallbackBackend) answers from the database.
Indexing (Celery tasks, the reindex command) uses a patient connection.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    ScaledFloat,
    Text,
    analyzer,
    token_filter,
)

from search.engine import (
    ATTRIBUTE_FACETS,
    FACETS,
    PRICE_RANGES,
    PRODUCT_CLASS_FILTER,
    FacetValue,
    SearchRequest,
    SearchResult,
    Suggestions,
)
from search.labels import price_range_label
from search.synonyms import CRAFT_SYNONYMS

logger = logging.getLogger(__name__)

#: Elasticsearch refuses from + size beyond this (index.max_result_window).
MAX_RESULT_WINDOW = 10_000
#: Products sent per _bulk request.
BULK_CHUNK_SIZE = 500
#: A buyer's text is cut to this many words and characters before it is sent:
#: a pasted paragraph would otherwise become thousands of fuzzy clauses.
MAX_QUERY_WORDS = 10
MAX_QUERY_CHARS = 200
#: Suggestions start from this many characters typed.
MIN_SUGGEST_CHARS = 2
#: Seconds and retries of the indexing connection (tasks and the reindex command).
INDEXING_TIMEOUT = 30.0
INDEXING_RETRIES = 3

# --- Mapping --------------------------------------------------------------------

craft_synonyms = token_filter(
    "craft_synonyms", type="synonym_graph", synonyms=list(CRAFT_SYNONYMS), lenient=False
)
# The built-in "indonesian" and "english" analyzers index; these rebuild them (as
# Elasticsearch documents them) with the synonyms added, for the search side only.
indonesian_search = analyzer(
    "indonesian_search",
    tokenizer="standard",
    filter=[
        "lowercase",
        craft_synonyms,
        token_filter("indonesian_stop", type="stop", stopwords="_indonesian_"),
        token_filter("indonesian_stemmer", type="stemmer", language="indonesian"),
    ],
)
english_search = analyzer(
    "english_search",
    tokenizer="standard",
    filter=[
        token_filter("english_possessive_stemmer", type="stemmer", language="possessive_english"),
        "lowercase",
        craft_synonyms,
        token_filter("english_stop", type="stop", stopwords="_english_"),
        token_filter("english_stemmer", type="stemmer", language="english"),
    ],
)


def bilingual_text(**kwargs) -> Text:
    """A text field with Indonesian (.id) and English (.en) sub-fields."""
    return Text(
        fields={
            "id": Text(analyzer="indonesian", search_analyzer=indonesian_search),
            "en": Text(analyzer="english", search_analyzer=english_search),
        },
        **kwargs,
    )


class ProductDocument(Document):
    """What the index holds of one public product."""

    pk = Integer()
    title = bilingual_text(copy_to="all_text")
    description = bilingual_text(copy_to="all_text")
    artisan_name = bilingual_text(copy_to="all_text")
    region_name = bilingual_text(copy_to="all_text")
    craft_name = bilingual_text(copy_to="all_text")
    attribute_text = bilingual_text(copy_to="all_text")
    # Every word of the product in one field, so that "batik tulis Bojonegoro"
    # may match title, technique and region words together.
    all_text = bilingual_text()

    # Facets: exact keys.
    craft = Keyword(multi=True)  # category ids, with every ancestor's
    product_class = Keyword()  # the craft's product class slug (browse ?craft=<slug>)
    region = Keyword()
    artisan = Keyword()
    technique = Keyword(multi=True)
    material = Keyword(multi=True)
    dye = Keyword(multi=True)
    price = ScaledFloat(scaling_factor=100)  # rupiah; the cheapest public variant's
    published_at = Date()

    # Suggestions while typing: one completion field per kind of answer.
    suggest_title = Completion(analyzer="simple")
    suggest_craft = Completion(analyzer="simple")
    suggest_region = Completion(analyzer="simple")
    suggest_artisan = Completion(analyzer="simple")

    # The names and slugs a suggestion links to.
    craft_names = Keyword(multi=True, index=False)
    region_slug_name = Keyword(index=False)
    artisan_slug_name = Keyword(index=False)
    url = Keyword(index=False)


def product_index(name: str) -> Index:
    """The index `name` with the products' settings, analyzers and mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
    index.document(ProductDocument)
    return index


# --- Queries --------------------------------------------------------------------

TEXT_FIELDS = (
    "title^4", "title.id^3", "title.en^3",
    "craft_name^2", "craft_name.id^2", "craft_name.en^2",
    "artisan_name^2", "region_name^2",
    "attribute_text.id", "attribute_text.en",
    "description.id", "description.en",
    "all_text", "all_text.id", "all_text.en",
)
#: The fields as written (standard analyzer, no synonyms), where the last word
#: the buyer is still typing matches as a prefix ("selend" -> "Selendang").
PREFIX_FIELDS = ("title^4", "craft_name^2", "artisan_name^2", "region_name^2", "all_text")
#: How many values a facet shows at most.
FACET_SIZES = {"craft": 200, "region": 100, "artisan": 100}
DEFAULT_FACET_SIZE = 50


def query_text(text: str) -> str:
    """The part of a buyer's text that is searched: at most MAX_QUERY_WORDS words."""
    return " ".join(text.split()[:MAX_QUERY_WORDS])[:MAX_QUERY_CHARS]


def price_range_clause(key: str) -> dict | None:
    for range_key, low, high in PRICE_RANGES:
        if range_key == key:
            bounds = {"gte": float(low)}
            if high is not None:
                bounds["lt"] = float(high)
            return {"range": {"price": bounds}}
    return None


def facet_clause(facet: str, keys: Iterable[str]) -> dict | None:
    """The filter of one facet's selected keys (OR-ed), or None when nothing valid is selected."""
    keys = [str(key) for key in keys if str(key)]
    if not keys:
        return None
    if facet == "price":
        ranges = [clause for clause in map(price_range_clause, keys) if clause]
        return {"bool": {"should": ranges, "minimum_should_match": 1}} if ranges else None
    return {"terms": {facet: sorted(set(keys))}}


def filter_clauses(request: SearchRequest, *, leave_out: str = "") -> list[dict]:
    clauses = []
    for facet in FACETS:
        if facet == leave_out:
            continue
        clause = facet_clause(facet, request.filters.get(facet, ()))
        if clause:
            clauses.append(clause)
    # Not a facet: the browse page's ?craft=<product class slug> narrows every count.
    clause = facet_clause(PRODUCT_CLASS_FILTER, request.filters.get(PRODUCT_CLASS_FILTER, ()))
    if clause:
        clauses.append(clause)
    return clauses


def facet_aggregation(facet: str) -> dict:
    if facet == "price":
        ranges = []
        for key, low, high in PRICE_RANGES:
            bounds = {"key": key, "from": float(low)}
            if high is not None:
                bounds["to"] = float(high)
            ranges.append(bounds)
        return {"range": {"field": "price", "ranges": ranges, "keyed": False}}
    return {"terms": {"field": facet, "size": FACET_SIZES.get(facet, DEFAULT_FACET_SIZE)}}


def sort_clause(sort: str) -> list:
    newest = {"published_at": {"order": "desc", "missing": "_last"}}
    tiebreak = {"pk": {"order": "desc"}}
    if sort == "price-asc":
        return [{"price": {"order": "asc", "missing": "_last"}}, tiebreak]
    if sort == "price-desc":
        return [{"price": {"order": "desc", "missing": "_last"}}, tiebreak]
    if sort == "newest":
        return [newest, tiebreak]
    return ["_score", newest, tiebreak]


def page_offset(request: SearchRequest) -> int:
    return (max(request.page, 1) - 1) * max(request.per_page, 1)


def page_in_reach(request: SearchRequest) -> bool:
    """Whether Elasticsearch can answer this page (from + size within MAX_RESULT_WINDOW)."""
    return page_offset(request) + max(request.per_page, 1) <= MAX_RESULT_WINDOW


def search_body(request: SearchRequest) -> dict:
    """The _search body for `request`.

    The text goes to multi_match queries only (never query_string syntax): every
    word must match, fuzzily for typos, or with the last word as a prefix. Selected
    facets filter the hits through post_filter, and each facet's counts are a
    filter aggregation of the other facets' selections, so a facet's counts
    ignore its own selection.
    """
    text = query_text(request.text)
    if text:
        query = {"bool": {"should": [
            {"multi_match": {
                "query": text,
                "fields": list(TEXT_FIELDS),
                "type": "best_fields",
                "operator": "and",
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "max_expansions": 20,
            }},
            {"multi_match": {
                "query": text,
                "fields": list(PREFIX_FIELDS),
                "type": "bool_prefix",
                "operator": "and",
            }},
        ], "minimum_should_match": 1}}
    else:
        query = {"match_all": {}}
    aggregations = {}
    for facet in FACETS:
        others = filter_clauses(request, leave_out=facet)
        aggregations[facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": facet_aggregation(facet)},
        }
    body = {
        "query": query,
        "aggs": aggregations,
        "sort": sort_clause(request.effective_sort),
        "from": page_offset(request),
        "size": max(request.per_page, 1),
        "track_total_hits": True,
        "_source": False,
    }
    selected = filter_clauses(request)
    if selected:
        body["post_filter"] = {"bool": {"filter": selected}}
    return body


def suggest_body(text: str, *, limit: int) -> dict:
    """One completion suggester per kind of answer; crafts, regions and artisans shared
    by many products are answered once each (skip_duplicates)."""
    prefix = query_text(text)
    body = {"size": 0, "_source": ["title", "url", "region_slug_name", "artisan_slug_name"],
            "suggest": {}}
    for kind in ("title", "craft", "region", "artisan"):
        body["suggest"][kind] = {
            "prefix": prefix,
            "completion": {
                "field": f"suggest_{kind}",
                "size": limit,
                "skip_duplicates": kind != "title",
                "fuzzy": {"fuzziness": "AUTO", "prefix_length": 1},
            },
        }
    return body


def word_suffixes(text: str) -> list[str]:
    """"Tas Anyaman Pandan" -> itself, "Anyaman Pandan", "Pandan": completion matches
    from the start of an input, and a buyer may type any word of a title first."""
    words = text.split()
    return [" ".join(words[i:]) for i in range(len(words))]


# --- Documents --------------------------------------------------------------------


#: The craft attribute codes whose option values are facets.
ATTRIBUTE_CODES = frozenset(code for codes in ATTRIBUTE_FACETS.values() for code in codes)


def public_products_for_index():
    """Public products with everything their document needs loaded up front."""
    from catalogue.models import Product, ProductAttributeValue
    from catalogue.selectors import products_public

    return products_public().select_related("artisan__region", "product_class").prefetch_related(
        "categories",
        "stockrecords",
        Prefetch(
            "children",
            queryset=Product.objects.public().prefetch_related("stockrecords"),
            to_attr="_indexed_children",
        ),
        Prefetch(
            "attribute_values",
            queryset=ProductAttributeValue.objects.select_related(
                "attribute", "value_option"
            ).prefetch_related("value_multi_option"),
            to_attr="_indexed_attribute_values",
        ),
    ).order_by("pk")


def products_changed_since(moment) -> list[int]:
    """Ids of products (parents, not variants) whose curation, content, price or stock
    changed at or after `moment`."""
    from catalogue.models import Product

    changed = (
        Q(date_updated__gte=moment) | Q(stockrecords__date_updated__gte=moment)
        | Q(children__date_updated__gte=moment)
        | Q(children__stockrecords__date_updated__gte=moment)
    )
    return list(Product.objects.filter(changed, parent=None).values_list("pk", flat=True)
                .distinct())


class CategoryTree:
    """Every category by path, to give a product its categories' ancestors in memory."""

    def __init__(self) -> None:
        from catalogue.models import Category

        self.by_path = {
            path: (pk, name) for pk, path, name in Category.objects.values_list("pk", "path", "name")
        }

    def with_ancestors(self, categories) -> tuple[list[str], list[str]]:
        """(ids, names) of `categories` and all their ancestors."""
        from catalogue.crafts import PATH_STEP_LENGTH

        ids, names = {}, {}
        for category in categories:
            for end in range(PATH_STEP_LENGTH, len(category.path) + 1, PATH_STEP_LENGTH):
                found = self.by_path.get(category.path[:end])
                if found:
                    ids[str(found[0])] = True
                    names[found[1]] = True
        return list(ids), list(names)


def lowest_price(product) -> Decimal | None:
    records = list(product.stockrecords.all())
    for child in getattr(product, "_indexed_children", ()):
        records.extend(child.stockrecords.all())
    prices = [record.price for record in records if record.price is not None]
    return min(prices) if prices else None


def product_document(product, *, tree: CategoryTree) -> dict:
    """The indexed source of one public product."""
    facet_values: dict[str, list[str]] = {facet: [] for facet in ATTRIBUTE_FACETS}
    attribute_words = []
    for value in getattr(product, "_indexed_attribute_values", ()):
        options = [option.option for option in value.value_multi_option.all()]
        if value.value_option_id:
            options.append(value.value_option.option)
        attribute_words.extend(options)
        if value.value_text:
            attribute_words.append(value.value_text)
        if value.attribute.code not in ATTRIBUTE_CODES:
            continue
        for facet, codes in ATTRIBUTE_FACETS.items():
            if value.attribute.code in codes:
                facet_values[facet].extend(o for o in options if o not in facet_values[facet])
    craft_ids, craft_names = tree.with_ancestors(product.categories.all())
    artisan = product.artisan
    region = artisan.region if artisan else None
    price = lowest_price(product)
    craft_name = product.product_class.name if product.product_class_id else ""
    return {
        "pk": product.pk,
        "title": product.title,
        "description": product.description or "",
        "artisan_name": artisan.name if artisan else "",
        "region_name": region.name if region else "",
        "craft_name": craft_name,
        "attribute_text": " ".join(attribute_words),
        "craft": craft_ids,
        "product_class": product.product_class.slug if product.product_class_id else None,
        "region": region.slug if region else None,
        "artisan": artisan.slug if artisan else None,
        **facet_values,
        "price": float(price) if price is not None else None,
        "published_at": product.published_at.isoformat() if product.published_at else None,
        "suggest_title": {"input": word_suffixes(product.title)},
        "suggest_craft": {"input": [*craft_names, craft_name] if craft_name else craft_names},
        "suggest_region": {"input": [region.name] if region else []},
        "suggest_artisan": {"input": [artisan.name] if artisan else []},
        "craft_names": [*craft_names, craft_name] if craft_name else craft_names,
        "region_slug_name": f"{region.slug}|{region.display_name}" if region else None,
        "artisan_slug_name": f"{artisan.slug}|{artisan.name}" if artisan else None,
        "url": product.get_absolute_url(),
    }


# --- Connections --------------------------------------------------------------------


@lru_cache(maxsize=8)
def _client(url: str, timeout: float, retries: int) -> Elasticsearch:
    return Elasticsearch(
        url, request_timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0
    )


def storefront_client() -> Elasticsearch:
    """The connection of the storefront: short timeout, no retries (the fallback answers)."""
    return _client(settings.ELASTICSEARCH_URL, float(settings.ELASTICSEARCH_TIMEOUT), 0)


def indexing_client() -> Elasticsearch:
    """The connection of tasks and the reindex command: patient, with retries."""
    return _client(settings.ELASTICSEARCH_URL, INDEXING_TIMEOUT, INDEXING_RETRIES)


# --- The backend --------------------------------------------------------------------


def facet_labels(keys: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Labels of facet keys: one query for each of craft, region and artisan.

    Craft labels are public categories only, in the order of the category tree.
    """
    from catalogue.models import Artisan, Region
    from catalogue.selectors import categories_public

    craft_ids = [key for key in keys["craft"] if key.isdigit()]
    region_slugs, artisan_slugs = keys["region"], keys["artisan"]
    return {
        "craft": {
            str(pk): gettext(name)
            for pk, name in categories_public().filter(pk__in=craft_ids).order_by("path")
            .values_list("pk", "name")
        } if craft_ids else {},
        "region": {
            region.slug: region.display_name
            for region in Region.objects.filter(slug__in=region_slugs)
        } if region_slugs else {},
        "artisan": dict(
            Artisan.objects.filter(slug__in=artisan_slugs).values_list("slug", "name")
        ) if artisan_slugs else {},
        "price": {key: price_range_label(key) for key, *_ in PRICE_RANGES},
    }


def parse_facets(response: dict, request: SearchRequest) -> dict[str, list[FacetValue]]:
    """The facets of a _search response, labelled and ordered as the database backend
    does: crafts in tree order, price ranges in their order, other values by count then
    name. A selected value nothing matches stays listed (count 0) so it can be unticked.
    """
    aggregations = response.get("aggregations", {})
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        counts[facet] = {str(b["key"]): int(b["doc_count"]) for b in buckets if b.get("doc_count")}
    selected = {facet: {str(key) for key in request.filters.get(facet, ()) if str(key)}
                for facet in FACETS}
    labels = facet_labels({facet: set(counts[facet]) | selected[facet] for facet in FACETS})
    facets = {}
    for facet in FACETS:
        named, found = labels.get(facet, {}), counts[facet]
        if facet in ("craft", "price"):
            keys = [key for key in named if key in found or key in selected[facet]]
        else:
            keys = sorted(
                (key for key in found if key in named or facet not in ("region", "artisan")),
                key=lambda key: (-found[key], named.get(key, key)),
            )
        keys += sorted(selected[facet] - set(keys))
        facets[facet] = [
            FacetValue(key=key, label=named.get(key, key), count=found.get(key, 0),
                       selected=key in selected[facet])
            for key in keys
        ]
    return facets


def total_hits(response: dict) -> int:
    total = response.get("hits", {}).get("total", 0)
    return int(total["value"] if isinstance(total, dict) else total)


class ElasticsearchBackend:
    """search.engine.SearchBackend answered by Elasticsearch."""

    name = "elasticsearch"

    def __init__(self, *, client: Elasticsearch | None = None,
                 indexing: Elasticsearch | None = None, alias: str | None = None) -> None:
        self._client = client
        self._indexing = indexing
        self.alias = alias or settings.ELASTICSEARCH_INDEX

    @property
    def client(self) -> Elasticsearch:
        return self._client or storefront_client()

    @property
    def indexing(self) -> Elasticsearch:
        return self._indexing or indexing_client()

    # -- Reads (storefront) --

    def search(self, request: SearchRequest) -> SearchResult:
        """One page of matching products with facets.

        Raises elasticsearch.TransportError (ConnectionTimeout, ConnectionError) or
        elasticsearch.ApiError when Elasticsearch is down, slow or refuses.
        A page beyond MAX_RESULT_WINDOW, which Elasticsearch refuses, answers no
        products (with the total and facets) instead of an error.
        """
        body = search_body(request)
        if not page_in_reach(request):
            body.update({"from": 0, "size": 0})
            body.pop("sort")
        response = self.client.search(index=self.alias, body=body).body
        ids = [int(hit["_id"]) for hit in response.get("hits", {}).get("hits", [])]
        return SearchResult(
            product_ids=ids, total=total_hits(response),
            facets=parse_facets(response, request), backend=self.name,
        )

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        """Completions of products, crafts, regions and artisans for what is typed.

        Raises what `search` raises.
        """
        from django.urls import reverse

        if len(query_text(text)) < MIN_SUGGEST_CHARS:
            return Suggestions()
        response = self.client.search(index=self.alias, body=suggest_body(text, limit=limit)).body
        options = {
            kind: entries[0]["options"] if entries else []
            for kind, entries in response.get("suggest", {}).items()
        }
        suggestions = Suggestions()
        seen = set()
        for option in options.get("title", []):
            source = option.get("_source", {})
            if option.get("_id") in seen:
                continue  # one product matched through two words of its title
            seen.add(option.get("_id"))
            suggestions.products.append({"title": source.get("title") or option["text"],
                                         "url": source.get("url", "")})
        for kind, target, url_name in (("region", suggestions.regions, "region-detail"),
                                       ("artisan", suggestions.artisans, "artisan-detail")):
            for option in options.get(kind, []):
                slug_name = option.get("_source", {}).get(f"{kind}_slug_name") or ""
                slug, _, name = slug_name.partition("|")
                if slug:
                    target.append({"name": name or option["text"],
                                   "url": reverse(url_name, kwargs={"slug": slug})})
        suggestions.crafts = self._craft_suggestions([o["text"] for o in options.get("craft", [])])
        return suggestions

    def _craft_suggestions(self, names: list[str]) -> list[dict]:
        from catalogue.selectors import categories_public

        if not names:
            return []
        # A craft's root category carries the craft's name; it is the page to go to.
        by_name = {}
        for category in categories_public().filter(name__in=names).order_by("depth", "path"):
            by_name.setdefault(category.name, category)
        # A name without a public category page has nothing to link to and is left out.
        return [{"name": gettext(name), "url": by_name[name].get_absolute_url()}
                for name in names if name in by_name]

    # -- Writes (tasks, the reindex command) --

    def products_index(self, product_ids: list[int]) -> None:
        """Index the public ones of `product_ids` and remove the others from the index.

        Raises elasticsearch.TransportError / ApiError when Elasticsearch does not
        take them (the Celery task retries), helpers.BulkIndexError when a document
        is refused.
        """
        ids = sorted({int(pk) for pk in product_ids})
        if not ids:
            return
        client = self.indexing
        self.ensure_alias(client)
        tree = CategoryTree()
        public = list(public_products_for_index().filter(pk__in=ids))
        public_ids = {product.pk for product in public}
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": product.pk,
             "_source": product_document(product, tree=tree)}
            for product in public
        ] + [
            {"_op_type": "delete", "_index": self.alias, "_id": pk}
            for pk in ids if pk not in public_ids
        ]
        helpers.bulk(client, actions, chunk_size=BULK_CHUNK_SIZE, ignore_status=(404,),
                     refresh="wait_for")

    def ensure_alias(self, client: Elasticsearch) -> None:
        """Create the first index behind the alias when there is none yet.

        Its name is fixed ("<alias>-initial"), so that two workers doing this at
        once make one index, not two behind the alias.
        """
        if client.indices.exists_alias(name=self.alias):
            return
        name = f"{self.alias}-initial"
        try:
            client.indices.create(index=name, body=product_index(name).to_dict())
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
        client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Fill a new index with every public product, then move the alias to it.

        `progress(done, total)` is called after each chunk. Search keeps answering
        from the old index until the alias moves, in one _aliases call; the old
        indices are deleted afterwards. Products that changed while the new index
        was filled (their index tasks wrote to the old one) are indexed again once
        the alias has moved. A failed rebuild deletes its new index and leaves the
        alias where it was. Raises what products_index raises.
        """
        client = self.indexing
        started = timezone.now()
        name = self.new_index_name()
        body = product_index(name).to_dict()
        # No refreshes and no replicas while loading; both come back before the swap.
        body.setdefault("settings", {}).update({"refresh_interval": "-1", "number_of_replicas": 0})
        client.indices.create(index=name, body=body)
        try:
            count = self._bulk_load(client, name, progress)
            client.indices.put_settings(
                index=name, settings={"refresh_interval": None, "number_of_replicas": None})
            client.indices.refresh(index=name)
            old = self._indices_behind_alias(client)
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            if not old and client.indices.exists(index=self.alias):
                # An index written under the alias's name before any rebuild: replace it.
                actions.append({"remove_index": {"index": self.alias}})
            actions.append({"add": {"index": name, "alias": self.alias}})
            client.indices.update_aliases(actions=actions)
        except BaseException:
            client.indices.delete(index=name, ignore_unavailable=True)
            raise
        if old:
            client.indices.delete(index=",".join(old), ignore_unavailable=True)
        self.products_index(products_changed_since(started))
        logger.info("Search index %s holds %d products; alias %s moved from %s.",
                    name, count, self.alias, ", ".join(old) or "nothing")
        return count

    def _indices_behind_alias(self, client: Elasticsearch) -> list[str]:
        try:
            return sorted(client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _bulk_load(self, client: Elasticsearch, name: str, progress) -> int:
        products = public_products_for_index()
        total = products.count()
        tree = CategoryTree()
        done = 0

        def actions() -> Iterator[dict]:
            for product in products.iterator(chunk_size=BULK_CHUNK_SIZE):
                yield {"_op_type": "index", "_index": name, "_id": product.pk,
                       "_source": product_document(product, tree=tree)}

        for ok, item in helpers.streaming_bulk(client, actions(), chunk_size=BULK_CHUNK_SIZE,
                                               raise_on_error=True):
            done += 1
            if progress and (done % BULK_CHUNK_SIZE == 0 or done == total):
                progress(done, total)
        if progress and done != total:
            progress(done, done)
        return done
