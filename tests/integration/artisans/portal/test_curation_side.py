"""The artisan's side of curation in the artisan area: notes, actions, revisions, evidence."""
from decimal import Decimal

import pytest

from curation import services
from curation.models import CriterionResult, Evidence, ProductRevision
from catalogue.states import CurationState as S
from core.form_tokens.services import form_token_new
from tests.factories import (
    ArtisanFactory, CriterionFactory, ProductFactory, UserFactory, published_product,
)
from tests.support.photos import photo_upload, text_renamed_jpg

from tests.integration.artisans.portal.helpers import portal_url

pytestmark = pytest.mark.django_db


def test_editing_a_published_product_sends_the_changes_and_keeps_the_shop_as_it_was(
    artisan_client, live, craft
):
    form = artisan_client.get(portal_url(live)).context["form"]
    assert {"title", "remove_photos", "photos", "price"} <= set(form.fields)
    silk = craft.attributes.get(code="bahan").option_group.options.get(option="Sutra")
    old_photo = live.images.get()

    response = artisan_client.post(portal_url(live), {
        "title": "Selendang Cual Sutra", "description": "Sutra.",
        "category": live.categories.get().pk, "attr_motif": "Kembang Kundur",
        "attr_bahan": silk.pk, "price": "650000", "num_in_stock": "2",
        "remove_photos": [old_photo.pk], "photos": [photo_upload()],
        "form_token": form_token_new(),
    })

    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.title, live.is_public, live.attr.bahan.option) == (
        "Selendang Cual", True, "Katun"
    )
    assert live.stockrecords.get().price == Decimal("650000")  # at once
    revision = live.revisions.get()
    assert (revision.state, revision.title, revision.removed_image_ids) == (
        S.SUBMITTED, "Selendang Cual Sutra", [old_photo.pk]
    )
    # The form shows the pending changes, not the live content.
    form = artisan_client.get(portal_url(live)).context["form"]
    assert form.initial["title"] == "Selendang Cual Sutra"
    assert form.initial["attr_bahan"] == silk.pk

    services.submission_claim(product_id=live.pk, user=live.curator_user)
    services.submission_approve(product_id=live.pk, user=live.curator_user)
    live = type(live).objects.get(pk=live.pk)  # fresh attribute values
    assert (live.title, live.attr.bahan.option) == ("Selendang Cual Sutra", "Sutra")
    assert not live.images.filter(pk=old_photo.pk).exists()
    assert live.images.count() == 1


def test_while_a_curator_reviews_the_changes_only_price_and_stock_are_offered(
    artisan_client, live, owner
):
    from curation import revisions

    revisions.revision_propose(product_id=live.pk, user=owner, title="Baru",
                               description="", category=None, attributes={})
    services.submission_claim(product_id=live.pk, user=live.curator_user)
    response = artisan_client.get(portal_url(live))
    assert set(response.context["form"].fields) == {"price", "num_in_stock"}
    assert response.context["revision"].state == S.IN_REVIEW


def test_the_artisan_reads_the_councils_notes_per_criterion(artisan_client, artisan, owner):
    criterion = CriterionFactory(code="technique")
    from tests.factories import CuratorFactory

    curator = CuratorFactory(regions=[artisan.region])
    product = ProductFactory(artisan=artisan)
    services.submission_submit(product_id=product.pk, user=owner)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_request_changes(
        product_id=product.pk, user=curator.user, note="Perbaiki foto.",
        results={criterion.pk: (CriterionResult.Result.FAILED, "Tunjukkan proses mencanting.")},
    )
    response = artisan_client.get(portal_url(product))
    assert response.context["decision"].note == "Perbaiki foto."
    assert [(r.criterion, r.note) for r in response.context["decision_results"]] == [
        (criterion, "Tunjukkan proses mencanting.")
    ]
    assert b"Tunjukkan proses mencanting." in response.content


@pytest.mark.parametrize("action, start, end", [
    ("withdraw", S.SUBMITTED, S.DRAFT),
    ("retire", S.APPROVED, S.WITHDRAWN),
    ("resubmit", S.DELISTED, S.SUBMITTED),
])
def test_the_artisans_actions(artisan_client, artisan, owner, action, start, end):
    product = published_product(artisan=artisan) if start != S.SUBMITTED else ProductFactory(
        artisan=artisan)
    if start == S.SUBMITTED:
        services.submission_submit(product_id=product.pk, user=owner)
    if start == S.DELISTED:
        services.product_delist(product_id=product.pk, user=product.curated_by, note="Cek.")
    response = artisan_client.post(portal_url(product, f"portal-product-{action}"), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    product.refresh_from_db()
    assert product.curation_state == end


def test_the_artisans_actions_are_post_only_and_refused_from_the_wrong_state(
    artisan_client, product
):
    assert artisan_client.get(portal_url(product, "portal-product-retire")).status_code == 405
    response = artisan_client.post(portal_url(product, "portal-product-retire"), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    product.refresh_from_db()
    assert product.curation_state == S.DRAFT


def test_evidence_upload_and_removal(artisan_client, product):
    technique = CriterionFactory(code="technique", asks_evidence=True)
    plain = CriterionFactory(code="no-evidence", asks_evidence=False)
    page = artisan_client.get(portal_url(product))
    assert list(page.context["criteria"]) == [technique, plain]  # what the council checks
    assert list(page.context["evidence_form"].fields["criterion"].queryset) == [technique]

    response = artisan_client.post(portal_url(product, "portal-product-evidence-add"), {
        "criterion": technique.pk, "image": photo_upload(), "caption": "Mencanting",
        "form_token": form_token_new(),
    }, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    evidence = Evidence.objects.get()
    assert (evidence.product, evidence.criterion, evidence.caption) == (
        product, technique, "Mencanting"
    )

    response = artisan_client.post(
        portal_url(product, "portal-product-evidence-delete", evidence.pk), follow=True
    )
    assert not Evidence.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(artisan_client, product):
    technique = CriterionFactory(asks_evidence=True)
    response = artisan_client.post(portal_url(product, "portal-product-evidence-add"), {
        "criterion": technique.pk, "image": text_renamed_jpg(), "form_token": form_token_new(),
    }, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Evidence.objects.exists()


def test_another_artisan_reaches_none_of_it(client, live, region):
    technique = CriterionFactory(asks_evidence=True)
    evidence = Evidence.objects.create(
        product=live, criterion=technique, uploaded_by=live.artisan.partner.users.get(),
        image="curation/evidence/x.jpg",
    )
    client.force_login(ArtisanFactory(region=region).partner.users.get())
    urls = [portal_url(live, f"portal-product-{action}") for action in
            ("submit", "withdraw", "retire", "resubmit", "changes-submit", "changes-withdraw",
             "evidence-add")]
    urls.append(portal_url(live, "portal-product-evidence-delete", evidence.pk))
    for url in urls:
        assert client.post(url).status_code == 404, url
    live.refresh_from_db()
    assert (live.curation_state, live.evidence.count()) == (S.APPROVED, 1)
    assert not ProductRevision.objects.exists()

    client.force_login(UserFactory())
    assert client.post(urls[0]).status_code == 403
