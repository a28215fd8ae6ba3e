"""Two curators answer one application at the same moment: exactly one answer applies."""

import pytest

from artisans.joining import services
from artisans.joining.errors import AlreadyDecided, JoiningError
from tests.factories import ArtisanFactory, CuratorFactory
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
    assert artisan.reviewed_by == winner
    won_with = "verify" if winner == first.user else second_answer
    if won_with == "verify":
        assert artisan.is_verified and artisan.declined_at is None and artisan.review_note == ""
    else:
        assert not artisan.is_verified and artisan.declined_at is not None
        assert artisan.review_note == "Belum lengkap."
