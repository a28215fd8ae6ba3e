"""The hidden one-time token of a form that creates something."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_tokens.services import form_token_new, form_token_valid

#: The name of the hidden field, in forms and in {% form_token %}.
FIELD_NAME = "form_token"


class FormTokenField(forms.CharField):
    """Hidden; a fresh token on every rendering of an unbound form.

    A bound form shows the token it was sent with (a form coming back with errors is
    still the same form: its token was not spent, the failed submit wrote nothing),
    or a fresh one when that was missing or malformed.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", form_token_new)
        super().__init__(required=False, max_length=64, **kwargs)

    def bound_data(self, data, initial):
        return data if form_token_valid(data) else initial


class FormTokenMixin(forms.Form):
    """A form whose submit creates something: it carries and checks a one-time token.

    Render `{{ form.form_token }}` inside the <form>; pass
    `form.cleaned_data["form_token"]` to the creating service.
    """

    form_token = FormTokenField()

    def clean(self):
        cleaned = super().clean()
        if not form_token_valid(cleaned.get(FIELD_NAME) or ""):
            raise forms.ValidationError(
                _("This form is out of date. Check it and send it again."),
                code="form_token",
            )
        return cleaned
