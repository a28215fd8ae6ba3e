"""When Elasticsearch is slow or down, the storefront answers from the database.

The real client, with the real short timeout, against the fake server (slow) or a
closed port (down); search.backends.search_backend() wraps the Elasticsearch
backend in the database fallback.
"""
import logging
import socket

import pytest
from django.urls import reverse

from search.backends import search_backend
from search.engine import SearchRequest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def slow_elasticsearch(fake_es, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    fake_es.state.search_delay = 1.5
    return fake_es


@pytest.fixture
def elasticsearch_down(settings):
    with socket.socket() as unused:  # a port nothing listens on once closed
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.3


def test_a_slow_elasticsearch_is_answered_by_the_database_with_a_warning(
        slow_elasticsearch, caplog):
    with caplog.at_level(logging.WARNING, logger="search"):
        result = search_backend().search(SearchRequest(text="batik"))
        suggestions = search_backend().suggest("batik")

    assert result.backend == "database"
    assert suggestions is not None
    assert len(slow_elasticsearch.state.calls("POST", "/_search")) == 2  # once each, no retry
    warnings = [r.getMessage() for r in caplog.records if r.name == "search"]
    assert len(warnings) == 2 and all("ConnectionTimeout" in w for w in warnings)


def test_the_search_page_answers_when_elasticsearch_is_down(elasticsearch_down, client, artisan,
                                                           caplog):
    factories.published_product(artisan=artisan, title="Kain Batik Tulis Sekar")

    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get(reverse("search:search"), {"q": "batik"})
        suggest = client.get(reverse("search:suggest"), {"q": "bat"})

    assert response.status_code == 200
    assert suggest.status_code == 200 and suggest["Content-Type"].startswith("application/json")
    assert any("answering from database" in r.getMessage() for r in caplog.records)
