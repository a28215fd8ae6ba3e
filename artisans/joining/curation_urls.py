"""The council's answer to applications (/curation/artisans/)."""
from django.urls import path

from artisans.joining import views

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="curation-artisan-list"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="curation-artisan-detail"),
    path("<int:pk>/verify/", views.ApplicationAnswerView.as_view(answer="verify"),
         name="curation-artisan-verify"),
    path("<int:pk>/decline/", views.ApplicationAnswerView.as_view(answer="decline"),
         name="curation-artisan-decline"),
]
