"""manage.py load_demo_crafts: fill an empty database with the demo marketplace."""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_ACCOUNTS
from demo.loader import (
    PHOTO_POOL,
    DemoDatabaseNotEmpty,
    demo_database_is_empty,
    demo_load,
)


class Command(BaseCommand):
    help = (
        "Fill an empty database with the demo marketplace: regions and their curators, "
        "artisan businesses with their logins, a buyer, an admin, and products of every "
        "craft in every curation state, each with stock, attributes, a category and a "
        f"generated photo. The first {PHOTO_POOL} products get a photo of their own; later "
        f"ones reuse photo number (n mod {PHOTO_POOL}). The same seed gives the same data. "
        "Refuses a database that already has regions or products (start from a fresh "
        "one, e.g. remove var/db.sqlite3), unless --if-empty, which then does nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=200,
                            help="How many products (default 200; 20 or more holds every "
                                 "curation state).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing, successfully, if the database already has "
                                 "regions or products (for `make run`).")
        parser.add_argument("--allow-without-debug", action="store_true",
                            help="Load even with DEBUG off. The demo accounts have published "
                                 "passwords (an admin among them): never on a live site.")

    def handle(self, *args, products: int, seed: int, if_empty: bool, verbosity: int,
               allow_without_debug: bool = False, **options):
        self.verbosity = verbosity
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: this looks like a live site, and the demo creates accounts "
                "whose passwords are published (an admin among them). Refusing; pass "
                "--allow-without-debug for a staging copy."
            )
        if products < 0:
            raise CommandError("--products must be 0 or more.")
        if not demo_database_is_empty():
            if if_empty:
                self.stdout.write("Demo data not loaded: the database already has regions "
                                  "or products.")
                return
            raise CommandError(
                "The database already has regions or products; load_demo_crafts only fills "
                "an empty database. Use a fresh one (for SQLite remove var/db.sqlite3 and run "
                "`make run`), or pass --if-empty to skip quietly."
            )
        started = time.monotonic()
        try:
            loaded = demo_load(products=products, seed=seed, progress=self._progress)
        except DemoDatabaseNotEmpty as error:  # filled by someone else meanwhile
            raise CommandError(str(error)) from error
        self._report(loaded, seconds=time.monotonic() - started)

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)

    def _report(self, loaded, *, seconds: float) -> None:
        states = ", ".join(f"{state} {n}" for state, n in sorted(loaded.states.items()))
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {loaded.regions} regions, {loaded.artisans} artisans, "
            f"{loaded.products} products ({states}) and {loaded.photos} photos "
            f"in {seconds:.1f} s."
        ))
        self.stdout.write("\nDemo accounts (sign in with the email):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:8} {account.username:32} {account.email:52} "
                              f"{account.password}")
