"""Assisted upload, started and stopped from the curation area (/curation/assist/).

A curator of the artisan's region works in the artisan area for a verified
artisan; see artisans.portal.assist.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from artisans.portal import assist
from curation.views import CuratorRequiredMixin


class AssistStartView(CuratorRequiredMixin, View):
    """POST: work in the artisan area for a verified artisan of the curator's regions."""

    http_method_names = ["post"]

    def post(self, request, artisan_pk: int):
        artisan = get_object_or_404(assist.assistable_artisans(user=request.user),
                                    pk=artisan_pk)
        assist.assistance_start(request, artisan=artisan)
        messages.info(request, _(
            "You are working for %(name)s. What you enter is recorded as entered by you "
            "for them, and another curator must judge it."
        ) % {"name": artisan.name})
        return redirect("portal-product-list")


class AssistStopView(LoginRequiredMixin, View):
    """POST: stop working for an artisan."""

    http_method_names = ["post"]

    def post(self, request):
        assist.assistance_stop(request)
        return redirect("curation-queue")
