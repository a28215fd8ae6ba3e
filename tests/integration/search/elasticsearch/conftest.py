import pytest

from tests.integration.search.elasticsearch.fake_server import FakeElasticsearch


@pytest.fixture
def fake_es(settings):
    """A fake Elasticsearch on a free port, with the settings pointing at it."""
    with FakeElasticsearch() as fake:
        settings.ELASTICSEARCH_URL = fake.url
        settings.ELASTICSEARCH_TIMEOUT = 2.0
        settings.ELASTICSEARCH_INDEX = "pasar-kriya-products"
        yield fake
