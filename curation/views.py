"""The curation area: a curator's queue and the page where they decide.

Views are thin: lookups go through the region-scoped selectors (another region's
product is a 404) and every change through curation.services.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, ListView

from curation import services
from curation.errors import CurationError
from curation.selectors import (
    curation_queue,
    curator_for_user,
    products_curated_by,
    regions_curated_by,
)


class CuratorRequiredMixin(LoginRequiredMixin):
    """Curators and superusers only; anyone else signed in gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not (request.user.is_superuser or curator_for_user(user=request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(CuratorRequiredMixin, ListView):
    template_name = "curation/queue.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        return curation_queue(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = regions_curated_by(user=self.request.user)
        context["counts"] = dict(
            curation_queue(user=self.request.user)
            .values_list("product__curation_state")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return context


class ProductCurateView(CuratorRequiredMixin, DetailView):
    """Everything a curator needs to decide: photos, attributes, artisan, history."""

    template_name = "curation/product_curate.html"
    context_object_name = "product"

    def get_queryset(self):
        return products_curated_by(user=self.request.user).select_related(
            "artisan__region", "product_class"
        ).prefetch_related("images", "stockrecords")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        context["events"] = product.curation_events.select_related("actor")
        context["submission"] = product.submissions.filter(is_open=True).select_related(
            "claimed_by"
        ).first()
        return context


class ProductCurateActionView(CuratorRequiredMixin, View):
    """POST one curation action; the service decides whether it is allowed."""

    actions = {
        "claim": services.submission_claim,
        "release": services.submission_release,
        "approve": services.submission_approve,
        "request-changes": services.submission_request_changes,
        "reject": services.submission_reject,
        "delist": services.product_delist,
    }
    takes_note = {"approve", "request-changes", "reject", "delist"}
    action: str = ""

    def post(self, request, pk: int):
        product = get_object_or_404(products_curated_by(user=request.user), pk=pk)
        service = self.actions[self.action]
        kwargs = {"product_id": product.pk, "user": request.user}
        if self.action in self.takes_note:
            kwargs["note"] = request.POST.get("note", "")
        try:
            product = service(**kwargs)
        except CurationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, product.get_curation_state_display())
        return redirect("curation-product", pk=pk)
