"""The council admin's criteria, under /dashboard/curation/."""
from django.urls import path

from curation.dashboard import views

urlpatterns = [
    path("criteria/", views.CriterionListView.as_view(), name="curation-criterion-list"),
    path("criteria/new/", views.CriterionCreateView.as_view(), name="curation-criterion-create"),
    path("criteria/<int:pk>/", views.CriterionUpdateView.as_view(),
         name="curation-criterion-update"),
    path("criteria/<int:pk>/delete/", views.CriterionDeleteView.as_view(),
         name="curation-criterion-delete"),
    path("criteria/<int:pk>/activate/", views.CriterionActivateView.as_view(is_active=True),
         name="curation-criterion-activate"),
    path("criteria/<int:pk>/deactivate/", views.CriterionActivateView.as_view(is_active=False),
         name="curation-criterion-deactivate"),
    path("criteria/<int:pk>/up/", views.CriterionMoveView.as_view(direction="up"),
         name="curation-criterion-up"),
    path("criteria/<int:pk>/down/", views.CriterionMoveView.as_view(direction="down"),
         name="curation-criterion-down"),
]
