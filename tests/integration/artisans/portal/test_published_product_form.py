"""The editing form of a published product saves all of it or nothing (issue 13).

Price and stock change at once and the content becomes a pending revision; both are
written by one service call in one transaction. When any part is refused (a photo, a
revision a curator started reviewing meanwhile, council staff who may change price
and stock but not propose the artisan's content) nothing is saved and the form comes
back with the message and everything typed.
"""
from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue import services as catalogue_services
from catalogue.errors import InvalidPhoto
from curation import revisions, services
from curation.models import CurationEvent, ProductRevision, Submission
from catalogue.states import CurationState as S
from core.form_tokens.services import form_token_new
from tests.support.photos import photo_upload


from tests.integration.artisans.portal.helpers import portal_url

pytestmark = pytest.mark.django_db
STOCK_EVENTS = [CurationEvent.Kind.PRICE_CHANGED, CurationEvent.Kind.STOCK_CHANGED]


def _typed(live, craft, **overrides):
    silk = craft.attributes.get(code="bahan").option_group.options.get(option="Sutra")
    data = {
        "title": "Selendang Cual Sutra", "description": "Sutra.",
        "category": live.categories.get().pk, "attr_motif": "Kembang Kundur",
        "attr_bahan": silk.pk, "price": "650000", "num_in_stock": "7",
        "form_token": form_token_new(),
    }
    data.update(overrides)
    return data


def _nothing_saved(live, *, revisions_before=0, open_submissions_before=0):
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("500000"), 2)
    assert not live.curation_events.filter(kind__in=STOCK_EVENTS).exists()
    assert live.revisions.count() == revisions_before
    assert live.submissions.filter(is_open=True).count() == open_submissions_before
    live.refresh_from_db()
    assert (live.title, live.curation_state, live.is_public) == ("Selendang Cual", S.APPROVED,
                                                                 True)


def _kept(response, data):
    form = response.context["form"]
    return {name: form[name].value() for name in ("title", "description", "price",
                                                  "num_in_stock")} == {
        name: data[name] for name in ("title", "description", "price", "num_in_stock")}


@pytest.mark.parametrize("refusing", ["photo_check", "photo_room_check"])
def test_a_refused_photo_saves_neither_price_and_stock_nor_the_revision(
    artisan_client, live, craft, monkeypatch, refusing
):
    # Given the catalogue refuses the photo once the form has accepted it: on a second
    # look (photo_check, before the lock) or for want of room (inside the transaction,
    # after the revision row is written)
    def refuse(**kwargs):
        raise InvalidPhoto("kain.jpg: the shop cannot take this photo.")

    monkeypatch.setattr(catalogue_services, refusing, refuse)
    data = _typed(live, craft, photos=[photo_upload()])

    # When the artisan saves the form with a new price, new stock and the photo
    response = artisan_client.post(portal_url(live), data)

    # Then the form comes back with the message at the photos and what was typed
    assert response.status_code == 200
    form = response.context["form"]
    assert "kain.jpg: the shop cannot take this photo." in form.errors["photos"]
    assert _kept(response, data)
    # and nothing is saved: price, stock, revision, submission, events
    _nothing_saved(live)
    assert not CurationEvent.objects.filter(product=live, kind=CurationEvent.Kind.SUBMITTED,
                                            revision__isnull=False).exists()


def test_a_revision_a_curator_claimed_meanwhile_saves_nothing(
    artisan_client, live, craft, owner, monkeypatch
):
    # Given pending changes, and a curator who claims them while the artisan's save
    # is on its way (after the page chose the revision form, before the write)
    revisions.revision_propose(product_id=live.pk, user=owner, title="Selendang Cual Baru",
                               description="", category=None, attributes={})
    open_revision = revisions.open_revision
    claimed = []

    def claim_after_the_view_looked(product):
        revision = open_revision(product)
        if not claimed:
            services.submission_claim(product_id=live.pk, user=live.curator_user)
            claimed.append(True)
        return revision

    monkeypatch.setattr(revisions, "open_revision", claim_after_the_view_looked)
    data = _typed(live, craft)

    # When the artisan saves the form with a new price, stock and title
    response = artisan_client.post(portal_url(live), data)

    # Then the refusal is shown with what was typed, and nothing is saved
    assert response.status_code == 200
    assert "Kurator sedang meninjau perubahan Anda" in " ".join(  # the shop speaks Indonesian
        response.context["form"].non_field_errors())
    assert _kept(response, data)
    _nothing_saved(live, revisions_before=1, open_submissions_before=1)
    revision = live.revisions.get()
    assert (revision.state, revision.title) == (S.IN_REVIEW, "Selendang Cual Baru")


def test_council_staff_helping_the_artisan_change_nothing_through_the_revision_form(
    client, live, craft, curator, artisan
):
    # Given a curator helping the artisan (assisted upload), on the published product
    client.force_login(curator.user)
    client.post(reverse("curation-assist-start", args=[artisan.pk]))
    data = _typed(live, craft)

    # When they save its editing form
    response = client.post(portal_url(live), data)

    # Then a revision is the artisan's own: refused, and the price is not half-saved
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert _kept(response, data)
    _nothing_saved(live)


def test_price_stock_and_the_revision_are_saved_together(artisan_client, live, craft):
    data = _typed(live, craft)
    last_event = live.curation_events.order_by("pk").last().pk

    response = artisan_client.post(portal_url(live), data)

    assert response.status_code == 302
    record = live.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("650000"), 7)
    revision = ProductRevision.objects.get(product=live)
    assert (revision.state, revision.title) == (S.SUBMITTED, "Selendang Cual Sutra")
    assert Submission.objects.get(product=live, is_open=True).revision == revision
    kinds = live.curation_events.filter(pk__gt=last_event).values_list("kind", flat=True)
    assert sorted(kinds) == sorted([CurationEvent.Kind.SUBMITTED, *STOCK_EVENTS])
