"""The council's payout pages in Oscar's dashboard (/dashboard/payouts/).

Staff read the balances and ledgers; only staff who manage payments
(payouts.selectors.user_may_pay_artisans) reach the forms that record a payout or
a correction.
Anyone else signed in gets 403, anonymous visitors go to the login page. Reads go
through payouts.selectors, writes through payouts.services.
"""
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from core.access import StaffRequiredMixin
from core.csv import csv_response, csv_text
from core.money import rupiah
from payouts import services
from payouts.csv_export import balance_rows, ledger_filename, ledger_rows
from payouts.errors import DuplicateReference, OverBalance, PayoutsError
from payouts.forms import (
    AdjustmentForm, ExportFilterForm, LedgerFilterForm, PayoutForm, RegionFilterForm,
)
from payouts.selectors import (
    artisan_balance, artisan_for_ledger, artisan_ledger, balances, ledger_entries,
    opening_balances, user_may_pay_artisans, with_running_balances,
)


class PaymentsStaffRequiredMixin(StaffRequiredMixin):
    """Staff who manage payments: they record the transfers."""

    def test_func(self) -> bool:
        return user_may_pay_artisans(user=self.request.user)


class ArtisanMixin:
    """The artisan in the URL (404 if there is none), once access has been checked."""

    def dispatch(self, request, *args, **kwargs):
        if not self.get_test_func()():
            return self.handle_no_permission()
        self.artisan = artisan_for_ledger(artisan_id=kwargs["artisan_id"])
        if self.artisan is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class BalanceListView(StaffRequiredMixin, TemplateView):
    """What the council owes each artisan now, with their last payout."""

    template_name = "payouts/dashboard_balances.html"

    def get_context_data(self, **kwargs):
        form = RegionFilterForm(self.request.GET or None)
        region = form.cleaned_data["region"] if form.is_valid() else None
        artisans = list(balances(region=region))
        return super().get_context_data(
            form=form, region=region, artisans=artisans,
            total=sum(artisan.balance for artisan in artisans),
            may_pay=user_may_pay_artisans(user=self.request.user), **kwargs,
        )


class BalanceCsvView(StaffRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        form = RegionFilterForm(request.GET or None)
        region = form.cleaned_data["region"] if form.is_valid() else None
        slug = region.slug if region else "all"
        return csv_response(text=csv_text(balance_rows(artisans=balances(region=region))),
                            filename=f"pasar-kriya-balances-{slug}.csv")


class ArtisanLedgerView(ArtisanMixin, StaffRequiredMixin, TemplateView):
    """One artisan's ledger between two days, with the balance after each entry."""

    template_name = "payouts/dashboard_ledger.html"

    def get_context_data(self, **kwargs):
        form = LedgerFilterForm(self.request.GET or None)
        start = end = None
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        return super().get_context_data(
            artisan=self.artisan, form=form,
            ledger=artisan_ledger(artisan=self.artisan, start=start, end=end),
            balance=artisan_balance(artisan_id=self.artisan.pk),
            may_pay=user_may_pay_artisans(user=self.request.user), **kwargs,
        )


class LedgerCsvView(StaffRequiredMixin, View):
    """The ledger of every artisan, or of one (?artisan=<id>), between two days."""

    def get(self, request, *args, **kwargs):
        form = ExportFilterForm(request.GET)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Choose the days as YYYY-MM-DD, the first before "
                                            "the last."))
        artisan_id = form.cleaned_data["artisan"]
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        slug = "all"
        if artisan_id is not None:
            artisan = artisan_for_ledger(artisan_id=artisan_id)
            if artisan is None:
                raise Http404
            slug = artisan.slug
        rows = with_running_balances(
            ledger_entries(artisan_id=artisan_id, start=start, end=end),
            opening_balances(start=start, artisan_id=artisan_id),
        )
        return csv_response(text=csv_text(ledger_rows(rows=rows)),
                            filename=ledger_filename(slug=slug, start=start, end=end))


class PayoutCreateView(ArtisanMixin, PaymentsStaffRequiredMixin, FormView):
    """Record a bank transfer made to the artisan. What was typed stays on an error."""

    template_name = "payouts/dashboard_payout_form.html"
    form_class = PayoutForm

    def get_initial(self):
        return PayoutForm.fresh_initial(balance=artisan_balance(artisan_id=self.artisan.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            artisan=self.artisan, balance=artisan_balance(artisan_id=self.artisan.pk), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            payout = services.payout_record(
                artisan_id=self.artisan.pk, amount=data["amount"], paid_on=data["paid_on"],
                reference=data["reference"], note=data["note"], user=self.request.user,
                idempotency_key=data["token"],
            )
        except OverBalance as error:
            form.add_error("amount", str(error))
            return self.form_invalid(form)
        except DuplicateReference as error:
            form.add_error("reference", str(error))
            return self.form_invalid(form)
        except PayoutsError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Payout of %(amount)s to %(artisan)s recorded (reference %(reference)s); the "
            "artisan will be emailed the amount and the reference."
        ) % {"amount": rupiah(payout.amount), "artisan": self.artisan.name,
             "reference": payout.reference})
        return redirect(reverse("payouts-ledger", kwargs={"artisan_id": self.artisan.pk}))


class AdjustmentCreateView(ArtisanMixin, PaymentsStaffRequiredMixin, FormView):
    """Correct the artisan's balance with a signed amount and the reason (a new entry)."""

    template_name = "payouts/dashboard_adjustment_form.html"
    form_class = AdjustmentForm

    def get_initial(self):
        return AdjustmentForm.fresh_initial()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            artisan=self.artisan, balance=artisan_balance(artisan_id=self.artisan.pk), **kwargs
        )

    def form_valid(self, form):
        try:
            services.ledger_adjust(
                artisan_id=self.artisan.pk, amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"], user=self.request.user,
                idempotency_key=form.cleaned_data["token"],
            )
        except PayoutsError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Correction recorded for %(artisan)s.")
                         % {"artisan": self.artisan.name})
        return redirect(reverse("payouts-ledger", kwargs={"artisan_id": self.artisan.pk}))
