"""Forms of the storefront's browse and search pages.

Oscar's own SearchForm is a Haystack form; ours are plain Django forms. Oscar's
`search_form` context processor loads SearchForm from here for the header.
The facets are read by search.views.base.facet_filters, not by a form: their
values depend on what the index holds.
"""
from django import forms
from django.utils.translation import gettext_lazy as _


class ProductSortForm(forms.Form):
    NEWEST = "newest"
    PRICE_LOW_TO_HIGH = "price-asc"
    PRICE_HIGH_TO_LOW = "price-desc"
    SORT_BY_CHOICES = [
        (NEWEST, _("Newest")),
        (PRICE_LOW_TO_HIGH, _("Price low to high")),
        (PRICE_HIGH_TO_LOW, _("Price high to low")),
    ]

    sort_by = forms.ChoiceField(label=_("Sort by"), choices=SORT_BY_CHOICES, required=False)

    def sort(self) -> str:
        """The chosen order, or "" (the default order) when none or an unknown one was asked for."""
        if self.is_valid():
            return self.cleaned_data.get("sort_by") or ""
        return ""


class SearchForm(ProductSortForm):
    RELEVANCE = "relevance"
    SORT_BY_CHOICES = [(RELEVANCE, _("Relevance")), *ProductSortForm.SORT_BY_CHOICES]

    sort_by = forms.ChoiceField(label=_("Sort by"), choices=SORT_BY_CHOICES, required=False)
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Search crafts")}),
    )

    def query(self) -> str:
        if self.is_valid():
            return self.cleaned_data.get("q", "").strip()
        return ""
