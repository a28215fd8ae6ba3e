"""Building the database backend's index rows (search.models) from the catalogue.

`documents_write(product_ids)` brings the rows of these products up to date in
bulk: the rows of products that are not public are deleted, the others are
rewritten, with a constant number of queries whatever the number of products.
The full-text part follows: the FTS5 table on SQLite, the tsvector on PostgreSQL.
"""
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import connection

from catalogue.crafts import PATH_STEP_LENGTH
from catalogue.models import Category, Product, ProductAttributeValue
from catalogue.selectors import products_public
from partner.models import StockRecord
from search.engine import ATTRIBUTE_FACETS, PRICE_RANGES
from search.models import (
    FacetCombination, ProductDocument, ProductDocumentCategory, ProductDocumentText,
)

FTS_TABLE = "search_productfts"
#: The columns ProductDocumentText copies from ProductDocument (with category_ids).
TEXT_FACET_COLUMNS = ("artisan_name", "region_name", "product_class", "region", "artisan",
                      "technique", "material", "dye", "price", "published_at")


def product_ids_to_index(product_ids) -> list[int]:
    """The ids of the products whose rows hold these products: a variant is its parent's row."""
    pairs = Product.objects.filter(pk__in=list(product_ids)).values_list("pk", "parent_id")
    found = {parent_id or pk for pk, parent_id in pairs}
    # Ids no longer in the catalogue still have their rows removed.
    return sorted(found | {int(pk) for pk in product_ids})


def documents_write(product_ids: list[int]) -> int:
    """Rewrite the rows of `product_ids` (parents, not variants); returns how many are public."""
    product_ids = list(product_ids)
    if not product_ids:
        return 0
    products = list(
        products_public().filter(pk__in=product_ids)
        .select_related("artisan__region", "product_class")
        .prefetch_related("categories")
        .order_by("product_class_id", "pk")  # the rebuild's order (DatabaseBackend.rebuild)
    )
    documents, bodies = _documents(products)
    postgres = connection.vendor == "postgresql"
    before = _combinations_of(product_ids) if postgres else None
    ProductDocument.objects.filter(pk__in=product_ids).delete()
    ProductDocument.objects.bulk_create(documents.values())
    ProductDocumentCategory.objects.bulk_create(_category_rows(products))
    if postgres:
        _combinations_count(before, _combinations_of(product_ids))
    _full_text_write(product_ids, list(documents.values()), bodies)
    return len(documents)


def _documents(products: list[Product]) -> tuple[dict[int, ProductDocument], dict[int, str]]:
    """The rows of `products`, and the text of each that only the full-text part keeps
    (description, attribute values, craft and category names)."""
    ids = [product.pk for product in products]
    attributes = _attribute_values(ids)
    prices = _lowest_prices(ids)
    documents, bodies = {}, {}
    for product in products:
        values = attributes.get(product.pk, {})
        artisan = product.artisan
        region = artisan.region if artisan else None
        craft = product.product_class.name if product.product_class else ""
        bodies[product.pk] = " ".join(filter(None, [
            product.description or "",
            " ".join(value for _code, value in values.get("all", [])),
            craft,
            " ".join(category.name for category in product.categories.all()),
        ]))
        documents[product.pk] = ProductDocument(
            product_id=product.pk, title=product.title or "",
            artisan_name=artisan.name if artisan else "",
            region_name=region.display_name if region else "",
            product_class=product.product_class.slug if product.product_class else "",
            region=region.slug if region else "",
            artisan=artisan.slug if artisan else "",
            technique=values.get("technique", ""), material=values.get("material", ""),
            dye=values.get("dye", ""), price=prices.get(product.pk),
            published_at=product.published_at,
        )
    return documents, bodies


