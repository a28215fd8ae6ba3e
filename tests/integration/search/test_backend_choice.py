"""Which backend answers, the fallback when Elasticsearch fails, and how changes reach the index."""
import logging
import sys
import types

import pytest

from search.backends import DatabaseBackend, FallbackBackend, search_backend
from search.engine import SearchRequest, SearchResult, Suggestions
from search.indexing import products_index_after_change
from search.models import ProductDocument
from tests import factories

pytestmark = pytest.mark.django_db


class Down:
    """A primary that fails the way an unreachable Elasticsearch does."""

    name = "elasticsearch"

    def __init__(self, error=ConnectionError("connection refused")):
        self.error = error
        self.indexed = []

    def search(self, request):
        raise self.error

    def suggest(self, text, *, limit=5):
        raise self.error

    def products_index(self, product_ids):
        self.indexed.append(product_ids)

    def rebuild(self, *, progress=None):
        raise self.error


class Recording:
    name = "database"

    def __init__(self):
        self.asked = []

    def search(self, request):
        self.asked.append(request)
        return SearchResult(product_ids=[7], total=1, backend=self.name)

    def suggest(self, text, *, limit=5):
        self.asked.append(text)
        return Suggestions(products=[{"title": "Kain", "url": "/k/"}])


def test_the_database_backend_is_the_default(settings):
    settings.SEARCH_BACKEND = "database"

    assert isinstance(search_backend(), DatabaseBackend)


@pytest.mark.parametrize("error", [ConnectionError("refused"), TimeoutError("slow")])
def test_a_failing_primary_is_answered_by_the_fallback_with_a_warning(caplog, error):
    fallback = Recording()
    backend = FallbackBackend(Down(error), fallback)
    request = SearchRequest(text="batik")

    with caplog.at_level(logging.WARNING, logger="search"):
        result = backend.search(request)
        suggestions = backend.suggest("bat")

    assert result.product_ids == [7] and result.backend == "database"
    assert suggestions.products[0]["title"] == "Kain"
    assert fallback.asked == [request, "bat"]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and "elasticsearch" in warnings[0].getMessage()


def test_elasticsearch_client_errors_are_caught_too(caplog):
    from elastic_transport import ConnectionTimeout

    backend = FallbackBackend(Down(ConnectionTimeout("timed out")), Recording())

    assert backend.search(SearchRequest()).product_ids == [7]


def test_other_errors_are_not_hidden_and_upkeep_goes_to_the_primary():
    primary = Down(ValueError("a bug"))
    backend = FallbackBackend(primary, Recording())

    with pytest.raises(ValueError):
        backend.search(SearchRequest())
    backend.products_index([1, 2])
    assert primary.indexed == [[1, 2]]
    with pytest.raises(ValueError):
        backend.rebuild()


def test_elasticsearch_setting_wraps_it_in_the_database_fallback(settings, monkeypatch, caplog):
    # given an Elasticsearch backend that cannot connect (a stand-in module: no server here)
    fake = types.ModuleType("search.backends.elasticsearch")
    fake.ElasticsearchBackend = Down
    monkeypatch.setitem(sys.modules, "search.backends.elasticsearch", fake)
    product = factories.published_product(title="Kain Tenun Cual")  # in the database index
    settings.SEARCH_BACKEND = "elasticsearch"

    # when the storefront searches
    backend = search_backend()
    with caplog.at_level(logging.WARNING, logger="search"):
        result = backend.search(SearchRequest(text="tenun cual"))

    # then the database answers
    assert isinstance(backend, FallbackBackend)
    assert result.product_ids == [product.pk] and result.backend == "database"
    assert any("answering from database" in r.getMessage() for r in caplog.records)


