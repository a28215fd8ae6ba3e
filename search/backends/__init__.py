"""The search backend the storefront uses, chosen by settings.SEARCH_BACKEND (search/engine.py)."""
import threading

from django.conf import settings

from search.backends.breaker import CircuitBreaker
from search.backends.database import DatabaseBackend
from search.backends.fallback import FallbackBackend
from search.engine import SearchBackend

_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def elasticsearch_breaker() -> CircuitBreaker:
    """This process's circuit breaker in front of settings.ELASTICSEARCH_URL, opened by
    ELASTICSEARCH_BREAKER_FAILURES failures in a row for ELASTICSEARCH_BREAKER_COOLDOWN
    seconds. Kept in the process (not shared through the cache, which may be down too)."""
    failures = int(getattr(settings, "ELASTICSEARCH_BREAKER_FAILURES", 3))
    cooldown = float(getattr(settings, "ELASTICSEARCH_BREAKER_COOLDOWN", 30.0))
    key = (settings.ELASTICSEARCH_URL, failures, cooldown)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(
                name="Elasticsearch", failures_to_open=failures, cooldown=cooldown)
        return _breakers[key]


def elasticsearch_breakers_reset() -> None:
    """Forget every breaker's state (tests start each from closed)."""
    with _breakers_lock:
        _breakers.clear()


def search_backend() -> SearchBackend:
    """The database backend, or Elasticsearch backed by the database when it fails
    (at once, without asking it, while its circuit breaker is open)."""
    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        # Imported here: the database backend must not need the Elasticsearch client.
        from search.backends.elasticsearch import ElasticsearchBackend

        return FallbackBackend(ElasticsearchBackend(), DatabaseBackend(),
                               breaker=elasticsearch_breaker())
    return DatabaseBackend()


__all__ = ["DatabaseBackend", "FallbackBackend", "elasticsearch_breaker",
           "elasticsearch_breakers_reset", "search_backend"]
