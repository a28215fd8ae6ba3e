"""The council admin keeps the curation criteria in Oscar's dashboard."""
import pytest
from django.conf import settings
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from curation.criteria import (
    CriterionCodeTaken,
    CriterionInUse,
    criteria_for_product_class,
    criterion_create,
    criterion_delete,
    criterion_update,
)
from curation.models import Criterion, CriterionResult, Evidence, Submission
from tests.factories import (
    CriterionFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
)
from tests.support.criteria import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def batik():
    return ProductClassFactory(name="Batik")


@pytest.fixture
def tenun():
    return ProductClassFactory(name="Tenun Ikat")


def used(criterion: Criterion) -> CriterionResult:
    """Record a decided submission that judged `criterion`."""
    product = ProductFactory()
    submission = Submission.objects.create(
        product=product, submitted_by=product.artisan.partner.users.get(), is_open=False,
        outcome="approved",
    )
    return CriterionResult.objects.create(
        submission=submission, criterion=criterion, result=CriterionResult.Result.PASSED
    )


def error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]


# --- The list -------------------------------------------------------------------------


def test_staff_sees_every_criterion_in_order_with_crafts_and_flags(client, staff, batik):
    second = CriterionFactory(code="packaging", display_order=20, is_mandatory=False)
    first = CriterionFactory(code="technique", display_order=10, asks_evidence=True,
                             crafts=[batik])
    retired = CriterionFactory(code="old", display_order=30, is_active=False)
    used(second)

    response = client.get(reverse("curation-criterion-list"))

    assert response.status_code == 200
    listed = list(response.context["criteria"])
    assert listed == [first, second, retired]
    assert [c.is_used for c in listed] == [False, True, False]
    assert list(listed[0].crafts.all()) == [batik]
    html = response.content.decode()
    assert html.index('data-code="technique"') < html.index('data-code="packaging"')
    assert reverse("curation-criterion-delete", args=[first.pk]) in html
    # A used criterion offers no delete button, only taking it out of use.
    assert reverse("curation-criterion-delete", args=[second.pk]) not in html
    assert reverse("curation-criterion-deactivate", args=[second.pk]) in html
    assert reverse("curation-criterion-activate", args=[retired.pk]) in html


def test_list_query_count_does_not_grow_with_criteria(client, staff, batik, tenun):
    client.get(reverse("curation-criterion-list"))  # first visit sets up the session

    def list_queries(n_criteria: int) -> int:
        for _ in range(n_criteria):
            used(CriterionFactory(crafts=[batik, tenun]))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("curation-criterion-list")).status_code == 200
        return len(ctx.captured_queries)

    assert list_queries(2) == list_queries(12)


def test_staff_dashboard_menu_links_the_criteria_and_hides_the_queue_from_non_curators(
    client, staff
):
    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("curation-criterion-list")}"' in html
    assert f'href="{reverse("curation-queue")}"' not in html


