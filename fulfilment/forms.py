"""The artisan's shipping forms and the council's refund forms.

The line acted on always comes from the address, never from these fields.
"""
from django import forms
from django.utils.translation import gettext_lazy as _

from fulfilment.errors import InvalidShipment
from fulfilment.models import Courier
from fulfilment.services import tracking_number_clean


class ShipForm(forms.Form):
    courier = forms.ChoiceField(
        label=_("Courier"), choices=[("", _("Choose the courier")), *Courier.choices],
    )
    courier_other = forms.CharField(
        label=_("Courier's name"), required=False, max_length=60,
        help_text=_("Only when you chose another courier."),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"), max_length=60,
        help_text=_("The receipt number (resi) the courier gave you: letters and digits."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off",
                                      "spellcheck": "false"}),
    )

    def clean_tracking_number(self) -> str:
        try:
            return tracking_number_clean(self.cleaned_data["tracking_number"])
        except InvalidShipment as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("courier") == Courier.OTHER and not cleaned.get("courier_other", "").strip():
            self.add_error("courier_other", _("Name the courier that carries the parcel."))
        return cleaned


class UnableForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can it not be sent?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The council and the buyer read this."),
    )
    restock = forms.BooleanField(
        label=_("I still have the piece: put it back on sale"), required=False,
    )


class RefundForm(forms.Form):
    """A bank-transfer order's line refunded by the council, recorded by hand."""

    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the bank transfer's reference."),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000,
        help_text=_("Needed for a line that was sent: why it is refunded."),
    )


class CardRefundForm(forms.Form):
    """A card order's line refunded through Stripe."""

    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000,
        help_text=_("Needed for a line that was sent: why it is refunded."),
    )


class OrderRefundForm(forms.Form):
    """Every line of an order refunded."""

    reason = forms.CharField(label=_("Reason"), max_length=2000)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000,
        help_text=_("Bank transfer orders: the refund transfer's reference."),
    )