def _attribute_values(product_ids: list[int]) -> dict[int, dict]:
    """product id -> {facet name: value, "all": [(code, value), ...]}."""
    facet_of_code = {code: facet for facet, codes in ATTRIBUTE_FACETS.items() for code in codes}
    rows = (
        ProductAttributeValue.objects.filter(product_id__in=product_ids)
        .select_related("attribute", "value_option")
    )
    values: dict[int, dict] = defaultdict(lambda: {"all": []})
    for row in rows:
        if row.value_option_id is not None:
            value = row.value_option.option
        elif row.value_text:
            value = row.value_text
        else:
            continue
        values[row.product_id]["all"].append((row.attribute.code, value))
        facet = facet_of_code.get(row.attribute.code)
        if facet and not values[row.product_id].get(facet):
            values[row.product_id][facet] = value.strip().lower()[:128]
    return values


def _lowest_prices(product_ids: list[int]) -> dict[int, Decimal]:
    """The lowest price of each product's own stock or of its public variants' stock."""
    prices: dict[int, Decimal] = {}
    own = StockRecord.objects.filter(product_id__in=product_ids, price__isnull=False)
    of_variants = StockRecord.objects.filter(
        product__parent_id__in=product_ids, product__in=Product.objects.public(),
        price__isnull=False,
    )
    for owner, price in [*own.values_list("product_id", "price"),
                         *of_variants.values_list("product__parent_id", "price")]:
        if owner not in prices or price < prices[owner]:
            prices[owner] = price
    return prices


def _category_rows(products: list[Product]) -> list[ProductDocumentCategory]:
    """Each product's categories and their ancestors, once each."""
    paths_of: dict[int, set[str]] = {}
    for product in products:
        paths = set()
        for category in product.categories.all():
            for end in range(PATH_STEP_LENGTH, len(category.path) + 1, PATH_STEP_LENGTH):
                paths.add(category.path[:end])
        paths_of[product.pk] = paths
    every_path = set().union(*paths_of.values()) if paths_of else set()
    if not every_path:
        return []
    id_of_path = dict(Category.objects.filter(path__in=every_path).values_list("path", "pk"))
    return [
        ProductDocumentCategory(document_id=product_id, category_id=id_of_path[path])
        for product_id, paths in paths_of.items() for path in sorted(paths)
        if path in id_of_path
    ]


# --- facet combinations (PostgreSQL) ----------------------------------------------

#: A document's categories and their ancestors (ProductDocumentCategory) as an array, for
#: the rows that count the craft facet (FacetCombination, ProductDocumentText); `d` is
#: the document.
CATEGORY_IDS_SQL = ("ARRAY(SELECT c.category_id FROM search_productdocumentcategory c "
                    "WHERE c.document_id = d.product_id ORDER BY 1)")
#: The columns of a combination (search.models.FacetCombination), in its unique key's order.
COMBINATION_KEY = ("region", "region_name", "artisan", "artisan_name", "technique", "material",
                   "dye", "product_class", "price_bucket", "category_ids")


def price_bucket_sql() -> str:
    """The index of a row's price in PRICE_RANGES, -1 without a price, as SQL."""
    whens = " ".join(f"WHEN price < {high} THEN {index}"
                     for index, (_key, _low, high) in enumerate(PRICE_RANGES) if high is not None)
    return f"CASE WHEN price IS NULL THEN -1 {whens} ELSE {len(PRICE_RANGES) - 1} END"


def _combinations_of(document_ids: list[int]) -> Counter:
    """How many of these documents have each combination of facet values."""
    columns = ", ".join(COMBINATION_KEY[:-2])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, {price_bucket_sql()}, {CATEGORY_IDS_SQL}, COUNT(*) "
            f"FROM {ProductDocument._meta.db_table} d WHERE d.product_id = ANY(%s) "
            f"GROUP BY {', '.join(str(n) for n in range(1, len(COMBINATION_KEY) + 1))}",
            [list(document_ids)],
        )
        return Counter({(*row[:-2], tuple(row[-2])): row[-1] for row in cursor.fetchall()})