def test_on_elasticsearch_changes_are_queued_after_commit(settings, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    from search.tasks import products_index_task
    from core.outbox.models import OutboxMessage, OutboxState

    settings.SEARCH_BACKEND = "elasticsearch"
    queued = []
    monkeypatch.setattr(products_index_task, "apply_async",
                        lambda args=None, kwargs=None, **options: queued.append(kwargs))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        products_index_after_change(product_ids=[5, 3, 5])
    assert queued == []  # nothing before commit
    # ... but promised in the transaction of the change (the outbox).
    (promise,) = OutboxMessage.objects.filter(task_name=products_index_task.name)
    assert promise.kwargs == {"product_ids": [3, 5]}
    for callback in callbacks:
        callback()

    assert queued == [{"product_ids": [3, 5]}]
    promise.refresh_from_db()
    assert promise.state == OutboxState.SENT


def test_on_the_database_rows_are_written_at_once_and_roll_back_with_the_change(settings):
    from django.db import transaction

    settings.SEARCH_BACKEND = "database"
    product = factories.published_product(title="Kain Gedhog")
    ProductDocument.objects.all().delete()

    products_index_after_change(product_ids=[product.pk])
    assert ProductDocument.objects.filter(pk=product.pk).exists()

    ProductDocument.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        products_index_after_change(product_ids=[product.pk])
        raise RuntimeError("the change fails")
    assert not ProductDocument.objects.filter(pk=product.pk).exists()


def test_a_variant_is_indexed_as_its_parent_with_the_lowest_public_price(settings):
    from decimal import Decimal

    from catalogue.models import Product

    parent = factories.ProductFactory(structure=Product.PARENT, title="Kopiah Resam")
    parent.stockrecords.all().delete()
    variants = [
        factories.ProductFactory(structure=Product.CHILD, parent=parent, artisan=parent.artisan,
                                 product_class=None, title=f"Kopiah {size}",
                                 stock=(Decimal(price), 2))
        for size, price in [("54", "95000"), ("58", "85000")]
    ]
    from tests.support.search import publish

    publish(parent)
    products_index_after_change(product_ids=[variants[0].pk])

    document = ProductDocument.objects.get()
    assert document.pk == parent.pk and document.price == Decimal("85000")


def test_search_reindex_rebuilds_with_progress(settings, capsys):
    from django.core.management import call_command

    settings.SEARCH_BACKEND = "database"
    products = [factories.published_product(title=f"Tas Rotan {i}") for i in range(3)]
    factories.ProductFactory(title="Tas Rotan Draf")
    ProductDocument.objects.all().delete()

    call_command("search_reindex", "--backend", "database")

    out = capsys.readouterr().out
    assert "3/3" in out and "3 products indexed" in out
    assert set(ProductDocument.objects.values_list("pk", flat=True)) == {p.pk for p in products}
    assert sorted(DatabaseBackend().search(SearchRequest(text="rotan")).product_ids) == sorted(
        p.pk for p in products)


def test_search_benchmark_prints_latency_and_queries(settings, capsys):
    from django.core.management import call_command

    settings.SEARCH_BACKEND = "database"
    factories.published_product(title="Kain Batik Tulis Bojonegoro")

    call_command("search_benchmark", "--repeat", "5")

    out = capsys.readouterr().out
    assert "1 products indexed" in out
    lines = [line for line in out.splitlines() if "median" in line]
    assert len(lines) == 4 and all("p95" in line and "queries" in line for line in lines)
    # browsing costs the same whatever the page; searching depends on the words only
    browse = next(line for line in lines if line.startswith("browse "))
    assert browse.split("queries")[1].strip().isdigit()


def test_with_elasticsearch_on_the_fallback_rows_stay_current(settings,
                                                              django_capture_on_commit_callbacks):
    """The database rows are what the storefront answers from when Elasticsearch is
    down, so they are written whichever backend is on; Elasticsearch's task is queued
    after commit."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product = factories.published_product(title="Selendang Cual Mentok")
    assert ProductDocument.objects.filter(pk=product.pk).exists()
    assert DatabaseBackend().search(SearchRequest(text="mentok")).product_ids == [product.pk]
    # Elasticsearch's indexing is promised in the same transaction and relayed after
    # the commit (search/indexing.py, the outbox).
    from search.tasks import products_index_task
    from core.outbox.models import OutboxMessage, OutboxState

    promises = OutboxMessage.objects.filter(task_name=products_index_task.name,
                                            state=OutboxState.PENDING)
    assert any(product.pk in promise.kwargs["product_ids"] for promise in promises)
    assert callbacks  # the relay waits for the commit


def test_search_reindex_without_a_backend_rebuilds_the_database_rows(settings, capsys):
    from django.core.management import call_command

    settings.SEARCH_BACKEND = "database"
    product = factories.published_product(title="Kopiah Resam")
    ProductDocument.objects.all().delete()
    call_command("search_reindex")
    assert "database: 1 products indexed" in capsys.readouterr().out
    assert ProductDocument.objects.filter(pk=product.pk).exists()
