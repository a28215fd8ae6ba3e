"""Every facet's counts and the total in one statement, for the database backend on PostgreSQL.

Counting facet by facet reads the matching documents once per facet (seven times);
at 100,000 products that alone is over the 50 ms a search may take. Here the
documents are read once: each row carries, per selected facet, whether it passes
every *other* selection (`ok_<facet>`) and whether it passes all of them (`ok_all`),
and one GROUP BY GROUPING SETS counts every column facet and the price ranges;
the craft facet (a document is filed under several categories) counts the same
rows through the array of their category ids (category_ids, PostgreSQL only, see
search migration 0003) in a second branch of the same statement.

A facet's counts ignore its own selection, so a buyer can widen as well as narrow:
the count of a region is the rows that pass every selection but the region's.
"""
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField, ExpressionWrapper, IntegerField, Q, QuerySet, Value,
)
from django.db.models.expressions import RawSQL

from search.backends.documents import price_bucket_sql
from search.engine import ATTRIBUTE_FACETS
from search.models import FacetCombination

#: Facets counted by their own column of search_productdocument, with the column labelling them.
COLUMN_FACETS = {"region": "region_name", "artisan": "artisan_name",
                 **{facet: facet for facet in ATTRIBUTE_FACETS}}
#: The order of the columns in GROUPING(...): bit i (from the right) is set when the
#: i-th column from the end is not in the grouping set of a row.
GROUPED = (*COLUMN_FACETS, "price_bucket")


@dataclass(frozen=True)
class PageWanted:
    """One page of ids, asked in the same statement as the counts (a search with text)."""

    #: ORDER BY over the columns of the matching rows (ORDERS' values).
    order: str
    offset: int
    limit: int


#: The orders a page may be asked in, over the matching rows' own columns.
ORDERS = {
    "price-asc": "price ASC NULLS LAST, pk DESC",
    "price-desc": "price DESC NULLS LAST, pk DESC",
    "newest": "published_at DESC NULLS LAST, pk DESC",
    "relevance": "relevance DESC, published_at DESC NULLS LAST, pk DESC",
}


@dataclass
class FacetCounts:
    #: Documents passing every selection.
    total: int
    #: facet -> {key: (label, count)}; "price" keys are indexes into PRICE_RANGES,
    #: "craft" keys category ids.
    counts: dict[str, dict]
    #: The page's ids in order, when a page was asked for.
    product_ids: list[int] = field(default_factory=list)


def facet_counts(matched: QuerySet, conditions: dict[str, Q], *, rank=None,
                 page: PageWanted | None = None) -> FacetCounts:
    """Counts of every facet over `matched` narrowed by `conditions` (facet -> its selection).

    `matched` is of ProductDocument or of ProductDocumentText, which has the same
    facet columns, or of FacetCombination, whose rows count `documents` each.

    With `page`, the page's ids come in the same statement: the matching rows are
    then found once and kept (a CTE), which pays when finding them is the costly
    part (text); `rank` is the relevance of a row, for ORDERS["relevance"].
    """
    ok_all = _all_of(conditions.values())
    # A column of PostgreSQL's only (search migrations 0003 to 0005), not of the model.
    category_ids = RawSQL(f'"{matched.model._meta.db_table}"."category_ids"', ())
    annotations = {"ok_all": _flag(ok_all), "category_ids": category_ids}
    weighted = matched.model is FacetCombination
    if not weighted:  # a combination has its price range already
        annotations["price_bucket"] = RawSQL(price_bucket_sql(), (), output_field=IntegerField())
    for facet in conditions:
        annotations[f"ok_{facet}"] = _flag(_all_of(
            condition for other, condition in conditions.items() if other != facet))
    if page is not None and rank is not None:
        annotations["relevance"] = rank
    rows = matched.order_by().annotate(**annotations)
    if len(conditions) > 1:
        # A row failing two selections counts nowhere. (With one selection, every row
        # counts in that facet's own values.)
        rows = rows.filter(_any_of(
            _all_of(condition for other, condition in conditions.items() if other != facet)
            for facet in conditions))
    ok_columns = [name for name in annotations if name.startswith("ok_")]
    columns = ["pk", *COLUMN_FACETS, *dict.fromkeys(COLUMN_FACETS.values()),
               "price_bucket", "category_ids", *ok_columns]
    if weighted:
        columns.append("documents")
    if page is not None:
        columns += ["price", "published_at", *(["relevance"] if "relevance" in annotations
                                                else [])]
    try:
        inner_sql, params = rows.values(*columns).query.sql_with_params()
    except EmptyResultSet:  # nothing can match (e.g. text without a word)
        return FacetCounts(total=0, counts={facet: {} for facet in (*COLUMN_FACETS, "price",
                                                                     "craft")})
    count = "SUM(m.documents)" if weighted else "COUNT(*)"
    if page is None:
        return _read(_statement(inner_sql, conditions, count), (*params, *params), conditions)
    return _read(_statement_with_page(inner_sql, columns, conditions, page, count),
                 (*params, page.limit, page.offset), conditions)


