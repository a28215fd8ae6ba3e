"""manage.py curation_figures_benchmark: how long the council's figures take at scale."""
import random
import statistics
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.models import Product, Region
from curation.figures import curation_figures
from curation.models import Submission
from catalogue.states import CurationState

S = CurationState
# How the made-up submissions end: mostly approved, as in the demo councils.
OUTCOMES = [(S.APPROVED, 60), (S.CHANGES_REQUESTED, 25), (S.REJECTED, 10), (S.DRAFT, 5)]
OPEN_SHARE = 0.05


class Rollback(Exception):
    """Raised to undo the benchmark's rows at the end."""


@contextmanager
def submitted_at_settable():
    """Let bulk_create keep our submitted_at: the field is auto_now_add otherwise."""
    field = Submission._meta.get_field("submitted_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


class Command(BaseCommand):
    help = (
        "Add N made-up submissions (default 100000) over the existing products (load "
        "the demo first), spread over the past year, then time curation_figures for "
        "every region and for one region and count its queries. Everything runs in "
        "one transaction that is rolled back at the end unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000,
                            help="How many submissions to add (default 100000).")
        parser.add_argument("--repeat", type=int, default=3,
                            help="Time each computation this many times (default 3).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--keep", action="store_true",
                            help="Keep the made-up submissions (never on a live site).")
        parser.add_argument("--allow-without-debug", action="store_true",
                            help="Run with DEBUG off, e.g. on a staging copy.")

    def handle(self, *args, count: int, repeat: int, seed: int, keep: bool,
               allow_without_debug: bool, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: this looks like a live site, and the benchmark writes "
                "made-up submissions. Pass --allow-without-debug on a staging copy."
            )
        if count < 1 or repeat < 1:
            raise CommandError("--count and --repeat must be at least 1.")
        try:
            with transaction.atomic():
                self.run(count=count, repeat=repeat, rng=random.Random(seed))
                if not keep:
                    raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the database is as it was.")
        else:
            self.stdout.write(self.style.WARNING(f"Kept the {count} made-up submissions."))

    def run(self, *, count: int, repeat: int, rng: random.Random) -> None:
        products = self.products()
        started = time.monotonic()
        with submitted_at_settable():
            Submission.objects.bulk_create(self.submissions(products, count, rng),
                                           batch_size=2000)
        self.stdout.write(f"Added {count} submissions over {len(products)} products in "
                          f"{time.monotonic() - started:.1f} s "
                          f"({Submission.objects.count()} in all now).")
        since = timezone.localdate() - timedelta(days=365)
        self.measure("every region", Region.objects.all(), since, repeat)
        busiest = (Region.objects.annotate(n=Count("artisans__products__submissions"))
                   .order_by("-n").first())
        if busiest is not None:
            self.measure(busiest.display_name, Region.objects.filter(pk=busiest.pk), since,
                         repeat)

    def products(self) -> list[tuple[int, int, bool]]:
        """(product id, an artisan login, whether it has an open submission)."""
        open_ids = set(Submission.objects.filter(is_open=True).values_list("product_id",
                                                                           flat=True))
        rows = {}
        for pk, user_id in (Product.objects.filter(artisan__isnull=False, parent__isnull=True,
                                                   artisan__partner__users__isnull=False)
                            .values_list("pk", "artisan__partner__users").order_by("pk")):
            rows.setdefault(pk, user_id)
        if not rows:
            raise CommandError("No products with an artisan login: run load_demo_crafts first.")
        return [(pk, user_id, pk in open_ids) for pk, user_id in rows.items()]

    def submissions(self, products, count: int, rng: random.Random):
        now = timezone.now()
        free = [p for p in products if not p[2]]  # may take one open submission each
        rng.shuffle(free)
        outcomes, weights = zip(*OUTCOMES)
        for n in range(count):
            product_id, user_id, _ = products[n % len(products)]
            submitted_at = now - timedelta(days=rng.uniform(0, 365))
            due_at = submitted_at + timedelta(days=14)
            if free and rng.random() < OPEN_SHARE:
                product_id, user_id, _ = free.pop()
                yield Submission(product_id=product_id, submitted_by_id=user_id,
                                 submitted_at=submitted_at, due_at=due_at)
                continue
            # Most decided within days, some after weeks (a long tail, as in life).
            taken = timedelta(hours=rng.lognormvariate(3.5, 1.0))
            yield Submission(
                product_id=product_id, submitted_by_id=user_id, submitted_at=submitted_at,
                due_at=due_at, is_open=False, outcome=rng.choices(outcomes, weights)[0],
                decided_at=min(submitted_at + taken, now), note="benchmark",
            )

    def measure(self, what: str, regions, since, repeat: int) -> None:
        seconds = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.monotonic()
                # A fresh queryset each time: a cached one would hide its query.
                figures = curation_figures(regions=regions.all(), since=since)
                seconds.append(time.monotonic() - started)
        total = figures.total
        self.stdout.write(
            f"Figures for {what} since {since}: {total.submissions} submissions, "
            f"{total.decisions} decisions, {len(figures.by_region_and_craft)} region×craft "
            f"rows; {len(queries.captured_queries)} queries "
            f"({', '.join(q['time'] + ' s' for q in queries.captured_queries)}); "
            f"best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s "
            f"of {repeat}."
        )
