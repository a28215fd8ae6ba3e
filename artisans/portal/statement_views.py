"""The artisan's own statements in the artisan area (/dashboard/artisan/statements/).

There is no artisan in any address or form: every page reads the statement of the
business the logged-in user belongs to (ArtisanRequiredMixin sets self.artisan), so
there is no id to change to reach another's.
"""
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from artisans.access import ArtisanRequiredMixin
from core.csv import csv_response, csv_text
from statements.csv_export import csv_filename, statement_rows
from core.calendar import Month
from statements.selectors import statement_for, statement_months_for


class StatementMonthListView(ArtisanRequiredMixin, TemplateView):
    """The months in which the artisan sold something, newest first, with their totals."""

    template_name = "statements/portal_month_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            months=statement_months_for(artisan=self.artisan), current_month=Month.current(),
            **kwargs,
        )


class ArtisanStatementMixin(ArtisanRequiredMixin):
    """The logged-in artisan's statement for the month in the URL (404 for no such month)."""

    def load_objects(self) -> None:
        try:
            self.statement = statement_for(
                artisan=self.artisan, year=self.kwargs["year"], month=self.kwargs["month"]
            )
        except ValueError as error:
            raise Http404 from error


class StatementMonthView(ArtisanStatementMixin, TemplateView):
    template_name = "statements/portal_statement.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(statement=self.statement, **kwargs)


class StatementCsvView(ArtisanStatementMixin, View):
    def get(self, request, *args, **kwargs):
        return csv_response(
            text=csv_text(statement_rows(statement=self.statement)),
            filename=csv_filename(slug=self.artisan.slug, month=self.statement.month),
        )
