"""The council's curation figures, included at /curation/figures/."""
from django.urls import path

from curation import figures_views

urlpatterns = [
    path("", figures_views.FiguresView.as_view(), name="curation-figures"),
]
