"""The artisan's own statements, included at /dashboard/artisan/statements/."""
from django.urls import path

from artisans.portal import statement_views as portal_views

urlpatterns = [
    path("", portal_views.StatementMonthListView.as_view(), name="portal-statement-list"),
    path("<int:year>/<int:month>/", portal_views.StatementMonthView.as_view(),
         name="portal-statement-month"),
    path("<int:year>/<int:month>/csv/", portal_views.StatementCsvView.as_view(),
         name="portal-statement-csv"),
]
