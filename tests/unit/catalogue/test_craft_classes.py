"""Migration 0034 installs the craft product classes, attributes and categories."""
import pytest
from django.apps import apps

from catalogue.crafts import CRAFTS, craft_catalogue_install
from catalogue.models import AttributeOption, Category, ProductAttribute, ProductClass

pytestmark = pytest.mark.django_db


def test_every_craft_is_a_product_class_with_its_attributes():
    for craft in CRAFTS:
        product_class = ProductClass.objects.get(slug=craft.slug)
        codes = dict(product_class.attributes.values_list("code", "type"))
        assert codes == {a.code: a.type for a in craft.attributes}, craft.slug


def test_the_named_crafts_and_types_are_there():
    batik = ProductClass.objects.get(slug="batik").attributes
    technique = batik.get(code="technique")
    assert technique.type == ProductAttribute.OPTION
    assert set(technique.option_group.options.values_list("option", flat=True)) == {
        "tulis", "cap", "kombinasi", "printing"}
    assert set(batik.values_list("code", flat=True)) == {
        "technique", "dye", "motif", "fabric", "size"}
    pewter = ProductClass.objects.get(slug="pewter").attributes
    assert pewter.get(code="weight").type == ProductAttribute.FLOAT
    mordant = ProductClass.objects.get(slug="eco-print").attributes.get(code="mordant")
    assert set(mordant.option_group.options.values_list("option", flat=True)) == {
        "tawas", "kapur", "tunjung"}
    for slug in ("tenun-cual", "anyaman", "wood-carving", "batu-satam", "kopiah-resam",
                 "knitwear"):
        assert ProductClass.objects.filter(slug=slug).exists()


def test_every_option_attribute_has_its_option_group():
    for attribute in ProductAttribute.objects.filter(type=ProductAttribute.OPTION):
        assert attribute.option_group is not None
        assert attribute.option_group.options.exists()


def test_each_craft_has_a_root_category_with_its_subcategories():
    for craft in CRAFTS:
        root = Category.objects.get(code=craft.category_code)
        assert root.is_root() and root.slug == craft.slug
        children = Category.objects.get_children(root)
        assert [c.code for c in children] == [
            craft.subcategory_code(slug) for slug, _name in craft.categories]
        assert root.numchild == len(craft.categories)
        assert all(Category.objects.get_parent(child) == root for child in children)


def test_the_category_tree_is_one_treebeard_accepts():
    assert Category.objects.find_problems() == ([], [], [], [], [])
    root = Category.objects.get(code="craft-batik")
    added = Category.objects.add_child(root, {"name": "Tambahan"})
    assert Category.objects.get_parent(added) == root and added.depth == 2
    assert Category.objects.add_root({"name": "Baru"}).is_root()
    assert Category.objects.find_problems() == ([], [], [], [], [])


def test_installing_again_changes_nothing():
    counts = (ProductClass.objects.count(), ProductAttribute.objects.count(),
              AttributeOption.objects.count(), Category.objects.count())

    craft_catalogue_install(apps)

    assert counts == (ProductClass.objects.count(), ProductAttribute.objects.count(),
                      AttributeOption.objects.count(), Category.objects.count())