def test_a_superuser_also_finds_the_queue_in_the_dashboard_menu(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(reverse("dashboard:index")).content.decode()

    assert f'href="{reverse("curation-queue")}"' in html
    assert f'href="{reverse("curation-criterion-list")}"' in html


# --- Create ---------------------------------------------------------------------------


def test_staff_creates_a_criterion_for_some_crafts_with_a_code_from_the_english_name(
    client, staff, batik, tenun
):
    CriterionFactory(display_order=40)

    response = client.post(
        reverse("curation-criterion-create"),
        form_data(crafts=[batik.pk, tenun.pk], is_mandatory=False, asks_evidence="on"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("curation-criterion-list")
    criterion = Criterion.objects.get(name_en="Natural dye")
    assert criterion.code == "natural-dye"
    assert criterion.name_id == "Pewarna alam"
    assert criterion.guidance_en == "Check smell and colour."
    assert not criterion.is_mandatory and criterion.asks_evidence and criterion.is_active
    assert set(criterion.crafts.all()) == {batik, tenun}
    assert criterion.display_order == 50  # last, after the existing 40


def test_a_derived_code_that_is_taken_gets_a_number(client, staff):
    CriterionFactory(code="natural-dye")

    client.post(reverse("curation-criterion-create"), form_data())

    assert Criterion.objects.filter(name_en="Natural dye").get().code == "natural-dye-2"


def test_a_code_typed_twice_is_refused_with_a_form_error(client, staff):
    CriterionFactory(code="fair-price")

    response = client.post(reverse("curation-criterion-create"), form_data(code="fair-price"))

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Criterion.objects.count() == 1


def test_the_service_refuses_a_taken_code():
    CriterionFactory(code="fair-price")

    with translation.override("en"), pytest.raises(CriterionCodeTaken, match="fair-price"):
        criterion_create(name_id="Harga", name_en="Price", code="fair-price")
    assert Criterion.objects.count() == 1


# --- Update, retire, reorder ------------------------------------------------------------


def test_staff_updates_names_flags_and_crafts(client, staff, batik, tenun):
    criterion = CriterionFactory(code="motif", display_order=30, crafts=[batik],
                                 is_mandatory=True, asks_evidence=False)

    response = client.post(
        reverse("curation-criterion-update", args=[criterion.pk]),
        form_data(name_en="Local motif", name_id="Motif lokal", code="motif",
                  is_mandatory=False, asks_evidence="on", crafts=[tenun.pk]),
    )

    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.name_en, criterion.name_id) == ("Local motif", "Motif lokal")
    assert not criterion.is_mandatory and criterion.asks_evidence
    assert list(criterion.crafts.all()) == [tenun]
    assert criterion.code == "motif"
    assert criterion.display_order == 30  # a blank order keeps its place


def test_emptying_the_crafts_makes_a_criterion_apply_to_every_craft(client, staff, batik, tenun):
    criterion = CriterionFactory(code="motif", crafts=[batik])

    client.post(reverse("curation-criterion-update", args=[criterion.pk]),
                form_data(code="motif", crafts=[]))

    assert not criterion.crafts.exists()
    assert criterion in criteria_for_product_class(product_class=tenun)


def test_the_code_of_a_used_criterion_cannot_change(client, staff):
    criterion = CriterionFactory(code="photos")
    used(criterion)

    response = client.get(reverse("curation-criterion-update", args=[criterion.pk]))
    assert response.context["form"].fields["code"].disabled

    client.post(reverse("curation-criterion-update", args=[criterion.pk]),
                form_data(code="pictures", name_en="Pictures"))
    criterion.refresh_from_db()
    assert (criterion.code, criterion.name_en) == ("photos", "Pictures")

    with pytest.raises(CriterionInUse):
        criterion_update(criterion=criterion, code="pictures")


def test_staff_takes_a_criterion_out_of_use_and_back(client, staff, batik):
    criterion = CriterionFactory()
    used(criterion)

    client.post(reverse("curation-criterion-deactivate", args=[criterion.pk]))

    criterion.refresh_from_db()
    assert not criterion.is_active
    assert criterion not in criteria_for_product_class(product_class=batik)
    assert criterion.results.count() == 1  # past decisions keep it

    client.post(reverse("curation-criterion-activate", args=[criterion.pk]))

    criterion.refresh_from_db()
    assert criterion.is_active
    assert criterion in criteria_for_product_class(product_class=batik)


def test_staff_moves_criteria_up_and_down(client, staff):
    # All at the default order 0: moving must still give each its own place.
    a, b, c = CriterionFactory(), CriterionFactory(), CriterionFactory()

    client.post(reverse("curation-criterion-up", args=[c.pk]))
    assert list(Criterion.objects.all()) == [a, c, b]

    client.post(reverse("curation-criterion-down", args=[a.pk]))
    assert list(Criterion.objects.all()) == [c, a, b]

    client.post(reverse("curation-criterion-up", args=[c.pk]))  # already first
    assert list(Criterion.objects.all()) == [c, a, b]
    assert list(Criterion.objects.values_list("display_order", flat=True)) == [10, 20, 30]


def test_moving_needs_a_post(client, staff):
    a, b = CriterionFactory(), CriterionFactory()

    response = client.get(reverse("curation-criterion-up", args=[b.pk]))

    assert response.status_code == 405
    assert list(Criterion.objects.all()) == [a, b]


# --- Delete -----------------------------------------------------------------------------


def test_staff_deletes_an_unused_criterion(client, staff):
    criterion = CriterionFactory()

    confirm = client.get(reverse("curation-criterion-delete", args=[criterion.pk]))
    assert confirm.status_code == 200 and confirm.context["is_used"] is False
    response = client.post(reverse("curation-criterion-delete", args=[criterion.pk]))

    assert response.status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_deleting_a_used_criterion_is_refused_with_the_reason(client, staff):
    criterion = CriterionFactory()
    used(criterion)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    confirm = client.get(reverse("curation-criterion-delete", args=[criterion.pk]))
    assert confirm.context["is_used"] is True
    response = client.post(reverse("curation-criterion-delete", args=[criterion.pk]))

    assert response.status_code == 302
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    [message] = error_messages(response)
    with translation.override("en"):
        assert "cannot be deleted" in message and "out of use" in message


def test_a_criterion_with_evidence_is_not_deleted_either():
    criterion = CriterionFactory()
    product = ProductFactory()
    Evidence.objects.create(product=product, criterion=criterion, image="curation/x.jpg",
                            uploaded_by=product.artisan.partner.users.get())

    with pytest.raises(CriterionInUse):
        criterion_delete(criterion=criterion)
    assert Criterion.objects.filter(pk=criterion.pk).exists()


# --- Access -----------------------------------------------------------------------------


def every_page(criterion: Criterion) -> list[tuple[str, str]]:
    return [
        ("get", reverse("curation-criterion-list")),
        ("get", reverse("curation-criterion-create")),
        ("post", reverse("curation-criterion-create")),
        ("get", reverse("curation-criterion-update", args=[criterion.pk])),
        ("post", reverse("curation-criterion-update", args=[criterion.pk])),
        ("get", reverse("curation-criterion-delete", args=[criterion.pk])),
        ("post", reverse("curation-criterion-delete", args=[criterion.pk])),
        ("post", reverse("curation-criterion-deactivate", args=[criterion.pk])),
        ("post", reverse("curation-criterion-activate", args=[criterion.pk])),
        ("post", reverse("curation-criterion-up", args=[criterion.pk])),
        ("post", reverse("curation-criterion-down", args=[criterion.pk])),
    ]


@pytest.mark.parametrize("who", ["curator", "artisan", "customer"])
def test_anyone_signed_in_but_staff_gets_403_and_changes_nothing(
    client, who, curator, artisan_user
):
    user = {"curator": curator.user, "artisan": artisan_user,
            "customer": UserFactory()}[who]
    client.force_login(user)
    criterion = CriterionFactory(code="keep", name_en="Keep")
    CriterionFactory()

    for method, url in every_page(criterion):
        response = getattr(client, method)(url, form_data(code="changed", name_en="Changed"))
        assert response.status_code == 403, (method, url)

    criterion.refresh_from_db()
    assert (criterion.code, criterion.name_en, criterion.is_active) == ("keep", "Keep", True)
    assert Criterion.objects.count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client):
    criterion = CriterionFactory()

    for method, url in every_page(criterion):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(settings.LOGIN_URL)
    assert Criterion.objects.filter(pk=criterion.pk, is_active=True).exists()


# --- The selector the curation services use ---------------------------------------------


def test_criteria_for_a_craft_are_its_own_and_the_general_ones_in_order(batik, tenun):
    general = CriterionFactory(display_order=30)
    for_batik = CriterionFactory(display_order=10, crafts=[batik])
    for_both = CriterionFactory(display_order=20, crafts=[batik, tenun])
    CriterionFactory(display_order=5, crafts=[tenun])
    CriterionFactory(display_order=1, is_active=False)
    CriterionFactory(display_order=2, is_active=False, crafts=[batik])

    assert list(criteria_for_product_class(product_class=batik)) == [
        for_batik, for_both, general
    ]


def test_a_product_without_a_class_gets_only_the_general_criteria(batik):
    general = CriterionFactory()
    CriterionFactory(crafts=[batik])

    assert list(criteria_for_product_class(product_class=None)) == [general]


# --- Django admin -----------------------------------------------------------------------


def test_admin_lists_criteria_and_shows_the_curation_record_read_only(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    criterion = CriterionFactory()
    result = used(criterion)

    for model in ("curation_criterion", "curation_criterionresult", "curation_evidence",
                  "curation_productrevision", "core_notification"):
        assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:curation_criterion_add")).status_code == 200
    assert client.get(reverse("admin:curation_criterionresult_add")).status_code == 403
    client.post(reverse("admin:curation_criterionresult_delete", args=[result.pk]),
                {"post": "yes"})
    assert CriterionResult.objects.filter(pk=result.pk).exists()
    # A used criterion: the admin lists what protects it instead of deleting.
    client.post(reverse("admin:curation_criterion_delete", args=[criterion.pk]), {"post": "yes"})
    assert Criterion.objects.filter(pk=criterion.pk).exists()
