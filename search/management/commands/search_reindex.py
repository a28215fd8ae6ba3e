"""Rebuild the search index in bulk.

    python manage.py search_reindex [--backend database|elasticsearch]

Without --backend: the database backend's rows, and Elasticsearch's index too when
SEARCH_BACKEND=elasticsearch (the rows are its fallback).
"""
from django.core.management.base import BaseCommand

from search.backends import DatabaseBackend


class Command(BaseCommand):
    help = "Rebuild the search index of every public product, printing progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", choices=["database", "elasticsearch"], default=None,
            help="Only this backend's index (default: the database rows, and "
                 "Elasticsearch when SEARCH_BACKEND=elasticsearch).",
        )

    def handle(self, *args, backend, **options):
        if backend is None:
            from search.indexing import index_rebuild

            for name, indexed in index_rebuild(progress=self._progress).items():
                self.stdout.write(self.style.SUCCESS(f"{name}: {indexed} products indexed."))
            return
        if backend == "elasticsearch":
            # The index itself, never the database fallback: a failure must show.
            from search.backends.elasticsearch import ElasticsearchBackend

            engine = ElasticsearchBackend()
        else:
            engine = DatabaseBackend()
        indexed = engine.rebuild(progress=self._progress)
        self.stdout.write(self.style.SUCCESS(f"{backend}: {indexed} products indexed."))

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        self.stdout.write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
