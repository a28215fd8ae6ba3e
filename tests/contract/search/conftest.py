"""The backends the search contract runs against, and the catalogue it searches.

BACKENDS lists every backend the contract suite runs against. "database" always runs;
"elasticsearch" runs against a real Elasticsearch when ELASTICSEARCH_URL is set (each
test on its own alias, deleted afterwards, with `settle` doing what the index worker
does), and is skipped with a message otherwise.
"""
import pytest

from search.backends.database import DatabaseBackend
from tests.integration.search.elasticsearch import real as real_elasticsearch
from tests.support.search import Catalogue

BACKENDS = [
    "database",
    pytest.param("elasticsearch", marks=pytest.mark.skipif(
        not real_elasticsearch.elasticsearch_url(), reason=real_elasticsearch.SKIP_MESSAGE)),
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    """A fresh backend object of each kind, SEARCH_BACKEND set to match."""
    settings.SEARCH_BACKEND = request.param
    if request.param == "database":
        yield DatabaseBackend()
    elif request.param == "elasticsearch":
        with real_elasticsearch.real_backend(settings) as elasticsearch:
            yield elasticsearch
    else:
        raise NotImplementedError(request.param)


@pytest.fixture
def settle(backend):
    """Wait until what was written is searchable: nothing to wait for on the database
    backend; on Elasticsearch, index every product as the worker would after commit."""
    if backend.name == "elasticsearch":
        return lambda: real_elasticsearch.settle(backend)
    return lambda: None


@pytest.fixture
def catalogue(db, settle, backend):
    built = Catalogue()
    settle()
    return built
