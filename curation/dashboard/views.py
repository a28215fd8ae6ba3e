"""The council admin's list of curation criteria, in Oscar's dashboard.

Staff only: anyone else signed in gets 403, anonymous visitors go to the login page.
Every change goes through curation.criteria.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from core.access import StaffRequiredMixin
from curation import criteria
from curation.dashboard.forms import CriterionCreateForm, CriterionForm
from curation.errors import CurationError
from curation.models import Criterion
from core.form_tokens.selectors import form_token_earlier

LIST_URL = reverse_lazy("curation-criterion-list")
FIELDS = (
    "name_id", "name_en", "guidance_id", "guidance_en", "is_mandatory", "asks_evidence",
    "crafts", "is_active", "display_order",
)


class CriterionListView(StaffRequiredMixin, ListView):
    template_name = "curation/dashboard/criterion_list.html"
    context_object_name = "criteria"

    def get_queryset(self):
        return criteria.criteria_for_dashboard()


class CriterionFormMixin(StaffRequiredMixin):
    model = Criterion
    form_class = CriterionForm
    template_name = "curation/dashboard/criterion_form.html"
    context_object_name = "criterion"

    def form_valid(self, form):
        data = {field: form.cleaned_data[field] for field in FIELDS}
        try:
            self.object = self.save(code=form.cleaned_data.get("code") or "", **data)
        except CurationError as error:
            form.add_error("code", str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        return redirect(LIST_URL)


class CriterionCreateView(CriterionFormMixin, CreateView):
    form_class = CriterionCreateForm
    success_message = gettext_lazy("Criterion “%(name)s” added.")

    def post(self, request, *args, **kwargs):
        # A copy sent again would fail the form's own check that the code is free:
        # answer it with the criterion the first one added.
        earlier = form_token_earlier(kind=criteria.CRITERION_FORM_KIND,
                                     token=request.POST.get("form_token", ""), user=request.user)
        if earlier is not None:
            messages.success(request, self.success_message
                             % {"name": get_object_or_404(Criterion, pk=earlier)})
            return redirect(LIST_URL)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.form_token = form.cleaned_data["form_token"]
        return super().form_valid(form)

    def save(self, **data) -> Criterion:
        return criteria.criterion_create(**data, form_token=self.form_token,
                                         user=self.request.user)


class CriterionUpdateView(CriterionFormMixin, UpdateView):
    success_message = gettext_lazy("Criterion “%(name)s” saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["code_locked"] = criteria.criterion_is_used(criterion=self.object)
        return kwargs

    def save(self, **data) -> Criterion:
        if data["display_order"] is None:
            data["display_order"] = self.object.display_order
        return criteria.criterion_update(criterion=self.object, **data)


class CriterionDeleteView(StaffRequiredMixin, DeleteView):
    """Delete a criterion never used; a used one is refused with the reason."""

    model = Criterion
    template_name = "curation/dashboard/criterion_delete.html"
    context_object_name = "criterion"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_used"] = criteria.criterion_is_used(criterion=self.object)
        return context

    def form_valid(self, form):
        try:
            criteria.criterion_delete(criterion=self.object)
        except CurationError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(
                self.request, _("Criterion “%(name)s” deleted.") % {"name": self.object}
            )
        return redirect(LIST_URL)


class CriterionActivateView(StaffRequiredMixin, View):
    """POST: put a criterion back in use (is_active=True) or take it out (False)."""

    is_active: bool = True

    def post(self, request, pk: int):
        criterion = get_object_or_404(Criterion, pk=pk)
        criteria.criterion_update(criterion=criterion, is_active=self.is_active)
        if self.is_active:
            message = _("“%(name)s” is in use again.")
        else:
            message = _("“%(name)s” is no longer asked of new decisions; past decisions keep it.")
        messages.success(request, message % {"name": criterion})
        return redirect(LIST_URL)


class CriterionMoveView(StaffRequiredMixin, View):
    """POST: move a criterion one place up or down in the council's order."""

    direction: str = "up"

    def post(self, request, pk: int):
        criterion = get_object_or_404(Criterion, pk=pk)
        criteria.criterion_move(criterion=criterion, direction=self.direction)
        return redirect(LIST_URL)