def _combinations_count(before: Counter, after: Counter) -> None:
    """Add to each combination the documents it gained, less those it lost.

    One upsert per changed combination, in the key's order: two writers lock the
    combinations they share in the same order, so neither waits for the other in turn.
    """
    changes = sorted((key, after[key] - before[key]) for key in set(before) | set(after)
                     if after[key] != before[key])
    if not changes:
        return
    columns = ", ".join(COMBINATION_KEY)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FacetCombination._meta.db_table} ({columns}, documents) "
            f"VALUES ({', '.join(['%s'] * len(COMBINATION_KEY))}, %s) "
            f"ON CONFLICT ({columns}) DO UPDATE SET documents = "
            f"{FacetCombination._meta.db_table}.documents + EXCLUDED.documents",
            [(*key[:-1], list(key[-1]), change) for key, change in changes],
        )


def combinations_clear() -> None:
    """Forget every combination (PostgreSQL; before a rebuild writes the documents again)."""
    if connection.vendor == "postgresql":
        FacetCombination.objects.all().delete()


# --- full text -------------------------------------------------------------------

def _full_text_write(product_ids: list[int], documents: list[ProductDocument],
                     bodies: dict[int, str]) -> None:
    if connection.vendor == "sqlite":
        _fts5_write(product_ids, documents, bodies)
    elif connection.vendor == "postgresql":
        _tsvector_write(documents, bodies)


def _fts5_write(product_ids: list[int], documents: list[ProductDocument],
                bodies: dict[int, str]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(product_ids), 500):
            chunk = product_ids[start:start + 500]
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, artisan, region) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(d.pk, d.title, bodies[d.pk], d.artisan_name, d.region_name) for d in documents],
        )


def unaccent_available() -> bool:
    """Whether PostgreSQL's unaccent extension is installed (migration 0002 adds it when it can)."""
    if connection.vendor != "postgresql":
        return False
    cache = connection.__dict__.setdefault("_pasar_kriya_unaccent", {})
    if "installed" not in cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
            cache["installed"] = cursor.fetchone() is not None
    return cache["installed"]


def _tsvector_write(documents: list[ProductDocument], bodies: dict[int, str]) -> None:
    """The weighted words of `documents` (their old ones went with their rows)."""
    if not documents:
        return
    text = "unaccent(%s::text)" if unaccent_available() else "%s::text"
    # 'simple': PostgreSQL has no Indonesian stemmer, and one config serves both languages.
    vector = " || ".join(
        f"setweight(to_tsvector('simple'::regconfig, {text}), '{weight}')"
        for weight in ("A", "B", "B", "B", "C")
    )
    copied = ", ".join(TEXT_FACET_COLUMNS)
    with connection.cursor() as cursor:
        # With the words, a copy of the row's facet columns (ProductDocumentText says why).
        cursor.executemany(
            f"INSERT INTO {ProductDocumentText._meta.db_table} "
            f"(document_id, search_vector, category_ids, {copied}) "
            f"SELECT d.product_id, {vector}, {CATEGORY_IDS_SQL}, "
            f"{', '.join(f'd.{column}' for column in TEXT_FACET_COLUMNS)} "
            f"FROM {ProductDocument._meta.db_table} d WHERE d.product_id = %s",
            [(d.title, d.artisan_name, d.region_name, d.product_class, bodies[d.pk], d.pk)
             for d in documents],
        )
        # The vocabulary only grows: a word whose last product left still corrects a
        # typo to itself, which then finds nothing, as the word itself would.
        # Sorted, so that two writers take the rows' locks in the same order.
        cursor.execute(
            "INSERT INTO search_word (word) SELECT DISTINCT u.lexeme "
            f"FROM {ProductDocumentText._meta.db_table} t, unnest(t.search_vector) AS u "
            "WHERE t.document_id = ANY(%s) ORDER BY 1 ON CONFLICT DO NOTHING",
            [[d.pk for d in documents]],
        )


def full_text_clear() -> None:
    """Empty the full-text part (before a rebuild)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    elif connection.vendor == "postgresql":
        # The words go with their rows (ON DELETE of the documents); the vocabulary
        # is rebuilt with them, so words no product holds any more leave it.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_word")

