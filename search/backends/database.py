"""The database backend: full-text search in the database itself (SQLite FTS5 or PostgreSQL).

Rows of search.models.ProductDocument exist only for public products and are written
in the transaction that changes a product, so this backend is current at once.

Text is never handed to a query language as typed: it is cut into words (letters
and digits), at most MAX_TERMS of them, and every word becomes a quoted term; every
word must match, the last one as a prefix (the buyer may still be typing). A word
that is in no indexed product is corrected to the closest indexed word: on SQLite
from the FTS5 vocabulary (fts5vocab + difflib), on PostgreSQL from the vocabulary
table search_word (pg_trgm similarity).

A search costs the same number of queries at any catalogue size. On SQLite: the
count, one page of ids, one GROUP BY per facet, the category names, and at most one
vocabulary query per word plus one for the words it corrects. On PostgreSQL: one
for the words, one for every count at once (search.backends.postgres_facets), one
page of ids and the category names.
"""
import difflib
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    BooleanField, Case, Count, F, IntegerField, Q, QuerySet, Value, When,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext

from catalogue.models import Product, Region
from catalogue.selectors import artisans_public, categories_public, products_public
from search.backends.documents import (
    FTS_TABLE, combinations_clear, documents_write, full_text_clear, product_ids_to_index,
)
from search.engine import (
    ATTRIBUTE_FACETS, FACETS, PRICE_RANGES, PRODUCT_CLASS_FILTER, FacetValue, SearchRequest,
    SearchResult, Suggestions,
)
from search.labels import price_range_label
from search.backends.postgres_facets import ORDERS, FacetCounts, PageWanted, facet_counts
from search.models import (
    FacetCombination, ProductDocument, ProductDocumentCategory, ProductDocumentText,
)

MAX_TERMS = 10
#: The SQLite spelling step: how alike a word must be to the indexed word it becomes.
SPELLING_CUTOFF = 0.75
#: Weights of the FTS5 columns (title, body, artisan, region) in bm25.
BM25_WEIGHTS = (10.0, 1.0, 4.0, 4.0)
#: Products indexed per bulk write in a rebuild.
REBUILD_CHUNK = 500



