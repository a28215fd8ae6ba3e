"""The council's statements and commission rates, included at /dashboard/statements/."""
from django.urls import path

from statements import dashboard_views as views

urlpatterns = [
    path("", views.StatementSummaryView.as_view(), name="statements-summary"),
    path("csv/", views.StatementSummaryCsvView.as_view(), name="statements-summary-csv"),
    path("artisans/<int:artisan_id>/<int:year>/<int:month>/",
         views.CouncilStatementView.as_view(), name="statements-artisan"),
    path("artisans/<int:artisan_id>/<int:year>/<int:month>/csv/",
         views.CouncilStatementCsvView.as_view(), name="statements-artisan-csv"),
    path("rates/", views.CommissionRateListView.as_view(), name="statements-rate-list"),
    path("rates/new/", views.CommissionRateCreateView.as_view(), name="statements-rate-create"),
    path("rates/<int:pk>/delete/", views.CommissionRateDeleteView.as_view(),
         name="statements-rate-delete"),
]
