"""The price facet on an English page writes rupiah the shop's way (Rp 250.000),
not the English way (Rp 250,000) that Django's intcomma gave it."""
import pytest
from django.urls import reverse

from tests.support.search import Catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_BACKEND = "database"
    return Catalogue()


def test_price_ranges_read_rp_250_000_on_the_english_catalogue_page(client, catalogue):
    # given a buyer who chose English
    client.cookies["django_language"] = "en"

    # when they open the catalogue
    response = client.get(reverse("catalogue:index"))

    # then the price facet is English but the amounts are written as in Indonesia
    page = response.content.decode()
    assert 'lang="en"' in page
    labels = [v.label for v in {f["name"]: f for f in response.context["facets"]}["price"]["values"]]
    assert labels[0] == "Under Rp\u00a0250.000"
    assert labels[1] == "Rp\u00a0250.000 – Rp\u00a0500.000"
    assert labels[-1] == "Rp\u00a02.500.000 and more"
    assert "Rp\u00a0250.000" in page
    assert "250,000" not in page
