"""Forms of the council's statement pages."""
import datetime as dt

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from catalogue.models import Region
from core.form_tokens.forms import FormTokenMixin
from payouts.models import CommissionRate


class MonthFilterForm(forms.Form):
    """Which month of the council's summary, and optionally which region."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=(), coerce=int)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("province", "name"), required=False,
        empty_label=_("All regions"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Month names in the language of the request, not of the import.
        self.fields["month"].choices = [
            (number, formats.date_format(dt.date(2000, number, 1), "F"))
            for number in range(1, 13)
        ]


class CommissionRateForm(FormTokenMixin, forms.ModelForm):
    """A new commission rate, with a one-time token: a double click sets it once."""

    class Meta:
        model = CommissionRate
        fields = ["rate", "valid_from", "region", "note"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].empty_label = _("Every region (default rate)")
        self.fields["valid_from"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]

    def validate_unique(self):
        """The service reports a rate already starting that day, with its own message."""
