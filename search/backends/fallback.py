"""A backend that answers from a fallback when its primary fails (Elasticsearch down or slow)."""
import logging
from collections.abc import Callable

from search.backends.breaker import CircuitBreaker
from search.engine import SearchRequest, SearchResult, Suggestions

logger = logging.getLogger("search")


def _backend_errors() -> tuple[type[BaseException], ...]:
    """What a failing Elasticsearch raises: API and transport errors, refusals, timeouts."""
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    try:
        from elasticsearch import ApiError
        errors.append(ApiError)
    except ImportError:  # the client is optional on the database backend
        pass
    try:
        from elastic_transport import TransportError
        errors.append(TransportError)
    except ImportError:
        pass
    return tuple(errors)


class FallbackBackend:
    """Reads from `primary`; when it raises one of `errors`, logs a warning and asks `fallback`.

    With a `breaker` (search.backends.breaker.CircuitBreaker), the primary's failures
    are counted: while the breaker is open, reads go to the fallback at once instead
    of waiting for a primary that keeps failing.

    Index upkeep (products_index, rebuild) goes to the primary only and is not
    hidden: a failing index write must fail its Celery task, which then retries.
    """

    def __init__(self, primary, fallback, *, errors: tuple[type[BaseException], ...] | None = None,
                 breaker: CircuitBreaker | None = None):
        self.primary = primary
        self.fallback = fallback
        self.errors = errors if errors is not None else _backend_errors()
        self.breaker = breaker
        self.name = primary.name

    def search(self, request: SearchRequest) -> SearchResult:
        return self._read("search", lambda backend: backend.search(request))

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        return self._read("suggest", lambda backend: backend.suggest(text, limit=limit))

    def _read(self, operation: str, read: Callable):
        if self.breaker is not None and not self.breaker.allows():
            return read(self.fallback)
        try:
            answer = read(self.primary)
        except self.errors as error:
            self._warn(operation, error)
            if self.breaker is not None:
                self.breaker.failed()
            return read(self.fallback)
        if self.breaker is not None:
            self.breaker.succeeded()
        return answer

    def products_index(self, product_ids: list[int]) -> None:
        self.primary.products_index(product_ids)

    def rebuild(self, *, progress=None) -> int:
        return self.primary.rebuild(progress=progress)

    def _warn(self, operation: str, error: BaseException) -> None:
        logger.warning(
            "Search backend %s failed on %s (%s: %s); answering from %s",
            self.primary.name, operation, type(error).__name__, error, self.fallback.name,
        )
