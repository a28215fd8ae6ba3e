"""manage.py load_demo_crafts fills an empty database with a coherent demo marketplace."""
import hashlib
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from demo import loader
from demo.accounts import DEMO_ACCOUNTS
from demo.places import REGIONS
from demo.specs import product_specs
from catalogue.models import Artisan, Category, Product, ProductImage, Region
from curation.models import CurationEvent, Curator, Submission
from catalogue.states import CurationState
from partner.models import StockRecord

pytestmark = pytest.mark.django_db
N = 40


@pytest.fixture(autouse=True)
def _development_settings(settings):
    """The demo is for development machines: DEBUG on (see the refusal test below)."""
    settings.DEBUG = True


def load(**options):
    out = StringIO()
    call_command("load_demo_crafts", products=N, seed=1, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo():
    load()


def sku_index(product) -> int:
    return int(product.stockrecords.get().partner_sku.removeprefix("PK-")) - 1


def test_every_curation_state_is_present_and_only_approved_are_public(demo):
    states = set(Product.objects.values_list("curation_state", flat=True))
    assert states == set(CurationState.values)
    approved = Product.objects.filter(curation_state=CurationState.APPROVED)
    assert approved.count() > N / 2
    assert set(Product.objects.filter(is_public=True)) == set(approved)
    assert all(p.published_at and p.curated_by for p in approved)
    assert set(Product.objects.browsable()) == set(approved)


def test_products_have_stock_category_and_attributes_of_their_craft(demo):
    for product in Product.objects.select_related("artisan__partner", "product_class"):
        stock = product.stockrecords.get()
        assert stock.partner == product.artisan.partner
        assert stock.price > 0 and stock.price == stock.price.to_integral_value()
        assert product.slug and product.title and product.structure == Product.STANDALONE
        assert product.product_class in product.artisan.crafts.all()
        category = product.categories.get()
        assert Category.objects.get_parent(category).code == f"craft-{product.product_class.slug}"
        codes = {value.attribute.code for value in product.attribute_values.all()}
        assert codes == set(product.product_class.attributes.values_list("code", flat=True))
        for value in product.attribute_values.all():
            assert value.attribute.product_class_id == product.product_class_id
            assert value.value not in (None, "")


def test_each_product_has_a_distinct_photo_on_disk(demo):
    images = ProductImage.objects.all()
    assert images.count() == N
    assert set(images.values_list("display_order", flat=True)) == {0}
    hashes = set()
    for image in images:
        with image.original.open("rb") as photo:
            hashes.add(hashlib.sha256(photo.read()).hexdigest())
    assert len(hashes) == N


def test_later_products_reuse_the_photo_pool(monkeypatch):
    monkeypatch.setattr(loader, "PHOTO_POOL", 10)

    call_command("load_demo_crafts", products=25, seed=1, stdout=StringIO())

    names = {sku_index(image.product): image.original.name for image in ProductImage.objects.all()}
    assert len(set(names.values())) == 10
    assert names[12] == names[2] and names[24] == names[4]


def test_each_region_has_its_curator_and_artisans(demo):
    assert Region.objects.count() == len(REGIONS)
    for region in Region.objects.all():
        curators = Curator.objects.filter(regions=region)
        assert curators.count() == 1
        assert region.artisans.exists()
    assert Curator.objects.get(regions__slug="kepulauan-bangka-belitung").is_lead
    assert Curator.objects.filter(is_lead=True).count() == 1


def test_artisans_have_a_login_a_business_number_and_crafts(demo):
    for artisan in Artisan.objects.all():
        assert artisan.partner.users.count() == 1
        assert len(artisan.nib) == 13 and artisan.nib.isdigit()
        assert artisan.crafts.exists() and artisan.story_id and artisan.story_en
    unverified = Artisan.objects.filter(is_verified=False)
    assert 1 <= unverified.count() <= 2
    assert not Product.objects.filter(artisan__in=unverified).exclude(
        curation_state=CurationState.DRAFT).exists()


def test_every_demo_account_signs_in_by_email_with_its_password(demo):
    request = RequestFactory().post("/accounts/login/")
    for account in DEMO_ACCOUNTS:
        user = authenticate(request, username=account.email, password=account.password)
        assert user is not None and user.username == account.username, account.username
    admin = authenticate(request, username="admin@pasarkriya.id", password="kriya-admin-2026")
    assert admin.is_superuser and admin.is_staff


def test_submissions_match_the_states(demo):
    for product in Product.objects.select_related("artisan__region"):
        open_ones = list(product.submissions.filter(is_open=True))
        curator_user = Curator.objects.get(regions=product.artisan.region).user
        if product.curation_state == CurationState.SUBMITTED:
            assert len(open_ones) == 1 and open_ones[0].claimed_by is None
        elif product.curation_state == CurationState.IN_REVIEW:
            assert len(open_ones) == 1 and open_ones[0].claimed_by == curator_user
            age = timezone.now() - open_ones[0].claimed_at
            assert age.total_seconds() < 24 * 3600
        else:
            assert open_ones == []
        if product.curation_state in (CurationState.APPROVED, CurationState.REJECTED,
                                      CurationState.CHANGES_REQUESTED):
            decided = product.submissions.get()
            assert decided.outcome == product.curation_state
            assert decided.decided_by == curator_user
        if product.curation_state == CurationState.DRAFT:
            assert not product.submissions.exists()


def test_events_tell_each_products_history(demo):
    for product in Product.objects.all():
        events = list(product.curation_events.order_by("created_at", "pk"))
        assert events[0].kind == CurationEvent.Kind.CREATED
        assert events[-1].to_state == product.curation_state
        for before, after in zip(events, events[1:]):
            assert after.from_state == before.to_state
            assert after.created_at > before.created_at
        assert events[0].created_at == product.date_created


def test_approved_demo_products_carry_a_public_record_with_the_criteria(demo, client):
    from django.urls import reverse

    approved = Product.objects.filter(curation_state=CurationState.APPROVED)
    codes = list(approved.values_list("verify_code", flat=True))
    assert all(codes) and len(set(codes)) == len(codes)
    assert not Product.objects.exclude(curation_state__in=[
        CurationState.APPROVED, CurationState.DELISTED, CurationState.WITHDRAWN,
    ]).exclude(verify_code=None).exists()
    product = approved.first()
    approval = product.curation_events.get(kind=CurationEvent.Kind.APPROVED)
    assert len(approval.criteria) == 7
    assert {c["result"] for c in approval.criteria} == {"passed"}
    response = client.get(reverse("curation-verify", args=[product.verify_code]))
    assert response.status_code == 200
    assert all(s.due_at > s.submitted_at for s in Submission.objects.all())


def test_the_demo_is_searchable_at_once(demo):
    from search.backends import DatabaseBackend
    from search.engine import SearchRequest

    approved = Product.objects.filter(curation_state=CurationState.APPROVED)
    result = DatabaseBackend().search(SearchRequest(text="", per_page=100))
    assert result.total == approved.count()
    assert set(result.product_ids) <= set(approved.values_list("pk", flat=True))


def test_the_same_seed_gives_the_same_products(demo):
    now = timezone.now()
    first = [(s.design.title, s.design.price, s.state)
             for s in product_specs(seed=1, count=N, now=now, claim_hours=24)]
    again = [(s.design.title, s.design.price, s.state)
             for s in product_specs(seed=1, count=N, now=now, claim_hours=24)]
    other = [(s.design.title, s.design.price, s.state)
             for s in product_specs(seed=2, count=N, now=now, claim_hours=24)]
    loaded = sorted(
        (sku_index(p), p.title, int(p.stockrecords.get().price), p.curation_state)
        for p in Product.objects.all()
    )
    assert first == again != other
    assert [row[1:] for row in loaded] == first


def test_the_site_is_named_and_points_at_the_dev_server(demo):
    site = Site.objects.get(pk=1)
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Pasar Kriya")


def test_if_empty_does_nothing_on_a_second_run_and_plain_reruns_refuse(demo):
    counts = (Product.objects.count(), Region.objects.count(), StockRecord.objects.count(),
              Submission.objects.count(), CurationEvent.objects.count())

    load(if_empty=True)
    with pytest.raises(CommandError):
        load()

    assert counts == (Product.objects.count(), Region.objects.count(),
                      StockRecord.objects.count(), Submission.objects.count(),
                      CurationEvent.objects.count())


def test_refuses_with_debug_off_unless_told(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load()
    assert not Region.objects.exists() and not Product.objects.exists()
    load(allow_without_debug=True)
    assert Product.objects.count() == N
