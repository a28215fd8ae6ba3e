"""Browsing counts its facets from FacetCombination (PostgreSQL): after any mix of
publishing, price changes, renaming, filing in a category and delisting, its counts are
exactly a GROUP BY over the documents there are, with no combination below zero."""
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from artisans.portal.services import product_stock_update
from curation import services
from search.backends.database import DatabaseBackend
from search.backends.documents import CATEGORY_IDS_SQL, COMBINATION_KEY, price_bucket_sql
from search.models import FacetCombination
from tests import factories

pytestmark = [
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="facet combinations are PostgreSQL's; runs in its pass"),
    pytest.mark.django_db,
]


def counted_now() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(COMBINATION_KEY)}, documents FROM search_facetcombination "
            "WHERE documents <> 0")
        return {(*row[:-2], tuple(row[-2])): row[-1] for row in cursor.fetchall()}


def counted_from_documents() -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(COMBINATION_KEY[:-2])}, {price_bucket_sql()}, "
            f"{CATEGORY_IDS_SQL}, COUNT(*) FROM search_productdocument d "
            "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10")
        return {(*row[:-2], tuple(row[-2])): row[-1] for row in cursor.fetchall()}


def test_combinations_follow_every_change_and_a_rebuild():
    kain = factories.CategoryFactory(name="Kain")
    first = factories.published_product(title="Kain Batik Tulis", stock=(Decimal("350000"), 3))
    second = factories.published_product(title="Kain Batik Cap", artisan=first.artisan,
                                         stock=(Decimal("350000"), 3))
    third = factories.published_product(title="Tas Anyaman", stock=(Decimal("185000"), 2))
    assert counted_now() == counted_from_documents()
    assert max(counted_now().values()) == 2  # the two alike share a combination

    artisan_user = first.artisan.partner.users.first()
    product_stock_update(product=first, user=artisan_user, price=Decimal("1250000"),
                         num_in_stock=3)
    second.categories.add(kain)
    first.artisan.name = "Sekar Jagad"
    first.artisan.save()
    curator = factories.CuratorFactory(regions=[third.artisan.region])
    services.product_delist(product_id=third.pk, user=curator.user, note="Bukan karya asli.")

    assert counted_now() == counted_from_documents()
    assert len(counted_now()) == 2
    assert FacetCombination.objects.filter(documents__lt=0).count() == 0

    DatabaseBackend().rebuild()
    assert counted_now() == counted_from_documents()
    assert FacetCombination.objects.filter(documents=0).count() == 0
