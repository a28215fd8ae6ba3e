"""The curation area: a curator's queue and the page where they decide.

Views are thin: lookups go through the region-scoped selectors (another region's
product is a 404) and every change through curation.services. A refused decision
shows the review page again with everything the curator wrote kept.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from curation import revisions, services
from curation.errors import CurationError
from curation.forms import DecisionForm, QueueFilterForm
from curation.models import CriterionResult, Evidence, Submission
from curation.selectors import (
    criteria_for_product,
    curation_queue_counts,
    curation_queue_filtered,
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
    """Open submissions of the curator's regions, oldest first, with filters and counts."""

    template_name = "curation/queue.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        self.regions = regions_curated_by(user=self.request.user)
        self.filter_form = QueueFilterForm(self.request.GET or None, regions=self.regions)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return curation_queue_filtered(
            user=self.request.user, status=filters.get("status", ""),
            kind=filters.get("kind", ""), region=filters.get("region"),
            craft=filters.get("craft"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            regions=self.regions, filter_form=self.filter_form, now=timezone.now(),
            counts=curation_queue_counts(user=self.request.user),
            filter_query=self._filter_query(), **kwargs,
        )

    def _filter_query(self) -> str:
        """The filters as a query string, for the pagination links."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class ProductCurateView(CuratorRequiredMixin, DetailView):
    """Everything a curator needs to decide: photos, changes, evidence, artisan, history."""

    template_name = "curation/product_curate.html"
    context_object_name = "product"
    decision_form: DecisionForm | None = None

    def get_queryset(self):
        return products_curated_by(user=self.request.user).select_related(
            "artisan__region", "artisan__partner", "product_class", "parent__product_class",
        ).prefetch_related("images", "stockrecords", "categories")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        submission = (
            product.submissions.filter(is_open=True)
            .select_related("claimed_by", "revision__category", "submitted_by").first()
        )
        criteria = list(criteria_for_product(product=product))
        evidence = list(
            Evidence.objects.filter(product=product).select_related("criterion", "uploaded_by")
        )
        decision_form = self.decision_form or DecisionForm(criteria=criteria)
        evidence_by_criterion = _group(evidence, key=lambda e: e.criterion_id)
        context.update(
            now=timezone.now(),
            submission=submission,
            item_state=self._item_state(product, submission),
            is_claimant=bool(submission and submission.claimed_by_id == self.request.user.pk),
            changes=(revisions.revision_changes(revision=submission.revision)
                     if submission and submission.revision_id else None),
            decision_form=decision_form,
            criteria_rows=[
                (criterion, result, note, evidence_by_criterion.get(criterion.pk, []))
                for criterion, result, note in decision_form.rows()
            ],
            evidence=evidence,
            events=product.curation_events.select_related("actor", "revision").order_by(
                "-created_at", "-pk"
            ),
            decisions=product.submissions.filter(is_open=False).exclude(
                outcome__in=["draft", "withdrawn"]
            ).select_related("decided_by", "revision").prefetch_related(
                Prefetch("results", queryset=CriterionResult.objects.select_related("criterion"))
            ).order_by("-decided_at", "-pk"),
            artisan_published=product.artisan.products.public().filter(parent=None).count()
            if product.artisan_id else 0,
        )
        return context

    @staticmethod
    def _item_state(product, submission: Submission | None) -> str:
        if submission is not None and submission.revision_id:
            return submission.revision.state
        return product.curation_state


def _group(items, *, key) -> dict:
    grouped: dict = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return grouped


class ProductCurateActionView(CuratorRequiredMixin, View):
    """POST one curation action; the service decides whether it is allowed."""

    actions = {
        "claim": services.submission_claim,
        "take-over": services.submission_take_over,
        "release": services.submission_release,
        "approve": services.submission_approve,
        "request-changes": services.submission_request_changes,
        "reject": services.submission_reject,
        "delist": services.product_delist,
    }
    takes_note = {"take-over", "approve", "request-changes", "reject", "delist"}
    decisions = {"approve", "request-changes", "reject"}
    done = {
        "claim": _("You have claimed this item: it is yours to decide."),
        "take-over": _("You have taken over this item."),
        "release": _("The item is back in the queue."),
        "approve": _("Approved: the product is published as it now is."),
        "request-changes": _("Sent back to the artisan with your notes."),
        "reject": _("Rejected; the artisan is told why."),
        "delist": _("Delisted: the product is off the shop."),
    }
    action: str = ""

    def post(self, request, pk: int):
        product = get_object_or_404(products_curated_by(user=request.user), pk=pk)
        kwargs = {"product_id": product.pk, "user": request.user}
        form = None
        if self.action in self.decisions:
            form = DecisionForm(request.POST, criteria=criteria_for_product(product=product))
            form.is_valid()  # every field is optional; results() reads what is valid
            kwargs.update(note=form.cleaned_data.get("note", ""), results=form.results())
        elif self.action in self.takes_note:
            kwargs["note"] = request.POST.get("note", "")
        try:
            self.actions[self.action](**kwargs)
        except CurationError as error:
            messages.error(request, str(error))
            if form is not None:
                # Show the page again with the curator's judgement and notes kept.
                page = ProductCurateView(decision_form=form)
                page.setup(request, pk=pk)
                page.object = page.get_object()
                return page.render_to_response(page.get_context_data(object=page.object))
        else:
            messages.success(request, self.done[str(self.action)])
            if self.action in self.decisions:
                return redirect("curation-queue")
        return redirect("curation-product", pk=pk)
