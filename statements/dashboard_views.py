"""The council's statement pages in Oscar's dashboard (/dashboard/statements/).

Staff only: anyone else signed in gets 403, anonymous visitors go to the login page.
Reads go through statements.selectors; commission rates are payouts' (payouts.rates).
"""
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.access import StaffRequiredMixin
from core.calendar import COUNCIL_TIMEZONE, Month
from core.csv import csv_response, csv_text
from core.form_tokens.selectors import form_token_earlier
from payouts import rates
from payouts.errors import RateError
from payouts.models import CommissionRate
from statements.csv_export import (
    csv_filename, statement_rows, summary_rows, summary_slug,
)
from statements.dashboard_forms import CommissionRateForm, MonthFilterForm
from statements.selectors import artisan_for_council, statement_for, statements_for_council

RATE_LIST_URL = reverse_lazy("statements-rate-list")


class SummaryMixin(StaffRequiredMixin):
    """The month (default: the last month that has ended) and region from the query string."""

    def filter_form(self) -> MonthFilterForm:
        last_month = Month.current().previous()
        data = self.request.GET.copy()
        data.setdefault("year", str(last_month.year))
        data.setdefault("month", str(last_month.month))
        return MonthFilterForm(data)


class StatementSummaryView(SummaryMixin, TemplateView):
    """Each artisan's sales, commission and what is owed for a month."""

    template_name = "statements/dashboard_summary.html"

    def get_context_data(self, **kwargs):
        form = self.filter_form()
        summary = None
        if form.is_valid():
            summary = statements_for_council(
                year=form.cleaned_data["year"], month=form.cleaned_data["month"],
                region=form.cleaned_data["region"],
            )
        return super().get_context_data(
            form=form, summary=summary, current_month=Month.current(), **kwargs
        )


class StatementSummaryCsvView(SummaryMixin, View):
    def get(self, request, *args, **kwargs):
        form = self.filter_form()
        if not form.is_valid():
            return HttpResponseBadRequest(_("Choose a year, a month and optionally a region."))
        summary = statements_for_council(
            year=form.cleaned_data["year"], month=form.cleaned_data["month"],
            region=form.cleaned_data["region"],
        )
        return csv_response(
            text=csv_text(summary_rows(summary=summary)),
            filename=csv_filename(slug=summary_slug(summary=summary), month=summary.month),
        )


class CouncilStatementMixin(StaffRequiredMixin):
    """One artisan's statement for a month, as the council sees it."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return self.handle_no_permission()
        artisan = artisan_for_council(artisan_id=kwargs["artisan_id"])
        if artisan is None:
            raise Http404
        try:
            self.statement = statement_for(
                artisan=artisan, year=kwargs["year"], month=kwargs["month"]
            )
        except ValueError as error:
            raise Http404 from error
        return super().dispatch(request, *args, **kwargs)


class CouncilStatementView(CouncilStatementMixin, TemplateView):
    template_name = "statements/dashboard_statement.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(statement=self.statement, **kwargs)


class CouncilStatementCsvView(CouncilStatementMixin, View):
    def get(self, request, *args, **kwargs):
        return csv_response(
            text=csv_text(statement_rows(statement=self.statement)),
            filename=csv_filename(slug=self.statement.artisan.slug, month=self.statement.month),
        )


class CommissionRateListView(StaffRequiredMixin, TemplateView):
    template_name = "statements/dashboard_rate_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localtime(timezone.now(), COUNCIL_TIMEZONE).date()
        return super().get_context_data(
            rates=rates.commission_rates_for_dashboard(),
            in_force=rates.commission_rate_ids_in_force(on=today),
            first_open_day=Month.current().first_day,
            **kwargs,
        )


class CommissionRateCreateView(StaffRequiredMixin, FormView):
    template_name = "statements/dashboard_rate_form.html"
    form_class = CommissionRateForm

    def get_initial(self):
        return {"valid_from": Month.current().next().first_day}

    def post(self, request, *args, **kwargs):
        # A copy sent again would fail the form's check that the day is free: answer
        # it with the rate the first one set.
        earlier = form_token_earlier(kind=rates.RATE_FORM_KIND, user=request.user,
                                     token=request.POST.get("form_token", ""))
        if earlier is not None:
            rate = CommissionRate.objects.filter(pk=earlier).first()  # None: deleted since
            if rate is not None:
                messages.success(request, _("Commission rate %(rate)s set.") % {"rate": rate})
            return redirect(RATE_LIST_URL)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            rate = rates.commission_rate_create(
                user=self.request.user, rate=form.cleaned_data["rate"],
                valid_from=form.cleaned_data["valid_from"], region=form.cleaned_data["region"],
                note=form.cleaned_data["note"], form_token=form.cleaned_data["form_token"],
            )
        except RateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Commission rate %(rate)s set.") % {"rate": rate})
        return redirect(RATE_LIST_URL)


class CommissionRateDeleteView(StaffRequiredMixin, View):
    """Take back a rate no ended month has used (POST only)."""

    def post(self, request, pk):
        rate = get_object_or_404(CommissionRate, pk=pk)
        try:
            rates.commission_rate_delete(user=request.user, rate=rate)
        except RateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Commission rate %(rate)s deleted.") % {"rate": rate})
        return redirect(RATE_LIST_URL)
