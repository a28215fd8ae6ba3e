"""Price and stock of all the artisan's products from one list (/dashboard/artisan/stock/).

One form per page of products: only the rows the artisan changed are written, each
through artisans.portal.services.product_stock_update (so each change is recorded as an
event), all in one transaction. A row whose price or stock was changed meanwhile by
another login of the business (or another tab) is not overwritten: the service
compares under the row's lock, and the artisan sees both values and decides again.
"""
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from catalogue import services

from artisans.portal import services as portal_services
from catalogue.errors import CatalogueError
from artisans.access import ArtisanRequiredMixin

PER_PAGE = 50


class StockRowForm(forms.Form):
    """One product's price and stock, with the values the page was loaded with."""

    product = forms.IntegerField(widget=forms.HiddenInput)
    price = forms.IntegerField(
        label=gettext_lazy("Price (Rp)"), min_value=1, max_value=int(services.MAX_PRICE_IDR),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    num_in_stock = forms.IntegerField(
        label=gettext_lazy("In stock"), min_value=0, max_value=services.MAX_STOCK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    loaded_price = forms.IntegerField(widget=forms.HiddenInput)
    loaded_stock = forms.IntegerField(widget=forms.HiddenInput)

    def changed(self) -> bool:
        data = self.cleaned_data
        return (data["price"], data["num_in_stock"]) != (data["loaded_price"],
                                                          data["loaded_stock"])


StockFormSet = forms.formset_factory(StockRowForm, extra=0, max_num=PER_PAGE,
                                     absolute_max=PER_PAGE)


@dataclass
class Row:
    product: object
    record: object
    form: StockRowForm
    conflict: str = ""


def _record_of(product):
    records = list(product.stockrecords.all())
    return next((r for r in records if r.partner_id == product.artisan.partner_id), None)


class StockListView(ArtisanRequiredMixin, View):
    """GET: the list; POST: save the changed rows of this page."""

    template_name = "portal/stock_list.html"
    allows_assistance = True

    def load_objects(self) -> None:
        queryset = (
            self.own_products()
            .select_related("artisan", "product_class")
            .prefetch_related("stockrecords")
            .order_by("title", "pk")
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(title__icontains=query)
        self.query = query
        self.page = Paginator(queryset, PER_PAGE).get_page(self.request.GET.get("page"))

    def _initial(self) -> list[dict]:
        initial = []
        for product in self.page.object_list:
            record = _record_of(product)
            if record is None:
                continue
            price = int(record.price or 0)
            initial.append({"product": product.pk, "price": price,
                            "num_in_stock": record.num_in_stock, "loaded_price": price,
                            "loaded_stock": record.num_in_stock})
        return initial

    def _rows(self, formset, conflicts: dict[int, str] | None = None) -> list[Row]:
        products = {p.pk: p for p in self.page.object_list}
        rows = []
        for form in formset:
            pk = form.initial.get("product") or form.data.get(f"{form.prefix}-product")
            product = products.get(int(pk)) if str(pk).isdigit() else None
            if product is not None:
                rows.append(Row(product, _record_of(product), form,
                                (conflicts or {}).get(product.pk, "")))
        return rows

    def render(self, formset, conflicts=None):
        return render(self.request, self.template_name, {
            "artisan": self.artisan, "formset": formset, "rows": self._rows(formset, conflicts),
            "page_obj": self.page, "query": self.query,
        })

    def get(self, request, *args, **kwargs):
        return self.render(StockFormSet(initial=self._initial()))

    def post(self, request, *args, **kwargs):
        formset = StockFormSet(request.POST, initial=self._initial())
        if not formset.is_valid():
            messages.error(request, _("Some rows need correcting: nothing was saved."))
            return self.render(formset)
        own = {p.pk: p for p in self.page.object_list}
        changed = sorted(
            # Not one of this page's own products (a forged id), or unchanged: skipped.
            (form.cleaned_data for form in formset
             if form.cleaned_data.get("product") in own and form.changed()),
            key=lambda data: data["product"],  # rows locked in one order
        )
        saved, conflicts = 0, {}
        with transaction.atomic():
            for data in changed:
                try:
                    # Refuses, under the row's lock, a row changed since the page was
                    # loaded; a row already as sent (this list sent twice) is saved.
                    portal_services.product_stock_update(
                        product=own[data["product"]], user=request.user,
                        price=Decimal(data["price"]), num_in_stock=data["num_in_stock"],
                        expected_price=data["loaded_price"],
                        expected_num_in_stock=data["loaded_stock"],
                    )
                except CatalogueError as exc:  # StockChangedMeanwhile among them
                    conflicts[data["product"]] = str(exc)
                else:
                    saved += 1
        if saved:
            messages.success(request, _("Saved %(n)s products.") % {"n": saved})
        if conflicts:
            messages.warning(request, _("Some rows were not saved: see below."))
            self.load_objects()
            fresh = StockFormSet(initial=self._initial())
            return self.render(fresh, conflicts)
        if not saved:
            messages.info(request, _("Nothing was changed."))
        url = reverse("portal-stock-list")
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
