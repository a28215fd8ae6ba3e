"""Forms of the council's payout pages."""
import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Region
from core.calendar import COUNCIL_TIMEZONE

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def jakarta_today() -> dt.date:
    return timezone.localtime(timezone.now(), COUNCIL_TIMEZONE).date()


class PayoutForm(forms.Form):
    """A bank transfer made to one artisan. `token` is the form's one-time key: the same
    form submitted twice records one payout (payouts.services.payout_record)."""

    amount = forms.IntegerField(
        label=_("Amount transferred (Rp)"), min_value=1,
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
    )
    paid_on = forms.DateField(
        label=_("Transferred on"), input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(
        label=_("Bank reference"), max_length=64,
        help_text=_("As printed on the bank statement, e.g. the transfer number."),
    )
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    @classmethod
    def fresh_initial(cls, *, balance: int) -> dict:
        return {"token": uuid.uuid4().hex, "paid_on": jakarta_today(),
                "amount": balance if balance > 0 else None}


class AdjustmentForm(forms.Form):
    """A correction of an artisan's balance by council staff, always with the reason.
    `token` is the form's one-time key: the same form submitted twice records one
    correction (payouts.services.ledger_adjust)."""

    amount = forms.IntegerField(
        label=_("Correction (Rp)"),
        help_text=_("Positive: the council owes the artisan more; negative: less."),
        widget=forms.NumberInput(attrs={"step": 1}),
    )
    note = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    @classmethod
    def fresh_initial(cls) -> dict:
        return {"token": uuid.uuid4().hex}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("A correction is an amount other than zero."))
        return amount


class LedgerFilterForm(forms.Form):
    """Dates of a ledger page or export (inclusive, Western Indonesia Time)."""

    start = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day comes after the last."))
        return cleaned


class ExportFilterForm(LedgerFilterForm):
    artisan = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RegionFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("province", "name"), required=False,
        empty_label=_("All regions"),
    )
