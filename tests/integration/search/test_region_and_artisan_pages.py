"""The region and artisan pages list their products through the search interface.

The page's region (or artisan) is a fixed filter: the buyer narrows within it by
the other facets, sorts and pages, and can neither remove nor widen it. Run on the
database backend (SQLite, and PostgreSQL with DATABASE_URL); the header of each
page shows what it showed before (council, artisans, story, crafts, verification).
"""
import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Artisan
from search.views.places import ArtisanDetailView, RegionDetailView
from curation import services
from tests import factories
from tests.support.search import Catalogue, draft, publish

pytestmark = pytest.mark.django_db


class RegionCatalogue(Catalogue):
    """The contract catalogue, with a second artisan in Bojonegoro and two who have no page.

    Bojonegoro: Sekar Jati's tulis (Rp 1.250.000, natural dye) and cap (Rp 350.000,
    synthetic), Batik Dewi's kawung (Rp 650.000, tulis, natural), and Sekar Jati's
    three hidden products. Newest first (in the order they were published): kawung,
    cap, tulis.
    """

    def __init__(self):
        super().__init__()
        self.bojonegoro = self.sekar.region
        self.dewi = factories.ArtisanFactory(name="Batik Dewi", slug="batik-dewi",
                                             region=self.bojonegoro)
        self.kawung = publish(draft(
            "Kain Batik Tulis Kawung", artisan=self.dewi, product_class=self.tulis.product_class,
            price="650000", categories=[self.kain_batik], technique="tulis", dye="natural",
            description="Batik tulis motif kawung.",
        ))
        self.pending = factories.ArtisanFactory(name="Belum Diverifikasi", slug="belum",
                                                region=self.bojonegoro, is_verified=False)
        self.declined = factories.ArtisanFactory(name="Ditolak Dewan", slug="ditolak",
                                                 region=self.bojonegoro, is_verified=False,
                                                 declined_at=timezone.now())


@pytest.fixture
def catalogue(settings, client):
    settings.SEARCH_BACKEND = "database"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return RegionCatalogue()


def ids(response) -> list[int]:
    return [product.pk for product in response.context["products"]]


def facets(response) -> dict[str, dict[str, int]]:
    """facet name -> {key: count} of the facets the page offers."""
    return {facet["name"]: {value.key: value.count for value in facet["values"]}
            for facet in response.context["facets"]}


def html(response) -> str:
    return response.content.decode()


# --- Region page -------------------------------------------------------------------

def test_region_page_lists_only_its_regions_approved_products_newest_first(client, catalogue):
    response = client.get(catalogue.bojonegoro.get_absolute_url())

    assert response.status_code == 200
    assert ids(response) == [catalogue.kawung.pk, catalogue.cap.pk, catalogue.tulis.pk]
    assert response.context["paginator"].count == 3
    assert response.context["search_request"].filters["region"] == ("bojonegoro",)
    page = html(response)
    for hidden in catalogue.hidden + [catalogue.tas_pandan, catalogue.kapal]:
        assert hidden.get_absolute_url() not in page


def test_region_page_keeps_its_header_council_and_public_artisans(client, catalogue):
    region = catalogue.bojonegoro
    region.description_en = "A regency on the Bengawan Solo."
    region.save()

    response = client.get(region.get_absolute_url())

    page = html(response)
    assert region.council_name in page and "A regency on the Bengawan Solo." in page
    assert list(response.context["artisans"]) == [catalogue.dewi, catalogue.sekar]
    assert catalogue.dewi.get_absolute_url() in page and catalogue.sekar.get_absolute_url() in page
    assert catalogue.pending.get_absolute_url() not in page
    assert catalogue.declined.get_absolute_url() not in page


def test_region_page_offers_every_facet_but_region_with_its_regions_counts(client, catalogue):
    response = client.get(catalogue.bojonegoro.get_absolute_url())

    found = facets(response)
    assert set(found) == {"craft", "artisan", "technique", "dye", "price"}
    assert found["artisan"] == {"sekar-jati": 2, "batik-dewi": 1}
    assert found["technique"] == {"tulis": 2, "cap": 1}
    assert found["dye"] == {"natural": 2, "synthetic": 1}
    assert found["price"] == {"250000-500000": 1, "500000-1000000": 1, "1000000-2500000": 1}
    assert found["craft"] == {str(catalogue.kain.pk): 3, str(catalogue.kain_batik.pk): 3}
    assert 'data-facet="region"' not in html(response)


