"""Forms of the curation area: the queue's filters and a decision on the criteria."""
from collections.abc import Iterable

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.models import ProductClass, Region
from curation.models import Criterion, CriterionResult


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class CraftChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return gettext(obj.name)


class QueueFilterForm(forms.Form):
    """What a curator narrows the queue to (sent by GET; invalid values are ignored)."""

    STATUS_CHOICES = [
        ("", _("Everything open")),
        ("waiting", _("Waiting for a curator")),
        ("in_review", _("In review")),
        ("mine", _("Claimed by me")),
        ("overdue", _("Past the target time")),
    ]
    KIND_CHOICES = [
        ("", _("New products and changes")),
        ("new", _("New products")),
        ("revision", _("Changes to published products")),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    region = RegionChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False,
        empty_label=_("All my regions"), to_field_name="slug",
    )
    craft = CraftChoiceField(
        label=_("Craft"), queryset=ProductClass.objects.order_by("name"), required=False,
        empty_label=_("All crafts"), to_field_name="slug",
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class DecisionForm(forms.Form):
    """The criteria that apply to the product, each with a result and a note, and a note."""

    RESULT_PREFIX = "criterion-"

    note = forms.CharField(
        label=_("Notes for the artisan"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed to request changes (unless a criterion's note says it) "
                    "and to reject."),
    )

    def __init__(self, *args, criteria: Iterable[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "id"
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self._key(criterion, "result")] = forms.ChoiceField(
                label=criterion.name(language), choices=CriterionResult.Result.choices,
                required=False, widget=forms.RadioSelect,
                help_text=criterion.guidance(language),
            )
            self.fields[self._key(criterion, "note")] = forms.CharField(
                label=_("Note"), required=False, max_length=2000,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )

    def _key(self, criterion: Criterion, part: str) -> str:
        return f"{self.RESULT_PREFIX}{criterion.pk}-{part}"

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        """Each criterion with its result and note fields, for the template."""
        return [(c, self[self._key(c, "result")], self[self._key(c, "note")])
                for c in self.criteria]

    def results(self) -> dict[int, tuple[str, str]]:
        """The judged criteria as curation.services takes them (unjudged ones left out)."""
        judged = {}
        for criterion in self.criteria:
            result = self.cleaned_data.get(self._key(criterion, "result"))
            if result:
                judged[criterion.pk] = (result, self.cleaned_data.get(self._key(criterion, "note"), ""))
        return judged
