"""Checkout forms (loaded by Oscar as checkout.forms): an Indonesian shipping address
and the choice of payment method. Oscar's other checkout forms are used as they are.
"""
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.models import Country
from oscar.apps.checkout.forms import ShippingAddressForm as CoreShippingAddressForm
from phonenumber_field.phonenumber import PhoneNumber

from shipping.provinces import PROVINCE_CHOICES

INDONESIA = "ID"
POSTCODE_RE = re.compile(r"^[0-9]{5}$")


class ShippingAddressForm(CoreShippingAddressForm):
    """Oscar's shipping address, shaped for Indonesia.

    The province is chosen from the 38 provinces, line4 is the city or regency
    (kota/kabupaten), an Indonesian postcode has 5 digits, and the phone number a
    courier calls is required (a local number like 0812... is read as Indonesian,
    PHONENUMBER_DEFAULT_REGION = "ID"). Indonesia is the default country.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"] = forms.ChoiceField(
            label=_("Province"),
            choices=[("", _("Choose a province"))] + PROVINCE_CHOICES,
            required=True,
        )
        self.fields["line4"].label = _("City or regency (kota/kabupaten)")
        self.fields["postcode"].label = _("Postcode")
        self.fields["postcode"].help_text = _("5 digits")
        self.fields["phone_number"].required = True
        self.fields["phone_number"].help_text = _("For the courier, e.g. 0812 3456 7890")
        if "country" in self.fields and not self.initial.get("country"):
            # Several shipping countries: Indonesia is preselected.
            self.initial["country"] = Country.objects.filter(iso_3166_1_a2=INDONESIA).first()

    def clean_postcode(self):
        return (self.cleaned_data.get("postcode") or "").replace(" ", "")

    def clean(self):
        cleaned_data = super().clean()
        if self.country is not None and self.country.iso_3166_1_a2 == INDONESIA:
            postcode = cleaned_data.get("postcode")
            if postcode and not POSTCODE_RE.match(postcode):
                self.add_error("postcode", _("An Indonesian postcode has 5 digits."))
        phone = cleaned_data.get("phone_number")
        if (isinstance(phone, PhoneNumber) and not phone.is_valid()
                and "phone_number" not in self.errors):
            # Oscar accepts any number that parses; a courier needs one that exists.
            self.add_error("phone_number", _("Enter a valid phone number, e.g. 0812 3456 7890."))
        return cleaned_data

    def _post_clean(self):
        postcode_refused = "postcode" in self._errors
        general_errors = list(self._errors.get(NON_FIELD_ERRORS, []))
        super()._post_clean()
        if postcode_refused:
            # Oscar's Address.clean() repeats a refused postcode as a general error
            # ("Addresses in Indonesia require a valid postcode"); the field says why.
            if general_errors:
                self._errors[NON_FIELD_ERRORS] = self.error_class(general_errors)
            else:
                self._errors.pop(NON_FIELD_ERRORS, None)


class PaymentMethodForm(forms.Form):
    """The buyer picks one of the payment methods on offer."""

    method_code = forms.ChoiceField(label=_("Pay by"), widget=forms.RadioSelect)

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method_code"].choices = [(m.code, m.name) for m in methods]
