"""People who work on the marketplace find their area from every page; errors are ours."""
import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def work_links(client):
    return [url for url, _ in client.get("/").context["work_links"]]


def test_each_role_sees_the_links_to_its_own_areas(client, artisan_user, curator):
    assert client.get("/").status_code == 200
    client.force_login(artisan_user)
    assert work_links(client) == [reverse("portal-product-list")]
    client.force_login(curator.user)
    assert work_links(client) == [reverse("curation-queue")]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert work_links(client) == [reverse("curation-queue"), reverse("dashboard:index")]
    client.force_login(UserFactory())
    assert work_links(client) == []


@override_settings(DEBUG=False)
def test_unknown_page_is_our_404(client):
    response = client.get("/catalogue/tidak-ada_999999/")
    assert response.status_code == 404
    assert reverse("catalogue:index") in response.content.decode()
    assert "k-header" in response.content.decode()
