"""A backend on a real Elasticsearch (ELASTICSEARCH_URL), each test with its own alias.

Used by test_real_elasticsearch.py and by the shared contract suite
(tests/contract/search) to add "elasticsearch" to its backends.
"""
import os
import uuid
from contextlib import contextmanager

import pytest

from catalogue.models import Product
from search.backends.elasticsearch import ElasticsearchBackend

SKIP_MESSAGE = ("ELASTICSEARCH_URL is not set: the search contract against a real "
                "Elasticsearch is skipped (set it, e.g. http://127.0.0.1:9200, to run it)")


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


def require_elasticsearch() -> str:
    url = elasticsearch_url()
    if not url:
        pytest.skip(SKIP_MESSAGE)
    return url


@contextmanager
def real_backend(settings):
    """An ElasticsearchBackend on its own alias, whose indices are deleted afterwards."""
    settings.ELASTICSEARCH_URL = require_elasticsearch()
    alias = f"pasar-kriya-test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_INDEX = alias
    backend = ElasticsearchBackend(alias=alias)
    try:
        yield backend
    finally:
        client = backend.indexing
        # Wildcard deletes may be refused (action.destructive_requires_name): name them.
        names = list(client.indices.get(index=f"{alias}-*", allow_no_indices=True).body)
        if names:
            client.indices.delete(index=",".join(names), ignore_unavailable=True)


def settle(backend: ElasticsearchBackend) -> None:
    """Do what the indexing worker does for every product, then make it searchable.

    products_index refreshes (refresh=wait_for), so what it wrote is found at once.
    """
    backend.products_index(list(Product.objects.filter(parent=None).values_list("pk", flat=True)))