def words(text: str) -> list[str]:
    """The words of `text`, lower case and without accents, as the indexes see them."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[^\W_]+", stripped)[:MAX_TERMS]


class DatabaseBackend:
    name = "database"

    # --- searching ------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        if connection.vendor == "postgresql":
            return self._search_postgres(request)
        matched, rank = self._matching(request.text)
        if rank is not None:
            # The text is matched once: the count and the facets read the ids it found.
            matched_ids = list(matched.values_list("pk", flat=True))
            matched = ProductDocument.objects.filter(pk__in=matched_ids)
        # What the page fixes narrows the rows before anything is counted.
        matched = _filtered(matched, {facet: keys for facet, keys in request.filters.items()
                                      if facet in request.fixed})
        results = _filtered(matched, request.filters)
        total = results.count()
        start = max(request.page - 1, 0) * request.per_page
        ordered = _ordered(results, sort=request.effective_sort, rank=rank)
        product_ids = list(ordered.values_list("pk", flat=True)[start:start + request.per_page])
        return SearchResult(
            product_ids=product_ids, total=total, facets=_facets(matched, request.filters),
            backend=self.name,
        )

    def _search_postgres(self, request: SearchRequest) -> SearchResult:
        """With text: one statement over ProductDocumentText (the words with a copy of the
        facet columns) for every count and the page. Without: the counts from the facet
        combinations (FacetCombination), then the page from the documents' indexes."""
        start = max(request.page - 1, 0) * request.per_page
        if request.text.strip():
            lexemes = _postgres_lexemes(words(request.text))
            matched = ProductDocumentText.objects.all()
            matched = matched.filter(search_vector=_every(lexemes)) if lexemes else matched.none()
            matched, conditions = _narrowed(matched, request)
            # Finding the text is the costly part: found once, for the counts and the page.
            sort = request.effective_sort
            counted = facet_counts(
                matched, conditions,
                rank=(postgres_rank(lexemes, vector="search_vector")
                      if sort == "relevance" and lexemes else None),
                page=PageWanted(order=ORDERS[sort], offset=start, limit=request.per_page))
            product_ids = counted.product_ids
        else:
            combinations, conditions = _narrowed(
                FacetCombination.objects.filter(documents__gt=0), request, combinations=True)
            counted = facet_counts(combinations, conditions)
            documents, conditions = _narrowed(ProductDocument.objects.all(), request)
            # Without text the indexes of each order find the page at once.
            ordered = _ordered(documents.filter(*conditions.values()),
                               sort=request.effective_sort, rank=None)
            product_ids = list(
                ordered.values_list("pk", flat=True)[start:start + request.per_page])
        return SearchResult(
            product_ids=product_ids, total=counted.total,
            facets=_facet_values(counted, request.filters), backend=self.name,
        )

    def _matching(self, text: str):
        """(documents matching `text`, their rank: higher is better); every document for no text."""
        documents = ProductDocument.objects.all()
        if not text.strip():
            return documents, None
        terms = words(text)
        if not terms:
            return documents.none(), None
        if connection.vendor == "sqlite":
            return _fts5_matching(documents, _corrected(terms))
        if connection.vendor == "postgresql":
            return _postgres_matching(documents, terms)
        raise NotImplementedError(f"No full-text search for {connection.vendor}")

    # --- suggestions ----------------------------------------------------------------

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        text = text.strip()[:100]
        if len(text) < 2:
            return Suggestions()
        matched, rank = self._matching(text)
        ordered = _ordered(matched, sort="relevance", rank=rank)
        products = [
            {"title": title, "url": Product(pk=pk, slug=slug).get_absolute_url()}
            for pk, title, slug in ordered.values_list("pk", "title", "product__slug")[:limit]
        ]
        needle = text.lower()
        crafts = [
            {"name": gettext(category.name), "url": category.get_absolute_url()}
            for category in categories_public().order_by("path")
            if needle in gettext(category.name).lower() or needle in category.name.lower()
        ][:limit]
        regions = [
            {"name": region.display_name, "url": region.get_absolute_url()}
            for region in Region.objects.filter(name__icontains=text)[:limit]
        ]
        artisans = [
            {"name": artisan.name, "url": artisan.get_absolute_url()}
            for artisan in artisans_public().filter(name__icontains=text)[:limit]
        ]
        return Suggestions(products=products, crafts=crafts, regions=regions, artisans=artisans)

    # --- upkeep ---------------------------------------------------------------------

    def products_index(self, product_ids: list[int]) -> None:
        documents_write(product_ids_to_index(product_ids))

    def rebuild(self, *, progress=None) -> int:
        ProductDocument.objects.all().delete()
        full_text_clear()
        combinations_clear()
        # Written craft by craft, a craft's rows share pages: a search for "batik" then
        # reads a quarter of the table instead of every page of it (at 100,000 products,
        # the most of a broad search's time). Rows written later go at the end until
        # the next rebuild.
        ids = list(products_public().order_by("product_class_id", "pk")
                   .values_list("pk", flat=True))
        indexed = 0
        for start in range(0, len(ids), REBUILD_CHUNK):
            indexed += documents_write(ids[start:start + REBUILD_CHUNK])
            if progress is not None:
                progress(min(start + REBUILD_CHUNK, len(ids)), len(ids))
        return indexed


# --- full text per vendor -----------------------------------------------------------

def _fts5_matching(documents: QuerySet, terms: list[str]):
    expression = " ".join(f'"{term}"' for term in terms) + "*"
    matching_ids = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                          [expression])
    weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
    # bm25() is lower for better matches: negated, so that higher is better everywhere.
    rank = RawSQL(
        f"(SELECT -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid = search_productdocument.product_id)",
        [expression],
    )
    return documents.filter(pk__in=matching_ids), rank


