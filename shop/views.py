"""Site-wide views that belong to no app."""
import json
import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.static import serve

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


CSP_REPORT_MAX_BYTES = 16 * 1024


@csrf_exempt
@require_POST
def csp_report(request):
    """Log a browser's Content-Security-Policy violation report; always 204.

    Browsers send these without cookies or a CSRF token. A report is only logged
    (the page, the blocked address, the directive), never stored, and an oversized
    or unreadable body is dropped: anyone can post here.
    """
    if len(request.body) <= CSP_REPORT_MAX_BYTES:
        try:
            report = json.loads(request.body).get("csp-report", {})
        except (ValueError, AttributeError, RecursionError):  # not JSON, not an object, too deep
            report = None
        if isinstance(report, dict):
            logger.warning(
                "CSP violation on %s: %s blocked %s",
                str(report.get("document-uri", ""))[:300],
                str(report.get("violated-directive", ""))[:100],
                str(report.get("blocked-uri", ""))[:300],
            )
    return HttpResponse(status=204)


def media_serve(request, path: str):
    """Public media from MEDIA_ROOT (read now: tests give each test its own folder),
    for the development server and the browser tests; see shop/urls.py."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
