"""Orders holding lines of two artisans, and the council staff who refund."""
import pytest
from django.contrib.auth.models import Permission

from tests.factories import ArtisanFactory, OrderFactory, UserFactory
from tests.integration.fulfilment.helpers import paid_line


@pytest.fixture
def other_artisan(other_region):
    return ArtisanFactory(region=other_region)


@pytest.fixture
def other_user(other_artisan):
    return other_artisan.partner.users.get()


@pytest.fixture
def shared_order(artisan, other_artisan):
    """One paid order holding a line of `artisan` and a line of `other_artisan`."""
    order = OrderFactory(guest_email="pembeli@example.id")
    own = paid_line(artisan, order, quantity=2)
    other = paid_line(other_artisan, order)
    return order, own, other


@pytest.fixture
def council_staff():
    """Council staff who manage payments (and so record refunds)."""
    user = UserFactory(is_staff=True, email="dewan@example.id")
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="order", codename__in=["view_order", "change_order"]
    ))
    return user


@pytest.fixture
def artisan_client(client, artisan_user):
    client.force_login(artisan_user)
    return client
