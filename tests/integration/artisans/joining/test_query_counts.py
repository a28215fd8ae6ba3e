"""The council's list of applications costs the same queries however many there are."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArtisanFactory, ProductClassFactory

pytestmark = pytest.mark.django_db


def test_application_list_queries_do_not_grow(client, curator, region):
    craft = ProductClassFactory(name="Anyaman Uji")
    client.force_login(curator.user)
    url = reverse("curation-artisan-list")
    client.get(url)

    def queries(n: int) -> int:
        for _ in range(n):
            ArtisanFactory(region=region, is_verified=False).crafts.add(craft)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries(2) == queries(12)
