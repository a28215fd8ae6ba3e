"""The review page and the queue's filters through the test client."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation import revisions, services
from curation.models import CriterionResult, CurationEvent
from catalogue.states import CurationState as S
from tests.factories import (
    ArtisanFactory, CriterionFactory, CuratorFactory, ProductFactory, published_product,
)

pytestmark = pytest.mark.django_db
PASSED, FAILED = CriterionResult.Result.PASSED, CriterionResult.Result.FAILED


@pytest.fixture
def owner(artisan):
    return artisan.partner.users.get()


@pytest.fixture
def claimed(artisan, owner, curator):
    product = ProductFactory(artisan=artisan, title="Batik Tulis Kayangan")
    services.submission_submit(product_id=product.pk, user=owner)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return product


@pytest.fixture
def technique():
    return CriterionFactory(code="technique", asks_evidence=True)


def _decision(criterion, result, note="", overall=""):
    return {f"criterion-{criterion.pk}-result": result,
            f"criterion-{criterion.pk}-note": note, "note": overall}


def test_the_claimant_approves_with_the_criteria_form(client, curator, claimed, technique):
    client.force_login(curator.user)
    page = client.get(reverse("curation-product", args=[claimed.pk]))
    assert [c for c, *_ in page.context["criteria_rows"]] == [technique]

    response = client.post(reverse("curation-product-approve", args=[claimed.pk]),
                           _decision(technique, PASSED, "Garis canting tidak rata."))
    assert response.status_code == 302 and response["Location"] == reverse("curation-queue")
    claimed.refresh_from_db()
    assert claimed.curation_state == S.APPROVED
    result = claimed.submissions.get().results.get()
    assert (result.criterion, result.result, result.note) == (
        technique, PASSED, "Garis canting tidak rata."
    )


def test_a_refused_approval_shows_the_page_again_with_everything_kept(
    client, curator, claimed, technique
):
    client.force_login(curator.user)
    response = client.post(
        reverse("curation-product-approve", args=[claimed.pk]),
        _decision(technique, FAILED, "Ini cap, bukan tulis.", overall="Mohon foto proses."),
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    form = response.context["decision_form"]
    assert form["note"].value() == "Mohon foto proses."
    assert form[f"criterion-{technique.pk}-note"].value() == "Ini cap, bukan tulis."
    assert form[f"criterion-{technique.pk}-result"].value() == FAILED
    claimed.refresh_from_db()
    assert claimed.curation_state == S.IN_REVIEW


def test_a_second_click_on_a_decision_changes_nothing_more(client, curator, claimed):
    client.force_login(curator.user)
    url = reverse("curation-product-reject", args=[claimed.pk])
    client.post(url, {"note": "Bukan buatan tangan."}, follow=True)
    response = client.post(url, {"note": "Bukan buatan tangan."}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert claimed.curation_events.filter(kind=CurationEvent.Kind.REJECTED).count() == 1


def test_another_curator_sees_the_claim_and_takes_it_over(client, region, curator, claimed):
    colleague = CuratorFactory(regions=[region])
    client.force_login(colleague.user)
    page = client.get(reverse("curation-product", args=[claimed.pk]))
    assert not page.context["is_claimant"]
    client.post(reverse("curation-product-take-over", args=[claimed.pk]),
                {"note": "Antrian menumpuk."})
    assert claimed.submissions.get(is_open=True).claimed_by == colleague.user
    page = client.get(reverse("curation-product", args=[claimed.pk]))
    assert page.context["is_claimant"]


def test_the_review_page_of_a_revision_shows_what_changed(client, artisan, owner, curator):
    live = published_product(artisan=artisan, title="Tikar Pandan")
    revisions.revision_propose(product_id=live.pk, user=owner, title="Tikar Pandan Motif Bunga",
                               description=live.description, category=None, attributes={})
    client.force_login(curator.user)
    response = client.get(reverse("curation-product", args=[live.pk]))
    changes = response.context["changes"]
    assert [c.proposed for c in changes.changed_fields] == ["Tikar Pandan Motif Bunga"]
    assert response.context["item_state"] == S.SUBMITTED
    assert b'data-changed="yes"' in response.content

    client.post(reverse("curation-product-claim", args=[live.pk]))
    client.post(reverse("curation-product-approve", args=[live.pk]))
    live.refresh_from_db()
    assert live.title == "Tikar Pandan Motif Bunga"


def test_the_review_page_shows_the_artisans_evidence_and_history(
    client, curator, claimed, technique, owner
):
    from curation.evidence import evidence_add
    from tests.support.photos import photo_upload

    services.submission_release(product_id=claimed.pk, user=curator.user)
    evidence_add(product_id=claimed.pk, user=owner, criterion_id=technique.pk,
                 image=photo_upload(), caption="Mencanting")
    services.submission_claim(product_id=claimed.pk, user=curator.user)
    client.force_login(curator.user)
    response = client.get(reverse("curation-product", args=[claimed.pk]))
    (criterion, _result, _note, proofs), = response.context["criteria_rows"]
    assert [p.caption for p in proofs] == ["Mencanting"]
    assert [e.kind for e in response.context["events"]][:3] == [
        CurationEvent.Kind.CLAIMED, CurationEvent.Kind.RELEASED, CurationEvent.Kind.CLAIMED
    ]


def test_review_page_queries_do_not_grow_with_history_and_criteria(client, curator, artisan,
                                                                     owner):
    client.force_login(curator.user)

    def queries(rounds: int, criteria: int) -> int:
        for _ in range(criteria):
            CriterionFactory(is_mandatory=False)
        product = ProductFactory(artisan=artisan)
        for _ in range(rounds):
            services.submission_submit(product_id=product.pk, user=owner)
            services.submission_claim(product_id=product.pk, user=curator.user)
            services.submission_request_changes(product_id=product.pk, user=curator.user,
                                                note="Lagi.")
        services.submission_submit(product_id=product.pk, user=owner)
        services.submission_claim(product_id=product.pk, user=curator.user)
        url = reverse("curation-product", args=[product.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert queries(1, 1) == queries(6, 5)


def test_queue_filters_and_counts(client, region, other_region, curator, artisan, owner):
    regional = CuratorFactory(regions=[region, other_region])
    waiting = ProductFactory(artisan=artisan, title="Menunggu")
    mine = ProductFactory(artisan=artisan, title="Punyaku")
    elsewhere = ProductFactory(artisan=ArtisanFactory(region=other_region), title="Lumajang")
    for product in (waiting, mine, elsewhere):
        services.submission_submit(product_id=product.pk, user=product.artisan.partner.users.get())
    services.submission_claim(product_id=mine.pk, user=regional.user)
    client.force_login(regional.user)

    def titles(**query):
        response = client.get(reverse("curation-queue"), query)
        return [s.product.title for s in response.context["submissions"]]

    assert titles() == ["Menunggu", "Punyaku", "Lumajang"]
    assert titles(status="waiting") == ["Menunggu", "Lumajang"]
    assert titles(status="mine") == ["Punyaku"]
    assert titles(region=other_region.slug) == ["Lumajang"]
    assert titles(kind="revision") == []
    assert titles(status="nonsense") == ["Menunggu", "Punyaku", "Lumajang"]
    counts = client.get(reverse("curation-queue")).context["counts"]
    assert (counts["total"], counts["waiting"], counts["mine"]) == (3, 2, 1)


def test_the_wrong_region_cannot_take_over(client, other_curator, claimed):
    client.force_login(other_curator.user)
    response = client.post(reverse("curation-product-take-over", args=[claimed.pk]))
    assert response.status_code == 404


def test_a_take_over_note_with_a_nul_character_gets_400_and_changes_nothing(
    client, region, curator, claimed
):
    """The take-over note is read from the form as it is: PostgreSQL could not store it."""
    colleague = CuratorFactory(regions=[region])
    client.force_login(colleague.user)
    events = list(claimed.curation_events.values_list("pk", flat=True))

    response = client.post(reverse("curation-product-take-over", args=[claimed.pk]),
                           {"note": "Antrian\x00menumpuk."})

    assert (response.status_code, response.content) == (400, b"bad request")
    assert claimed.submissions.get(is_open=True).claimed_by == curator.user
    assert list(claimed.curation_events.values_list("pk", flat=True)) == events