def _corrected(terms: list[str]) -> list[str]:
    """`terms` with each word no indexed product holds replaced by the closest one that is."""
    vocabulary = f"{FTS_TABLE}_vocab"
    *whole, last = terms
    with connection.cursor() as cursor:
        known = set()
        if whole:
            cursor.execute(
                f"SELECT term FROM {vocabulary} WHERE term IN ({', '.join(['%s'] * len(whole))})",
                whole,
            )
            known = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT 1 FROM {vocabulary} WHERE term GLOB %s LIMIT 1", [last + "*"])
        if cursor.fetchone():
            known.add(last)
        corrected = []
        for term in terms:
            if term in known or len(term) < 3:
                corrected.append(term)
                continue
            # Typos seldom hit the first letter: the candidates share it, and a length near.
            cursor.execute(
                f"SELECT term FROM {vocabulary} WHERE term >= %s AND term < %s "
                "AND length(term) BETWEEN %s AND %s",
                [term[0], term[0] + "\U0010ffff", len(term) - 2, len(term) + 2],
            )
            candidates = [row[0] for row in cursor.fetchall()]
            closest = difflib.get_close_matches(term, candidates, n=1, cutoff=SPELLING_CUTOFF)
            corrected.append(closest[0] if closest else term)
    return corrected


def _postgres_matching(documents: QuerySet, terms: list[str]):
    """Every word in the document's weighted words (search.models.ProductDocumentText).

    Each word is a quoted lexeme of letters and digits only, so to_tsquery cannot
    fail on what a buyer types; the last one is a prefix. A word no document holds
    (a typo) is first replaced by the most alike word of the vocabulary
    (search_word, pg_trgm similarity), as SQLite's spelling step does: comparing a
    few thousand words costs a millisecond, where comparing the word with every
    title costs more than the whole search may take at 100,000 products.
    """
    lexemes = _postgres_lexemes(terms)
    if lexemes is None:
        return documents.none(), None
    documents = documents.filter(pk__in=ProductDocumentText.objects.filter(
        search_vector=_every(lexemes)).values("document_id"))
    return documents, postgres_rank(lexemes, vector="text__search_vector")


def _postgres_lexemes(terms: list[str]) -> list[str] | None:
    """Every word (corrected) as a quoted lexeme, the last one a prefix; None when nothing
    can match."""
    corrected = _postgres_corrected(terms) if terms else None
    if corrected is None:
        return None
    lexemes = [f"'{term}'" for term in corrected]
    lexemes[-1] += ":*"
    return lexemes


def _every(lexemes: list[str], weights: str = "") -> SearchQuery:
    """All of `lexemes`, found among the words of `weights` (e.g. "A": the title) or any."""
    if weights:
        lexemes = [lexeme + (weights if lexeme.endswith(":*") else f":{weights}")
                   for lexeme in lexemes]
    return SearchQuery(" & ".join(lexemes), search_type="raw", config="simple")


def postgres_rank(lexemes: list[str], *, vector: str) -> Case:
    """Relevance on PostgreSQL: 3 when every word is in the title, 2 when every word is in
    the title, artisan, region or craft, else 1; newest first among equals (the page's
    order). Three index-free tests of the row's own words: ts_rank over the 15,000 rows
    that "batik tulis" matches at 100,000 products took longer than the whole search."""
    return Case(
        When(Q(**{vector: _every(lexemes, "A")}), then=Value(3)),
        When(Q(**{vector: _every(lexemes, "AB")}), then=Value(2)),
        default=Value(1), output_field=IntegerField(),
    )


def _postgres_corrected(terms: list[str]) -> list[str] | None:
    """`terms` with each word no document holds replaced by the closest one that is;
    None when a word has nothing close (then nothing can match). One query."""
    prefix = [False] * (len(terms) - 1) + [True]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.term, "
            # The last word may be unfinished: any word starting with it will do.
            "  (NOT t.prefix AND EXISTS (SELECT 1 FROM search_word w WHERE w.word = t.term))"
            "  OR (t.prefix AND EXISTS (SELECT 1 FROM search_word w "
            "      WHERE w.word >= t.term AND w.word < t.term || chr(1114111))), "
            "  CASE WHEN length(t.term) >= 3 THEN (SELECT w.word FROM search_word w "
            "      WHERE w.word %% t.term ORDER BY similarity(w.word, t.term) DESC, w.word "
            "      LIMIT 1) END "
            "FROM unnest(%s::text[], %s::boolean[]) WITH ORDINALITY AS t(term, prefix, n) "
            "ORDER BY t.n",
            [terms, prefix],
        )
        rows = cursor.fetchall()
    corrected = []
    for term, known, closest in rows:
        if known or len(term) < 3:
            corrected.append(term)
        elif closest:
            corrected.append(closest)
        else:
            return None
    return corrected