def _ok_column(facet: str, conditions: dict) -> str:
    return f"ok_{facet}" if facet in conditions else "ok_all"


def _grouping_sets(conditions: dict) -> tuple[str, str]:
    """(the GROUP BY GROUPING SETS clause, the columns it selects)."""
    sets = ["(ok_all)"]
    for facet, label in COLUMN_FACETS.items():
        parts = dict.fromkeys([facet, label, _ok_column(facet, conditions)])
        sets.append(f"({', '.join(parts)})")
    sets.append(f"(price_bucket, {_ok_column('price', conditions)})")
    grouped_ok = [_ok_column(facet, conditions) for facet in (*COLUMN_FACETS, "price")]
    selected = ", ".join(dict.fromkeys([*COLUMN_FACETS, *COLUMN_FACETS.values(), "price_bucket",
                                        "ok_all", *grouped_ok]))
    return f"GROUP BY GROUPING SETS ({', '.join(sets)})", selected


def _branches(source: str, craft_source: str, conditions: dict, count: str) -> tuple[str, str]:
    """(the grouping sets and craft branches of the statement, the NULLs padding a row)."""
    group_by, selected = _grouping_sets(conditions)
    padding = ", ".join("NULL" for _ in selected.split(", "))
    craft_ok = _ok_column("craft", conditions)
    return (
        f"SELECT 'sets' AS part, GROUPING({', '.join(GROUPED)}) AS grouping_id, {selected}, "
        f"NULL::integer AS item, {count} AS n FROM {source} {group_by} "
        "UNION ALL "
        f"SELECT 'craft', NULL, {padding}, category_id, {count} FROM {craft_source} "
        f"CROSS JOIN LATERAL unnest(m.category_ids) AS category_id "
        f"WHERE m.{craft_ok} GROUP BY category_id"
    ), padding


def _statement(inner_sql: str, conditions: dict, count: str) -> str:
    # The matching rows are read twice rather than kept in a CTE: PostgreSQL plans a
    # subquery with the table's statistics, and so hashes every grouping set in memory;
    # without text, reading them again costs less than keeping them.
    branches, _padding = _branches(f"({inner_sql}) AS m", f"({inner_sql}) AS m", conditions,
                                   count)
    return branches


def _statement_with_page(inner_sql: str, columns: list[str], conditions: dict,
                         page: PageWanted, count: str) -> str:
    # Text columns as text: over a CTE PostgreSQL has no statistics and guesses a
    # varchar(n) n bytes wide, then sorts on disk what it could hash in memory.
    kept = ", ".join(
        f"{column}::text AS {column}" if column in (*COLUMN_FACETS, *COLUMN_FACETS.values())
        else column
        for column in dict.fromkeys(columns)
    )
    branches, padding = _branches("m", "m", conditions, count)
    return (
        f"WITH m AS MATERIALIZED (SELECT {kept} FROM ({inner_sql}) AS i) "
        f"{branches} "
        "UNION ALL "
        f"SELECT 'page', NULL, {padding}, pk, row_number() OVER () FROM ("
        f"SELECT pk FROM m WHERE ok_all ORDER BY {page.order} "
        "LIMIT %s OFFSET %s) AS page"
    )


def _read(sql: str, params, conditions: dict) -> FacetCounts:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    total = 0
    counts: dict[str, dict] = {facet: {} for facet in (*COLUMN_FACETS, "price", "craft")}
    page: list[tuple[int, int]] = []
    every = (1 << len(GROUPED)) - 1
    for row in rows:
        if row["part"] == "craft":
            counts["craft"][row["item"]] = row["n"]
        elif row["part"] == "page":
            page.append((row["n"], row["item"]))
        elif row["grouping_id"] == every:
            total += row["n"] if row["ok_all"] else 0
        else:
            _count_row(row, counts, conditions)
    return FacetCounts(total=total, counts=counts,
                       product_ids=[product_id for _position, product_id in sorted(page)])


def _count_row(row: dict, counts: dict, conditions: dict) -> None:
    """One value of one column facet (or price range): counted if it passes the others."""
    for index, column in enumerate(GROUPED):
        if not row["grouping_id"] & (1 << (len(GROUPED) - 1 - index)):
            facet = "price" if column == "price_bucket" else column
            if row[_ok_column(facet, conditions)] and row[column] not in (None, ""):
                label = row[COLUMN_FACETS[facet]] if facet in COLUMN_FACETS else ""
                counts[facet][row[column]] = (label, row["n"])
            return


def _flag(condition: Q | None):
    if condition is None:
        return Value(True, output_field=BooleanField())
    return ExpressionWrapper(condition, output_field=BooleanField())


def _all_of(conditions) -> Q | None:
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


def _any_of(conditions) -> Q:
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined | condition
    return combined
