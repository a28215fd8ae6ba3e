"""The one search interface of the storefront, with a backend per SEARCH_BACKEND.

Views build a SearchRequest from the query string and ask `search_backend()` for a
SearchResult: the ids of one page of public products in order, the total, and the
facets with their counts. They load the cards of those ids themselves
(catalogue.selectors.products_for_cards), so the backends only answer ids.

Backends (issue 5):
- "database" (search.backends.database): full-text search in the database itself,
  SQLite FTS5 or PostgreSQL full-text search with trigram similarity; current at
  once, because its index rows are written in the transaction that publishes;
- "elasticsearch" (search.backends.elasticsearch): elasticsearch-dsl 8, kept
  current by Celery tasks after commit; when Elasticsearch is down or slow,
  `search_backend()` answers from the database backend and logs a warning.

Both honour the same contract (tests/contract/search): only approved products are
ever found.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

#: Sort orders: relevance is the default when there is text, newest otherwise.
SORTS = ("relevance", "price-asc", "price-desc", "newest")

#: Price ranges offered as a facet, in rupiah: (key, low inclusive, high exclusive).
PRICE_RANGES = (
    ("0-250000", Decimal(0), Decimal(250_000)),
    ("250000-500000", Decimal(250_000), Decimal(500_000)),
    ("500000-1000000", Decimal(500_000), Decimal(1_000_000)),
    ("1000000-2500000", Decimal(1_000_000), Decimal(2_500_000)),
    ("2500000-", Decimal(2_500_000), None),
)

#: Attribute facets: facet name -> the craft attribute codes it gathers
#: (catalogue/crafts.py). Values are option values, e.g. "tulis", "alam".
ATTRIBUTE_FACETS = {
    "technique": ("technique",),
    "material": ("material", "fabric", "yarn"),
    "dye": ("dye",),
}

#: Every facet, in the order the page shows them.
FACETS = ("craft", "region", "artisan", *ATTRIBUTE_FACETS, "price")

#: Not a facet: a filter key narrowing to one craft's product class by slug (the
#: browse page's ?craft=<slug>); it narrows every facet's counts too.
PRODUCT_CLASS_FILTER = "product_class"


@dataclass(frozen=True)
class SearchRequest:
    """What the buyer asked for. Empty text browses (category, region, artisan pages)."""

    text: str = ""
    #: Selected facet values: facet name -> keys (category ids as str for "craft",
    #: region and artisan slugs, option values, PRICE_RANGES keys for "price").
    #: Values of one facet are OR-ed; facets are AND-ed.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    per_page: int = 24
    #: Facets of `filters` the page itself fixes (the region page's region, a category
    #: page's craft): the buyer cannot change them, so a backend may narrow to them
    #: before counting and need not count their values.
    fixed: tuple[str, ...] = ()

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS:
            return self.sort
        return "relevance" if self.text.strip() else "newest"


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    #: Ids of this page's products, in order.
    product_ids: list[int]
    total: int
    #: facet name -> values with counts (counts ignore that facet's own selection,
    #: so a buyer can widen as well as narrow).
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    #: The backend that answered ("database" or "elasticsearch").
    backend: str = ""


@dataclass
class Suggestions:
    """What /search/suggest/?q= answers while the buyer types."""

    products: list[dict] = field(default_factory=list)   # {"title", "url"}
    crafts: list[dict] = field(default_factory=list)     # {"name", "url"}
    regions: list[dict] = field(default_factory=list)    # {"name", "url"}
    artisans: list[dict] = field(default_factory=list)   # {"name", "url"}


class SearchBackend(Protocol):
    name: str

    def search(self, request: SearchRequest) -> SearchResult:
        """One page of public products matching `request`, with facets."""

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        """Completions of what the buyer is typing."""

    def products_index(self, product_ids: list[int]) -> None:
        """Bring these products up to date in the index (removing the ones not public)."""

    def rebuild(self, *, progress=None) -> int:
        """Rebuild the whole index in bulk; returns how many products it holds."""