def test_region_page_with_a_facet_and_price_order(client, catalogue):
    response = client.get(catalogue.bojonegoro.get_absolute_url(),
                          {"technique": "tulis", "sort_by": "price-asc"})

    assert ids(response) == [catalogue.kawung.pk, catalogue.tulis.pk]
    found = facets(response)
    # A facet's counts leave out its own selection (to widen), the others' apply.
    assert found["technique"] == {"tulis": 2, "cap": 1}
    assert found["artisan"] == {"sekar-jati": 1, "batik-dewi": 1}
    page = html(response)
    assert 'name="technique" value="tulis" checked' in page
    assert '<option value="price-asc" selected>' in page

    descending = client.get(catalogue.bojonegoro.get_absolute_url(),
                            {"technique": "tulis", "sort_by": "price-desc"})
    assert ids(descending) == [catalogue.tulis.pk, catalogue.kawung.pk]


def test_region_page_narrows_by_artisan_within_the_region_only(client, catalogue):
    url = catalogue.bojonegoro.get_absolute_url()

    dewi = client.get(url, {"artisan": "batik-dewi"})
    elsewhere = client.get(url, {"artisan": "pandan-lestari"})

    assert ids(dewi) == [catalogue.kawung.pk]
    assert ids(elsewhere) == []


def test_the_buyer_cannot_remove_or_widen_the_region(client, catalogue):
    response = client.get(catalogue.bojonegoro.get_absolute_url(),
                          {"region": ["lumajang", "bangka-barat"]})

    assert ids(response) == [catalogue.kawung.pk, catalogue.cap.pk, catalogue.tulis.pk]
    assert response.context["search_request"].filters["region"] == ("bojonegoro",)
    assert response.context["facets_selected"] is False


def test_region_page_pagination_keeps_the_region_the_facets_and_the_order(
    client, catalogue, monkeypatch
):
    monkeypatch.setattr(RegionDetailView, "paginate_by", 1)
    url = catalogue.bojonegoro.get_absolute_url()
    asked = {"dye": "natural", "sort_by": "price-desc"}

    first = client.get(url, asked)
    second = client.get(url, {**asked, "page": 2})

    assert ids(first) == [catalogue.tulis.pk] and ids(second) == [catalogue.kawung.pk]
    assert first.context["paginator"].num_pages == 2
    assert 'href="?dye=natural&amp;sort_by=price-desc&amp;page=2"' in html(first)
    assert client.get(url, {**asked, "page": 3}).status_code == 404
    # Every page of the unfiltered list together: the region's three, nothing else.
    walked = [pk for number in (1, 2, 3) for pk in ids(client.get(url, {"page": number}))]
    assert sorted(walked) == sorted([catalogue.kawung.pk, catalogue.cap.pk, catalogue.tulis.pk])


def test_unknown_region_is_404(client, catalogue):
    assert client.get(reverse("region-detail", kwargs={"slug": "tidak-ada"})).status_code == 404


def test_region_page_of_a_region_without_products_lists_nothing(client, catalogue, other_region):
    response = client.get(other_region.get_absolute_url())

    assert response.status_code == 200 and ids(response) == []
    assert response.context["paginator"].count == 0


def test_a_product_delisted_leaves_the_region_page_at_once(client, catalogue):
    curator = factories.CuratorFactory(regions=[catalogue.bojonegoro])
    services.product_delist(product_id=catalogue.kawung.pk, user=curator.user, note="Motif.")

    response = client.get(catalogue.bojonegoro.get_absolute_url())

    assert ids(response) == [catalogue.cap.pk, catalogue.tulis.pk]
    assert facets(response)["artisan"] == {"sekar-jati": 2}


# --- Artisan page ------------------------------------------------------------------

def test_artisan_page_lists_only_its_approved_products_newest_first(client, catalogue):
    response = client.get(catalogue.sekar.get_absolute_url())

    assert ids(response) == [catalogue.cap.pk, catalogue.tulis.pk]
    assert response.context["search_request"].filters["artisan"] == ("sekar-jati",)
    page = html(response)
    for hidden in catalogue.hidden + [catalogue.kawung]:
        assert hidden.get_absolute_url() not in page


