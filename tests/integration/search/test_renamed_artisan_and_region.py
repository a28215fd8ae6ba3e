"""The database backend's rows hold the artisan's and region's names and slugs: renaming
either (the admin, the maker's profile) rewrites the rows at once (search.receivers)."""
import pytest

from search.backends.database import DatabaseBackend
from search.engine import SearchRequest
from search.models import ProductDocument
from tests import factories

pytestmark = pytest.mark.django_db


def facet(result, name):
    return {value.key: value.label for value in result.facets[name]}


def test_a_renamed_artisan_is_found_and_labelled_by_the_new_name_at_once():
    product = factories.published_product(title="Kain Batik Tulis Sekar")
    artisan = product.artisan
    artisan.name, artisan.slug = "Sekar Jagad Baru", "sekar-jagad-baru"
    artisan.save()

    result = DatabaseBackend().search(SearchRequest(filters={"artisan": ("sekar-jagad-baru",)}))
    assert result.product_ids == [product.pk]
    assert facet(result, "artisan") == {"sekar-jagad-baru": "Sekar Jagad Baru"}
    assert DatabaseBackend().search(SearchRequest(text="jagad baru")).product_ids == [product.pk]


def test_an_artisan_moved_to_another_region_is_counted_there():
    product = factories.published_product(title="Tas Anyaman Pandan")
    elsewhere = factories.RegionFactory(name="Lumajang", slug="kabupaten-lumajang")
    product.artisan.region = elsewhere
    product.artisan.save()

    result = DatabaseBackend().search(SearchRequest(filters={"region": ("kabupaten-lumajang",)}))
    assert result.product_ids == [product.pk]
    assert facet(result, "region") == {"kabupaten-lumajang": "Kabupaten Lumajang"}


def test_a_renamed_region_rewrites_its_products_rows():
    product = factories.published_product(title="Miniatur Kapal Pinisi")
    region = product.artisan.region
    region.name = "Bangka Barat"
    region.save()

    document = ProductDocument.objects.get(pk=product.pk)
    assert document.region_name == region.display_name == "Kabupaten Bangka Barat"
    assert DatabaseBackend().search(SearchRequest(text="bangka barat")).product_ids == [
        product.pk]


def test_saving_an_artisan_without_a_new_name_rewrites_nothing(django_assert_num_queries):
    product = factories.published_product(title="Kain Batik Cap")
    artisan = product.artisan
    artisan.story_en = "A new story, the same name."
    before = ProductDocument.objects.get(pk=product.pk)

    with django_assert_num_queries(2):  # the UPDATE, and the one look for stale rows
        artisan.save()

    after = ProductDocument.objects.get(pk=product.pk)
    assert (after.artisan, after.artisan_name, after.published_at) == (
        before.artisan, before.artisan_name, before.published_at)
