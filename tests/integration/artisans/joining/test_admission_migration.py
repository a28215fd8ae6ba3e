"""The migration to the admission event log keeps every answer the old columns held:
a database with businesses verified, declined, waiting, and declined then sent again
(the old columns' only trace of a reapplication) is migrated forward from catalogue
0040 to the latest migrations.
"""
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from artisans.models import AdmissionEvent
from catalogue.models import Artisan
from tests.factories import PartnerFactory, RegionFactory, UserFactory

# The migrations run inside the test's own transaction and are rolled back with it,
# which only PostgreSQL's transactional DDL allows (see payouts' backfill test).
pytestmark = [
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="migrates inside the test's transaction (PostgreSQL's DDL); "
                              "runs in the PostgreSQL pass of `make test`"),
    pytest.mark.django_db,
]

BEFORE = [("catalogue", "0040_artisan_admission_state"), ("artisans", None)]


def _migrate(target):
    # The rows written so far are checked now: PostgreSQL alters no table with
    # deferred foreign key checks pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state([node for node in target if node[1]]).apps


def test_the_old_decision_columns_become_the_admission_history():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    region, curator, applicant = RegionFactory(), UserFactory(), UserFactory()
    # Given a database before the event log, its answers in the old columns
    apps = _migrate(BEFORE)
    OldArtisan = apps.get_model("catalogue", "Artisan")
    t0 = timezone.now() - timedelta(days=30)

    def business(name, **columns):
        partner = PartnerFactory(name=name)
        partner.users.add(applicant)
        artisan = OldArtisan.objects.create(partner_id=partner.pk, name=name, slug=name,
                                            region_id=region.pk, **columns)
        OldArtisan.objects.filter(pk=artisan.pk).update(created_at=t0)
        return artisan.pk

    verified = business("verified", admission_state="verified", is_verified=True,
                        verified_at=t0 + timedelta(days=2), reviewed_by_id=curator.pk,
                        review_note="Cocok.")
    declined = business("declined", admission_state="declined",
                        declined_at=t0 + timedelta(days=1), reviewed_by_id=curator.pk,
                        review_note="NIB salah.")
    waiting = business("waiting")
    again = business("again", reviewed_by_id=curator.pk, review_note="Foto kurang.")

    # When it is migrated to the latest migrations
    _migrate(latest)

    # Then each business has its history, every answer with its curator and note
    def history(pk):
        return [(e.kind, e.from_state, e.to_state, e.actor_id, e.note) for e in
                AdmissionEvent.objects.filter(artisan_id=pk).order_by("created_at", "pk")]

    applied = ("applied", "", "pending", applicant.pk, "")
    assert history(verified) == [applied, ("verified", "pending", "verified", curator.pk,
                                           "Cocok.")]
    assert history(declined) == [applied, ("declined", "pending", "declined", curator.pk,
                                           "NIB salah.")]
    assert history(waiting) == [applied]
    assert history(again) == [
        applied, ("declined", "pending", "declined", curator.pk, "Foto kurang."),
        ("reapplied", "declined", "pending", applicant.pk, "")]
    assert AdmissionEvent.objects.get(artisan_id=verified, kind="verified").created_at == (
        t0 + timedelta(days=2))
    assert AdmissionEvent.objects.get(artisan_id=declined, kind="declined").created_at == (
        t0 + timedelta(days=1))
    assert dict(Artisan.objects.values_list("pk", "admission_state")) == {
        verified: "verified", declined: "declined", waiting: "pending", again: "pending"}
