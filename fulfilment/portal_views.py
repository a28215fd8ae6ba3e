"""The artisan's order lines in the artisan area (/dashboard/artisan/orders/).

Looked up through the artisan-scoped selector: another business's line is a 404.
"""
from django.views.generic import DetailView, ListView

from catalogue.portal.selectors import order_lines_of_artisan_user
from catalogue.portal.views import ArtisanRequiredMixin


class OrderLineListView(ArtisanRequiredMixin, ListView):
    """The order lines the artisan sells, newest order first."""

    template_name = "portal/order_line_list.html"
    context_object_name = "lines"
    paginate_by = 25

    def get_queryset(self):
        return order_lines_of_artisan_user(user=self.request.user)


class OrderLineDetailView(ArtisanRequiredMixin, DetailView):
    """One of the artisan's order lines, with where to ship it."""

    template_name = "portal/order_line_detail.html"
    context_object_name = "line"

    def get_queryset(self):
        return order_lines_of_artisan_user(user=self.request.user)