# --- filters, order and facets --------------------------------------------------------

def _narrowed(rows: QuerySet, request: SearchRequest, *, combinations: bool = False):
    """(`rows` narrowed to what the page fixes, the buyer's selections: facet -> condition)."""
    conditions = {}
    for facet in (PRODUCT_CLASS_FILTER, *FACETS):
        keys = tuple(request.filters.get(facet, ()))
        condition = (_combination_filter(facet, keys) if combinations
                     else _facet_filter(facet, keys))
        if condition is None:
            continue
        if facet == PRODUCT_CLASS_FILTER or facet in request.fixed:
            # What the page fixes narrows the rows before anything is counted.
            rows = rows.filter(condition)
        else:
            conditions[facet] = condition
    return rows, conditions


def _combination_filter(facet: str, keys: tuple[str, ...]) -> Q | None:
    """_facet_filter over FacetCombination, whose rows have a price range and category ids."""
    keys = tuple(str(key) for key in keys if str(key))
    if not keys:
        return None
    if facet == "craft":
        category_ids = [int(key) for key in keys if key.isdigit()]
        return Q(RawSQL('"search_facetcombination"."category_ids" && %s::integer[]',
                        (category_ids,), output_field=BooleanField()))
    if facet == "price":
        return Q(price_bucket__in=[index for index, (key, _low, _high)
                                   in enumerate(PRICE_RANGES) if key in keys])
    return _facet_filter(facet, keys)


def _facet_filter(facet: str, keys: tuple[str, ...]) -> Q | None:
    keys = tuple(str(key) for key in keys if str(key))
    if not keys:
        return None
    if facet == "craft":
        category_ids = [int(key) for key in keys if key.isdigit()]
        # IN (subquery) rather than EXISTS: PostgreSQL hashes it once, also where it is
        # a column of its own (postgres_facets), instead of probing per row.
        return Q(pk__in=ProductDocumentCategory.objects.filter(
            category_id__in=category_ids).values("document_id"))
    if facet == "price":
        condition = Q(pk__in=[])
        for key, low, high in PRICE_RANGES:
            if key in keys:
                condition |= Q(price__gte=low) & (Q(price__lt=high) if high is not None else Q())
        return condition
    if facet in ("region", "artisan", PRODUCT_CLASS_FILTER):
        return Q(**{f"{facet}__in": keys})
    if facet in ATTRIBUTE_FACETS:
        return Q(**{f"{facet}__in": [key.lower() for key in keys]})
    return None  # an unknown facet narrows nothing


def _filtered(documents: QuerySet, filters: dict, *, leave_out: str = "") -> QuerySet:
    for facet, keys in filters.items():
        if facet == leave_out:
            continue
        condition = _facet_filter(facet, tuple(keys))
        if condition is not None:
            documents = documents.filter(condition)
    return documents


def _ordered(documents: QuerySet, *, sort: str, rank) -> QuerySet:
    if sort == "price-asc":
        return documents.order_by(F("price").asc(nulls_last=True), "-pk")
    if sort == "price-desc":
        return documents.order_by(F("price").desc(nulls_last=True), "-pk")
    # The row's published_at is written with it whenever the product is published
    # (search.indexing), and search_doc_newest_idx serves this order.
    newest = (F("published_at").desc(nulls_last=True), "-pk")
    if sort == "relevance" and rank is not None:
        return documents.annotate(relevance=rank).order_by(F("relevance").desc(), *newest)
    return documents.order_by(*newest)


