"""What the storefront pages show: products, prices, links, the curation mark, languages.

Assertions are on titles, addresses, prices and counts; never on interface text,
which translators will change.
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Category, Product, ProductAttribute
from search.indexing import products_index_after_change
from search.views.catalogue import CatalogueView
from tests import factories
from tests.support.storefront import add_photo, html

pytestmark = pytest.mark.django_db


def publish(title, *, artisan, price="1250000", published_days_ago=0, **kwargs):
    product = factories.published_product(title=title, artisan=artisan,
                                          stock=(Decimal(price), 5), **kwargs)
    if published_days_ago:
        # As if approved that long ago: the approval writes the search row with it.
        Product.objects.filter(pk=product.pk).update(
            published_at=timezone.now() - timedelta(days=published_days_ago))
        products_index_after_change(product_ids=[product.pk])
    return product


def titles(response, key="products"):
    return [product.title for product in response.context[key]]


# --- Frame ------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/catalogue/", "/basket/", "/accounts/login/", "/regions/"])
def test_every_page_has_our_frame_search_and_language_switcher(client, url):
    page = html(client.get(url))

    assert 'class="k-brand"' in page
    assert f'action="{reverse("search:search")}"' in page
    assert f'action="{reverse("set_language")}"' in page
    assert 'name="language" value="en"' in page and 'name="language" value="id"' in page
    assert "/static/css/kriya.css" in page
    assert "googleapis" not in page  # nothing from outside: the site works offline


def test_our_pages_leave_out_bootstrap_and_oscars_pages_keep_it(client):
    assert "oscar/css/styles.css" not in html(client.get("/"))
    assert "oscar/css/styles.css" in html(client.get("/basket/"))


def test_language_switch_remembers_english_and_returns_to_the_page(client, region):
    region.description_en = "A regency on the Bengawan Solo."
    region.description_id = "Kabupaten di tepi Bengawan Solo."
    region.save()

    response = client.post(reverse("set_language"),
                           {"language": "en", "next": region.get_absolute_url()})

    assert response.status_code == 302
    assert response["Location"] == region.get_absolute_url()
    page = html(client.get(region.get_absolute_url()))
    assert '<html lang="en"' in page
    assert "A regency on the Bengawan Solo." in page
    assert "Kabupaten di tepi Bengawan Solo." not in page


def test_basket_count_in_header(client, artisan):
    product = publish("Tas Pandan", artisan=artisan)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})

    page = html(client.get("/"))

    assert '<span class="k-badge" data-basket-count>2</span>' in page


# --- Home ----------------------------------------------------------------------

def test_home_shows_the_eight_newest_curated_products_crafts_and_regions(client, artisan, other_region):
    for days in range(10, 0, -1):
        publish(f"Produk {days:02d}", artisan=artisan, published_days_ago=days)
    batik = factories.CategoryFactory(name="Batik")
    hidden = factories.CategoryFactory(name="Tersembunyi", is_public=False)

    response = client.get(reverse("home"))

    assert titles(response, "featured_products") == [f"Produk {d:02d}" for d in range(1, 9)]
    page = html(response)
    assert batik.get_absolute_url() in page
    assert hidden.get_absolute_url() not in page
    assert artisan.region.get_absolute_url() in page
    assert other_region.get_absolute_url() in page
    counts = {r.slug: r.num_products for r in response.context["regions"]}
    assert counts == {artisan.region.slug: 10, other_region.slug: 0}


# --- Catalogue, categories, search -------------------------------------------

def test_catalogue_sorts_by_price_both_ways_and_newest_by_default(client, artisan):
    publish("Murah", artisan=artisan, price="85000", published_days_ago=1)
    publish("Mahal", artisan=artisan, price="2750000", published_days_ago=3)
    publish("Sedang", artisan=artisan, price="350000", published_days_ago=2)
    url = reverse("catalogue:index")

    assert titles(client.get(url)) == ["Murah", "Sedang", "Mahal"]
    assert titles(client.get(url, {"sort_by": "price-asc"})) == ["Murah", "Sedang", "Mahal"]
    assert titles(client.get(url, {"sort_by": "price-desc"})) == ["Mahal", "Sedang", "Murah"]
    assert titles(client.get(url, {"sort_by": "nonsense"})) == ["Murah", "Sedang", "Mahal"]


def test_catalogue_is_paginated_and_keeps_the_sort_in_page_links(client, artisan, monkeypatch):
    monkeypatch.setattr(CatalogueView, "paginate_by", 2)
    for price in ["100000", "200000", "300000"]:
        publish(f"Harga {price}", artisan=artisan, price=price)

    first = client.get(reverse("catalogue:index"), {"sort_by": "price-asc"})
    second = client.get(reverse("catalogue:index"), {"sort_by": "price-asc", "page": 2})

    assert titles(first) == ["Harga 100000", "Harga 200000"]
    assert "?sort_by=price-asc&amp;page=2" in html(first)
    assert titles(second) == ["Harga 300000"]
    assert client.get(reverse("catalogue:index"), {"page": 9}).status_code == 404


def test_catalogue_can_be_narrowed_to_one_craft(client, artisan):
    tenun = factories.ProductClassFactory(name="Tenun")
    publish("Kain Tenun", artisan=artisan, product_class=tenun)
    publish("Kain Batik", artisan=artisan)

    response = client.get(reverse("catalogue:index"), {"craft": "tenun"})

    assert titles(response) == ["Kain Tenun"]


def test_card_shows_title_price_region_artisan_and_a_lazy_thumbnail(client, artisan):
    product = publish("Selendang Sutra", artisan=artisan, price="1250000")
    add_photo(product)

    page = html(client.get(reverse("catalogue:index")))

    assert "Rp\xa01.250.000" in page
    assert artisan.name in page and artisan.region.display_name in page
    assert product.get_absolute_url() in page
    assert 'loading="lazy"' in page
    assert "/media/cache/" in page  # a sorl thumbnail, not the full photo


def test_category_page_includes_products_of_its_subcategories_only(client, artisan):
    kain = factories.CategoryFactory(name="Kain")
    batik = kain.add_child(name="Batik")
    rumah = factories.CategoryFactory(name="Rumah")
    in_root = publish("Di Kain", artisan=artisan)
    in_child = publish("Di Batik", artisan=artisan, published_days_ago=1)
    elsewhere = publish("Di Rumah", artisan=artisan)
    in_root.categories.add(kain)
    in_child.categories.add(batik)
    elsewhere.categories.add(rumah)

    response = client.get(kain.get_absolute_url())

    assert titles(response) == ["Di Kain", "Di Batik"]
    assert batik.get_absolute_url() in html(response)  # subcategory link
    assert titles(client.get(batik.get_absolute_url())) == ["Di Batik"]


def test_category_with_an_old_slug_redirects_and_a_hidden_one_is_404(client):
    kain = factories.CategoryFactory(name="Kain")
    hidden = factories.CategoryFactory(name="Rahasia", is_public=False)

    response = client.get(f"/catalogue/category/lama_{kain.pk}/")

    assert response.status_code == 301
    assert response["Location"] == kain.get_absolute_url()
    assert client.get(f"/catalogue/category/rahasia_{hidden.pk}/").status_code == 404
    assert Category.objects.filter(pk=hidden.pk).exists()


def test_search_matches_title_description_artisan_and_region_words(client, region, other_region):
    sekar = factories.ArtisanFactory(name="Sekar Jati", region=region)
    lestari = factories.ArtisanFactory(name="Pandan Lestari", region=other_region)
    publish("Kain Gedhek Rubuh", artisan=sekar)
    publish("Tas Anyaman", artisan=lestari, description="Anyaman daun pandan.")

    def search(q):
        return sorted(titles(client.get(reverse("search:search"), {"q": q})))

    assert search("gedhek") == ["Kain Gedhek Rubuh"]
    assert search("DAUN") == ["Tas Anyaman"]
    assert search("sekar") == ["Kain Gedhek Rubuh"]
    assert search(other_region.name.lower()) == ["Tas Anyaman"]
    assert search("tas lumajang") == ["Tas Anyaman"]  # every word must match
    assert search("tas bojonegoro") == []
    assert search("") == []


# --- Regions and artisans ---------------------------------------------------

def test_region_page_shows_council_artisans_and_its_products(client, region, other_region):
    sekar = factories.ArtisanFactory(name="Sekar Jati", region=region)
    pending = factories.ArtisanFactory(name="Belum Diverifikasi", region=region,
                                       is_verified=False)
    elsewhere = factories.ArtisanFactory(name="Tempat Lain", region=other_region)
    publish("Kain Sini", artisan=sekar)
    publish("Kain Sana", artisan=elsewhere)

    response = client.get(region.get_absolute_url())

    page = html(response)
    assert region.council_name in page
    assert titles(response) == ["Kain Sini"]
    assert list(response.context["artisans"]) == [sekar]
    assert sekar.get_absolute_url() in page
    assert pending.get_absolute_url() not in page
    assert client.get("/regions/tidak-ada/").status_code == 404


def test_region_list_groups_regions_with_their_public_product_counts(client, artisan, other_region):
    publish("Satu", artisan=artisan)

    response = client.get(reverse("region-list"))

    assert {r.slug: r.num_products for r in response.context["regions"]} == {
        artisan.region.slug: 1, other_region.slug: 0}
    assert other_region.get_absolute_url() in html(response)


def test_artisan_page_shows_story_in_the_current_language_region_and_crafts(client, artisan):
    artisan.story_id = "Kisah keluarga pembatik."
    artisan.story_en = "A family of batik makers."
    artisan.save()
    batik = factories.ProductClassFactory(name="Batik")
    artisan.crafts.add(batik)
    publish("Kain Keluarga", artisan=artisan)

    indonesian = client.get(artisan.get_absolute_url())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(artisan.get_absolute_url())

    assert "Kisah keluarga pembatik." in html(indonesian)
    assert "A family of batik makers." in html(english)
    assert "Kisah keluarga pembatik." not in html(english)
    assert titles(english) == ["Kain Keluarga"]
    assert artisan.region.get_absolute_url() in html(english)
    assert f'{reverse("catalogue:index")}?craft=batik' in html(english)


def test_unverified_artisan_has_a_page_only_once_it_has_a_public_product(client, region):
    artisan = factories.ArtisanFactory(region=region, is_verified=False)
    assert client.get(artisan.get_absolute_url()).status_code == 404

    product = factories.ProductFactory(artisan=artisan)
    Product.objects.filter(pk=product.pk).update(curation_state="approved", is_public=True)

    assert client.get(artisan.get_absolute_url()).status_code == 200


# --- Product page -------------------------------------------------------------

def test_product_page_shows_price_stock_attributes_artisan_and_curation_mark(client, artisan):
    craft = factories.ProductClassFactory(name="Kriya Uji")
    ProductAttribute.objects.create(product_class=craft, name="Motif", code="motif", type="text")
    product = publish("Kain Sekar Jagad", artisan=artisan, price="1250000", product_class=craft)
    product.attr.motif = "Sekar Jagad Jonegoroan"
    product.attr.save()
    photos = [add_photo(product, display_order=n) for n in range(3)]

    response = client.get(product.get_absolute_url())

    page = html(response)
    assert "Rp\xa01.250.000" in page
    assert "Sekar Jagad Jonegoroan" in page
    assert artisan.get_absolute_url() in page and artisan.name in page
    assert artisan.region.council_name in page
    assert product.published_at.astimezone().strftime("%Y") in page
    assert f'action="{reverse("basket:add", kwargs={"pk": product.pk})}"' in page
    # the gallery: every thumbnail links to its full-size photo (works without JS)
    for photo in photos:
        assert f'href="{photo.original.url}" data-gallery-thumb' in page
    assert response.context["artisan"] == artisan


def test_description_from_an_artisan_is_shown_as_text_not_html(client, artisan):
    product = publish("Kain", artisan=artisan,
                      description='<script>alert("x")</script><b>Tebal</b>')

    page = html(client.get(product.get_absolute_url()))

    assert '<script>alert("x")</script>' not in page
    assert "<b>Tebal</b>" not in page


def test_sold_out_product_has_no_basket_form(client, artisan):
    product = factories.published_product(artisan=artisan, stock=(Decimal("90000"), 0))

    page = html(client.get(product.get_absolute_url()))

    assert reverse("basket:add", kwargs={"pk": product.pk}) not in page
    assert 'id="alert_form"' in page


# --- Sitemap ------------------------------------------------------------------

def test_sitemap_lists_products_categories_regions_and_public_artisans(client, artisan, other_region):
    product = publish("Kain Peta", artisan=artisan)
    category = factories.CategoryFactory(name="Kain")
    hidden_category = factories.CategoryFactory(name="Rahasia", is_public=False)
    pending = factories.ArtisanFactory(region=other_region, is_verified=False)

    page = html(client.get("/sitemap.xml"))

    for url in [product.get_absolute_url(), category.get_absolute_url(),
                artisan.region.get_absolute_url(), other_region.get_absolute_url(),
                artisan.get_absolute_url(), reverse("home")]:
        assert f"{url}</loc>" in page
    assert hidden_category.get_absolute_url() not in page
    assert pending.get_absolute_url() not in page


def test_signed_in_buyer_sees_the_wish_list_form_on_a_product(client, artisan):
    product = publish("Kain Simpan", artisan=artisan)
    client.force_login(factories.UserFactory())

    page = html(client.get(product.get_absolute_url()))

    url = reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk})
    assert f'action="{url}"' in page


def test_review_form_page_renders_in_the_product_page(client, artisan):
    product = publish("Kain Ulas", artisan=artisan)
    url = reverse("catalogue:reviews-add",
                  kwargs={"product_slug": product.slug, "product_pk": product.pk})

    response = client.get(url)

    assert response.status_code == 200
    page = html(response)
    assert 'id="add_review_form"' in page
    assert product.title in page and artisan.region.council_name in page


def test_range_page_uses_our_product_cards(client, artisan):
    from oscar.apps.offer.models import Range

    product = publish("Kain Pilihan", artisan=artisan, price="175000")
    offer_range = Range.objects.create(name="Pilihan", slug="pilihan", is_public=True)
    offer_range.add_product(product)

    page = html(client.get(reverse("catalogue:range", kwargs={"slug": "pilihan"})))

    assert 'class="k-card"' in page and "Rp\xa0175.000" in page