def test_artisan_page_keeps_its_profile_region_crafts_and_verification(client, catalogue):
    sekar = catalogue.sekar
    sekar.story_en = "A family of batik makers."
    sekar.save()
    sekar.crafts.add(catalogue.tulis.product_class)

    response = client.get(sekar.get_absolute_url())

    page = html(response)
    assert "A family of batik makers." in page
    assert sekar.region.get_absolute_url() in page
    assert f'{reverse("catalogue:index")}?craft=batik' in page
    assert list(response.context["crafts"]) == [catalogue.tulis.product_class]
    assert sekar.region.council_name in page  # "verified by" the council


def test_artisan_page_offers_craft_technique_dye_and_price_with_its_counts(client, catalogue):
    response = client.get(catalogue.sekar.get_absolute_url())

    found = facets(response)
    assert set(found) == {"craft", "technique", "dye", "price"}
    assert found["technique"] == {"tulis": 1, "cap": 1}
    assert found["dye"] == {"natural": 1, "synthetic": 1}
    assert found["price"] == {"250000-500000": 1, "1000000-2500000": 1}
    assert found["craft"] == {str(catalogue.kain.pk): 2, str(catalogue.kain_batik.pk): 2}
    page = html(response)
    assert 'data-facet="artisan"' not in page and 'data-facet="region"' not in page


def test_artisan_page_with_a_facet_and_both_price_orders(client, catalogue):
    url = catalogue.sekar.get_absolute_url()

    natural = client.get(url, {"dye": "natural"})
    cheapest = client.get(url, {"sort_by": "price-asc"})
    dearest = client.get(url, {"sort_by": "price-desc", "price": ["250000-500000",
                                                                   "1000000-2500000"]})

    assert ids(natural) == [catalogue.tulis.pk]
    assert facets(natural)["technique"] == {"tulis": 1}
    assert ids(cheapest) == [catalogue.cap.pk, catalogue.tulis.pk]
    assert ids(dearest) == [catalogue.tulis.pk, catalogue.cap.pk]


def test_the_buyer_cannot_swap_the_artisan(client, catalogue):
    response = client.get(catalogue.sekar.get_absolute_url(),
                          {"artisan": "batik-dewi", "region": "lumajang"})

    assert ids(response) == [catalogue.cap.pk, catalogue.tulis.pk]
    assert response.context["search_request"].filters == {"artisan": ("sekar-jati",)}


def test_artisan_page_pagination_keeps_the_artisan_the_facets_and_the_order(
    client, catalogue, monkeypatch
):
    monkeypatch.setattr(ArtisanDetailView, "paginate_by", 1)
    url = catalogue.sekar.get_absolute_url()
    asked = {"category": str(catalogue.kain.pk), "sort_by": "price-asc"}

    first = client.get(url, asked)
    second = client.get(url, {**asked, "page": 2})

    assert ids(first) == [catalogue.cap.pk] and ids(second) == [catalogue.tulis.pk]
    assert f'href="?category={catalogue.kain.pk}&amp;sort_by=price-asc&amp;page=2"' in html(first)
    assert client.get(url, {**asked, "page": 3}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_unknown_pending_and_declined_artisans_have_no_page(client, catalogue):
    assert client.get(reverse("artisan-detail", kwargs={"slug": "tidak-ada"})).status_code == 404
    assert client.get(catalogue.pending.get_absolute_url()).status_code == 404
    assert client.get(catalogue.declined.get_absolute_url()).status_code == 404


def test_an_artisan_no_longer_verified_keeps_a_page_while_it_has_public_products(
    client, catalogue
):
    # The council withdrew the verification (the admin); approved products stay public.
    Artisan.objects.filter(pk=catalogue.dewi.pk).update(
        is_verified=False, verified_at=None, admission_state=Artisan.AdmissionState.PENDING)

    response = client.get(catalogue.dewi.get_absolute_url())

    assert response.status_code == 200
    assert ids(response) == [catalogue.kawung.pk]
    assert catalogue.bojonegoro.council_name not in html(response)  # no "verified by"

    curator = factories.CuratorFactory(regions=[catalogue.bojonegoro])
    services.product_delist(product_id=catalogue.kawung.pk, user=curator.user, note="Motif.")
    assert client.get(catalogue.dewi.get_absolute_url()).status_code == 404

