"""Two curators answer one application at the same moment: exactly one answer applies."""

import pytest

from artisans.joining import services
from artisans.joining.errors import AlreadyDecided, JoiningError
from artisans.models import AdmissionEvent
from tests.factories import ArtisanFactory, CuratorFactory, UserFactory
from tests.concurrency import POSTGRES_RACE
from tests.concurrency import run_at_once as run_concurrently

pytestmark = POSTGRES_RACE


def run_at_once(*calls):
    return run_concurrently(*calls, refused=(JoiningError,))


@pytest.mark.parametrize("second_answer", ["verify", "decline"])
def test_two_curators_answering_one_application(region, second_answer):
    artisan = ArtisanFactory(region=region, is_verified=False)
    first, second = CuratorFactory(regions=[region]), CuratorFactory(regions=[region])

    def answer(user, kind):
        if kind == "verify":
            return lambda: services.artisan_verify(artisan_id=artisan.pk, user=user)
        return lambda: services.artisan_decline(artisan_id=artisan.pk, user=user,
                                                note="Belum lengkap.")

    outcomes = run_at_once(answer(first.user, "verify"), answer(second.user, second_answer))

    errors = [o for o in outcomes if isinstance(o, JoiningError)]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyDecided), outcomes
    winner = first.user if not isinstance(outcomes[0], JoiningError) else second.user
    artisan.refresh_from_db()
    # Exactly one answer in the history: the winner's.
    answers = list(AdmissionEvent.objects.filter(artisan=artisan).exclude(kind="applied"))
    assert len(answers) == 1 and answers[0].actor == winner
    won_with = "verify" if winner == first.user else second_answer
    if won_with == "verify":
        assert artisan.is_verified and artisan.admission_state == "verified"
        assert answers[0].kind == "verified" and answers[0].note == ""
    else:
        assert not artisan.is_verified and artisan.admission_state == "declined"
        assert answers[0].kind == "declined" and answers[0].note == "Belum lengkap."


def test_two_logins_sending_a_declined_application_again_at_once(region):
    artisan = ArtisanFactory(region=region, is_verified=False)
    curator = CuratorFactory(regions=[region])
    second_login = UserFactory()
    artisan.partner.users.add(second_login)
    services.artisan_decline(artisan_id=artisan.pk, user=curator.user, note="NIB salah.")
    logins = list(artisan.partner.users.order_by("pk"))

    outcomes = run_at_once(*[
        (lambda user=user: services.artisan_reapply(artisan_id=artisan.pk, user=user))
        for user in logins])

    errors = [o for o in outcomes if isinstance(o, JoiningError)]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyDecided), outcomes
    assert list(AdmissionEvent.objects.filter(artisan=artisan).values_list("kind", flat=True)
                ) == ["declined", "reapplied"]
    artisan.refresh_from_db()
    assert artisan.admission_state == "pending"