def _facets(matched: QuerySet, filters: dict) -> dict[str, list[FacetValue]]:
    """Every facet's values with counts; a facet's counts ignore its own selection."""
    selected = {facet: {str(key) for key in filters.get(facet, ())} for facet in FACETS}
    facets = {}
    for facet in FACETS:
        documents = _filtered(matched, filters, leave_out=facet).order_by()
        if facet == "craft":
            facets[facet] = _craft_facet(documents, selected[facet])
        elif facet == "price":
            facets[facet] = _price_facet(documents, selected[facet])
        else:
            facets[facet] = _column_facet(documents, facet, selected[facet])
    return facets


def _facet_values(counted: FacetCounts, filters: dict) -> dict[str, list[FacetValue]]:
    """FacetCounts as the page shows them, in the order of _facets."""
    selected = {facet: {str(key) for key in filters.get(facet, ())} for facet in FACETS}
    facets = {}
    for facet in FACETS:
        counts = counted.counts[facet]
        if facet == "craft":
            wanted = set(counts) | {int(key) for key in selected[facet] if key.isdigit()}
            named = (categories_public().filter(pk__in=wanted).order_by("path")
                     .values_list("pk", "name"))
            facets[facet] = [
                FacetValue(key=str(pk), label=gettext(name), count=counts.get(pk, 0),
                           selected=str(pk) in selected[facet])
                for pk, name in named
            ]
        elif facet == "price":
            facets[facet] = [
                FacetValue(key=key, label=price_range_label(key), count=counts.get(index, (0, 0))[1],
                           selected=key in selected[facet])
                for index, (key, _low, _high) in enumerate(PRICE_RANGES)
                if index in counts or key in selected[facet]
            ]
        else:
            values = sorted(
                (FacetValue(key=key, label=label, count=count, selected=key in selected[facet])
                 for key, (label, count) in counts.items()),
                key=lambda value: (-value.count, value.label),
            )
            facets[facet] = _with_missing_selected(values, selected[facet])
    return facets


def _column_facet(documents: QuerySet, facet: str, selected: set[str]) -> list[FacetValue]:
    label_column = {"region": "region_name", "artisan": "artisan_name"}.get(facet, facet)
    rows = (
        documents.exclude(**{facet: ""}).values(facet, label_column)
        .annotate(count=Count("pk")).order_by("-count", label_column)
    )
    values = [
        FacetValue(key=row[facet], label=row[label_column], count=row["count"],
                   selected=row[facet] in selected)
        for row in rows
    ]
    return _with_missing_selected(values, selected)


def _price_facet(documents: QuerySet, selected: set[str]) -> list[FacetValue]:
    counts = documents.aggregate(**{
        f"range_{index}": Count("pk", filter=_facet_filter("price", (key,)))
        for index, (key, _low, _high) in enumerate(PRICE_RANGES)
    })
    return [
        FacetValue(key=key, label=price_range_label(key), count=counts[f"range_{index}"],
                   selected=key in selected)
        for index, (key, _low, _high) in enumerate(PRICE_RANGES)
        if counts[f"range_{index}"] or key in selected
    ]


def _craft_facet(documents: QuerySet, selected: set[str]) -> list[FacetValue]:
    counts = dict(
        ProductDocumentCategory.objects.filter(document__in=documents.values("pk"))
        .values("category_id").annotate(count=Count("document_id"))
        .values_list("category_id", "count")
    )
    wanted = set(counts) | {int(key) for key in selected if key.isdigit()}
    categories = categories_public().filter(pk__in=wanted).order_by("path")
    return [
        FacetValue(key=str(category.pk), label=gettext(category.name),
                   count=counts.get(category.pk, 0), selected=str(category.pk) in selected)
        for category in categories
    ]


def _with_missing_selected(values: list[FacetValue], selected: set[str]) -> list[FacetValue]:
    """Selected keys nothing matches any more stay listed (count 0), so they can be unticked."""
    present = {value.key for value in values}
    return values + [FacetValue(key=key, label=key, count=0, selected=True)
                     for key in sorted(selected - present)]
