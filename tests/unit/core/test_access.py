"""core.access: the council pages of curation, fulfilment, statements and payouts
share one StaffRequiredMixin."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from core.access import StaffRequiredMixin
from tests.factories import UserFactory


class StaffPage(StaffRequiredMixin, View):
    def get(self, request):
        return HttpResponse("council")


def _get(user):
    request = RequestFactory().get("/council/")
    request.user = user
    return StaffPage.as_view()(request)


@pytest.mark.django_db
def test_staff_get_in_others_are_refused_and_visitors_sent_to_log_in():
    assert _get(UserFactory(is_staff=True)).content == b"council"
    with pytest.raises(PermissionDenied):
        _get(UserFactory(is_staff=False))
    response = _get(AnonymousUser())
    assert response.status_code == 302 and "login" in response.url


def test_the_council_views_use_the_one_mixin():
    from curation.dashboard import views as curation_views
    from fulfilment import dashboard_views as fulfilment_views
    from payouts import dashboard_views as payouts_views
    from statements import dashboard_views as statements_views

    for module in (curation_views, fulfilment_views, payouts_views, statements_views):
        assert module.StaffRequiredMixin is StaffRequiredMixin
