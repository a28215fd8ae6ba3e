"""Latency and queries per request of search and browse on the catalogue loaded now.

    python manage.py load_demo_crafts --products 10000   # into an empty database
    python manage.py search_reindex
    python manage.py search_benchmark --repeat 50

Prints, for each kind of request, the median and 95th percentile in milliseconds
and the number of SQL queries per request (the same at every catalogue size).
"""
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.selectors import categories_public
from search.backends import search_backend
from search.engine import SearchRequest
from search.models import ProductDocument

TEXTS = ["batik tulis", "tenun cual", "pewter gift", "tas anyaman", "batk tulis bojonegoro"]


class Command(BaseCommand):
    help = "Measure search and browse latency (median, 95th percentile) and queries per request."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30,
                            help="Requests of each kind (default 30).")

    def handle(self, *args, repeat, **options):
        backend = search_backend()
        indexed = ProductDocument.objects.count()
        self.stdout.write(f"backend {backend.name}, {connection.vendor}, {indexed} products indexed")
        for name, requests in self._kinds():
            timings, queries = [], set()
            for index in range(repeat):
                request = requests[index % len(requests)]
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    backend.search(request)
                    timings.append((time.perf_counter() - started) * 1000)
                queries.add(len(captured.captured_queries))
            self.stdout.write(
                f"{name:<28} median {statistics.median(timings):7.1f} ms   "
                f"p95 {_percentile(timings, 95):7.1f} ms   "
                f"queries {'/'.join(str(n) for n in sorted(queries))}"
            )

    def _kinds(self):
        region = ProductDocument.objects.exclude(region="").values_list("region", flat=True)
        region = region.first() or "none"
        category = categories_public().filter(depth=1).first()
        craft = {"craft": (str(category.pk),)} if category else {}
        return [
            ("search", [SearchRequest(text=text) for text in TEXTS]),
            ("search with facets", [
                SearchRequest(text=text, filters={"region": (region,), "price": ("0-250000",
                                                                                 "250000-500000")},
                              sort="price-asc")
                for text in TEXTS
            ]),
            ("browse", [SearchRequest(page=page) for page in (1, 2, 5)]),
            ("browse a category, sorted", [SearchRequest(filters=craft, sort="newest")]),
        ]


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
