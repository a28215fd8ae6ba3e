"""Site-wide views that belong to no app."""
import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness and database check for load balancers: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:  # a health check reports, it does not raise
        # The details go to the log, not to whoever asks: they name hosts and users.
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
