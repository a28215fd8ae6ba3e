"""A backend that answers from a fallback when its primary fails (Elasticsearch down or slow)."""
import logging

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

    Index upkeep (products_index, rebuild) goes to the primary only and is not
    hidden: a failing index write must fail its Celery task, which then retries.
    """

    def __init__(self, primary, fallback, *, errors: tuple[type[BaseException], ...] | None = None):
        self.primary = primary
        self.fallback = fallback
        self.errors = errors if errors is not None else _backend_errors()
        self.name = primary.name

    def search(self, request: SearchRequest) -> SearchResult:
        try:
            return self.primary.search(request)
        except self.errors as error:
            self._warn("search", error)
            return self.fallback.search(request)

    def suggest(self, text: str, *, limit: int = 5) -> Suggestions:
        try:
            return self.primary.suggest(text, limit=limit)
        except self.errors as error:
            self._warn("suggest", error)
            return self.fallback.suggest(text, limit=limit)

    def products_index(self, product_ids: list[int]) -> None:
        self.primary.products_index(product_ids)

    def rebuild(self, *, progress=None) -> int:
        return self.primary.rebuild(progress=progress)

    def _warn(self, operation: str, error: BaseException) -> None:
        logger.warning(
            "Search backend %s failed on %s (%s: %s); answering from %s",
            self.primary.name, operation, type(error).__name__, error, self.fallback.name,
        )
