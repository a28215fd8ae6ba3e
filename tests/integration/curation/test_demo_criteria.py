"""The demo marketplace comes with the council's seven criteria, in both languages."""
import pytest

from demo import loader
from demo.criteria import demo_criteria_create
from catalogue.models import ProductClass
from curation.criteria import criteria_for_product_class
from curation.models import Criterion

pytestmark = pytest.mark.django_db

CODES = [
    "authentic-technique", "photos", "description", "local-identity", "fair-price",
    "business-legality", "packaging",
]


def test_the_seven_criteria_apply_to_every_craft_in_order_and_only_packaging_is_optional():
    demo_criteria_create()

    for craft in ProductClass.objects.all():
        assert [c.code for c in criteria_for_product_class(product_class=craft)] == CODES
    criteria = {c.code: c for c in Criterion.objects.all()}
    assert {code for code, c in criteria.items() if not c.is_mandatory} == {"packaging"}
    assert {code for code, c in criteria.items() if c.asks_evidence} == {
        "authentic-technique", "local-identity"
    }
    assert all(c.name_id and c.name_en and c.guidance_id and c.guidance_en
               for c in criteria.values())
    assert "canting" in criteria["authentic-technique"].guidance_en
    assert "NIB" in criteria["business-legality"].name_id


def test_running_it_again_changes_nothing_and_restores_edits():
    first = {c.code: c.pk for c in demo_criteria_create()}
    Criterion.objects.filter(code="packaging").update(name_en="Box", is_active=False)

    second = demo_criteria_create()

    assert {c.code: c.pk for c in second} == first
    assert Criterion.objects.count() == 7
    packaging = Criterion.objects.get(code="packaging")
    assert packaging.name_en == "Packaging" and packaging.is_active


def test_the_demo_loader_creates_them():
    loader.demo_load(products=3, seed=1)

    assert list(Criterion.objects.values_list("code", flat=True)) == CODES
