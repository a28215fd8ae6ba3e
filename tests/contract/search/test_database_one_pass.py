"""On PostgreSQL the database backend counts every facet in one statement
(search.backends.postgres_facets) and, with text, reads ProductDocumentText's copy of
the facet columns. Its answers must be the very ones the plain way gives: one ORM
query per facet over ProductDocument, as on SQLite."""
import pytest
from django.conf import settings
from django.db import connection

from search.backends import database
from search.backends.database import DatabaseBackend, words
from search.engine import SearchRequest
from search.models import ProductDocument

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="the one-statement facet counts are PostgreSQL's; runs in the PostgreSQL pass",
)

TEXTS = ["", "batik", "kain batik tulis", "anyaman", "batk", "tidak-ada-sama-sekali"]


def plain_answer(request: SearchRequest):
    """The answer of one query per facet (search.backends.database._facets)."""
    documents = ProductDocument.objects.all()
    rank = None
    if request.text.strip():
        documents, rank = database._postgres_matching(documents, words(request.text))
    fixed = {facet: keys for facet, keys in request.filters.items() if facet in request.fixed}
    documents = database._filtered(documents, fixed)
    results = database._filtered(documents, request.filters)
    ordered = database._ordered(results, sort=request.effective_sort, rank=rank)
    start = (request.page - 1) * request.per_page
    facets = database._facets(documents, request.filters)
    page = list(ordered.values_list("pk", flat=True)[start:start + request.per_page])
    return results.count(), page, facets


def requests_for(catalogue):
    craft = str(catalogue.kain.pk)
    filter_sets = [
        {},
        {"region": ("bojonegoro",)},
        {"region": ("bojonegoro", "lumajang"), "price": ("250000-500000", "1000000-2500000")},
        {"craft": (craft,), "technique": ("tulis",)},
        {"artisan": ("sekar-jati",), "dye": ("natural",), "price": ("0-250000",)},
        {"material": ("pandan",), "region": ("bangka-barat",)},
        {"product_class": ("batik",), "region": ("lumajang",)},
    ]
    for text in TEXTS:
        for filters in filter_sets:
            for sort in ("", "price-asc", "price-desc", "newest"):
                yield SearchRequest(text=text, filters=filters, sort=sort, per_page=2)
    yield SearchRequest(text="batik", page=2, per_page=1)
    # The region and artisan pages fix their facet; a category page fixes the craft.
    for text in ("", "batik"):
        yield SearchRequest(text=text, filters={"region": ("bojonegoro",)}, fixed=("region",))
        yield SearchRequest(text=text, filters={"artisan": ("sekar-jati",), "price": (
            "250000-500000",)}, fixed=("artisan",))
        yield SearchRequest(text=text, filters={"craft": (craft,), "region": ("lumajang",)},
                            fixed=("craft",))


def test_one_statement_gives_the_same_answer_as_one_query_per_facet(catalogue, backend):
    if backend.name != "database":
        pytest.skip("the database backend's own way of counting")
    assert connection.vendor == "postgresql"
    compared = 0
    for request in requests_for(catalogue):
        total, page, facets = plain_answer(request)
        result = DatabaseBackend().search(request)
        assert (result.total, result.product_ids) == (total, page), request
        assert result.facets == facets, request
        compared += 1
    assert compared > 160
    # Not all empty: the comparison saw counts, pages and selected values.
    assert DatabaseBackend().search(SearchRequest(text="batik")).total == 2
