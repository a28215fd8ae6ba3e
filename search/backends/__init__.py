"""The search backend the storefront uses, chosen by settings.SEARCH_BACKEND (search/engine.py)."""
from django.conf import settings

from search.backends.database import DatabaseBackend
from search.backends.fallback import FallbackBackend
from search.engine import SearchBackend


def search_backend() -> SearchBackend:
    """The database backend, or Elasticsearch backed by the database when it fails."""
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        # Imported here: the database backend must not need the Elasticsearch client.
        from search.backends.elasticsearch import ElasticsearchBackend

        return FallbackBackend(ElasticsearchBackend(), DatabaseBackend())
    return DatabaseBackend()


__all__ = ["DatabaseBackend", "FallbackBackend", "search_backend"]
