"""The council admin's criterion form; the view saves through curation.criteria."""
from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import ProductClass
from curation.models import Criterion
from core.form_tokens.forms import FormTokenMixin


class CriterionForm(forms.ModelForm):
    """Name and guidance in both languages, flags, crafts as checkboxes, order.

    A blank code is made from the English name when saved; a blank order puts the
    criterion last. The code of a criterion already used in decisions is shown but
    cannot be changed (`code_locked`).
    """

    class Meta:
        model = Criterion
        fields = [
            "name_id", "name_en", "code", "guidance_id", "guidance_en", "is_mandatory",
            "asks_evidence", "crafts", "is_active", "display_order",
        ]
        widgets = {
            "crafts": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "guidance_id": forms.Textarea(attrs={"rows": 4}),
            "guidance_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, code_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _(
            "Short and stable, used in the record of decisions. "
            "Leave empty to make it from the English name."
        )
        self.fields["display_order"].required = False
        self.fields["display_order"].help_text = _(
            "Lower numbers come first. Leave empty to put it last."
        )
        self.fields["crafts"].queryset = ProductClass.objects.order_by("name")
        if code_locked:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _(
                "This criterion has been used in decisions, so its code stays as it is."
            )


class CriterionCreateForm(FormTokenMixin, CriterionForm):
    """A new criterion: with a one-time token, so that a double click adds one."""
