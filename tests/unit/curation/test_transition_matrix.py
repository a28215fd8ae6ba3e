"""Every transition, from every state, by every kind of user (DESIGN.md's table).

For each (transition, starting state) the users who may not act are refused with a
named error and nothing changes; then the one who may, acts, and exactly one event
is written with them as its actor.
"""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from curation import services
from curation.errors import CurationError
from catalogue.states import CurationState as S
from tests.factories import ArtisanFactory, CuratorFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTE = "Catatan kurator."

# transition -> (service, takes a note, states it starts from, roles that may act)
TRANSITIONS = {
    # Council staff may send a verified artisan's product for them (assisted upload).
    "submit": (services.submission_submit, False, {S.DRAFT, S.CHANGES_REQUESTED},
               {"owner", "curator", "admin"}),
    "withdraw": (services.submission_withdraw, False, {S.SUBMITTED}, {"owner"}),
    "claim": (services.submission_claim, False, {S.SUBMITTED}, {"curator", "admin"}),
    "release": (services.submission_release, False, {S.IN_REVIEW}, {"curator"}),
    # In review means claimed by "curator" here: only another curator of the region
    # (the admin curates every region) may take the claim over; the state stays.
    "take_over": (services.submission_take_over, False, {S.IN_REVIEW}, {"admin"}),
    "approve": (services.submission_approve, True, {S.IN_REVIEW}, {"curator"}),
    "request_changes": (services.submission_request_changes, True, {S.IN_REVIEW}, {"curator"}),
    "reject": (services.submission_reject, True, {S.IN_REVIEW}, {"curator"}),
    "delist": (services.product_delist, True, {S.APPROVED}, {"curator", "admin"}),
    "resubmit": (services.product_resubmit, False, {S.DELISTED}, {"owner"}),
    "retire": (services.product_retire, False, {S.APPROVED}, {"owner"}),
}
# Transitions that tell someone by email (Celery runs eagerly in the tests, after commit).
NOTIFYING = {"submit", "approve", "request_changes", "reject", "delist", "resubmit", "take_over"}
ROLES = ["owner", "other_artisan", "curator", "other_curator", "admin", "buyer", "anonymous"]


@pytest.fixture
def people(region, other_region):
    owner_artisan = ArtisanFactory(region=region)
    return {
        "owner_artisan": owner_artisan,
        "owner": owner_artisan.partner.users.get(),
        "other_artisan": ArtisanFactory(region=region).partner.users.get(),
        "curator": CuratorFactory(regions=[region]).user,
        "other_curator": CuratorFactory(regions=[other_region]).user,
        "admin": UserFactory(is_staff=True, is_superuser=True),
        "buyer": UserFactory(),
        "anonymous": AnonymousUser(),
    }


def product_in(state, people):
    """Drive a new product to `state` through the services themselves."""
    product = ProductFactory(artisan=people["owner_artisan"])
    pid, owner, curator = product.pk, people["owner"], people["curator"]
    steps = {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.IN_REVIEW: ["submit", "claim"],
        S.CHANGES_REQUESTED: ["submit", "claim", "request_changes"],
        S.APPROVED: ["submit", "claim", "approve"],
        S.REJECTED: ["submit", "claim", "reject"],
        S.DELISTED: ["submit", "claim", "approve", "delist"],
        S.WITHDRAWN: ["submit", "claim", "approve", "retire"],
    }[state]
    for step in steps:
        service, takes_note, _, roles = TRANSITIONS[step]
        user = owner if "owner" in roles else curator
        service(product_id=pid, user=user, **({"note": NOTE} if takes_note else {}))
    product.refresh_from_db()
    assert product.curation_state == state
    return product


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("transition", list(TRANSITIONS))
def test_transition_from_state_by_role(transition, state, people,
                                       django_capture_on_commit_callbacks):
    service, takes_note, from_states, allowed_roles = TRANSITIONS[transition]
    product = product_in(state, people)
    kwargs = {"note": NOTE} if takes_note else {}
    events_before = product.curation_events.count()
    mails_before = len(mail.outbox)
    may_act = [r for r in ROLES if r in allowed_roles] if state in from_states else []

    for role in [r for r in ROLES if r not in may_act]:
        with pytest.raises(CurationError), django_capture_on_commit_callbacks(execute=True):
            service(product_id=product.pk, user=people[role], **kwargs)
        product.refresh_from_db()
        assert product.curation_state == state, role
        assert product.curation_events.count() == events_before, role
        assert len(mail.outbox) == mails_before, role

    if may_act:
        with django_capture_on_commit_callbacks(execute=True):
            service(product_id=product.pk, user=people[may_act[0]], **kwargs)
        product.refresh_from_db()
        if transition == "take_over":
            assert product.submissions.get(is_open=True).claimed_by == people[may_act[0]]
        else:
            assert product.curation_state != state
        assert product.is_public == (product.curation_state == S.APPROVED)
        assert product.curation_events.count() == events_before + 1
        assert product.curation_events.last().actor == people[may_act[0]]
        assert (len(mail.outbox) > mails_before) == (transition in NOTIFYING), mail.outbox
