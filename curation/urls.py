from django.urls import path

from curation import views

urlpatterns = [
    path("", views.QueueView.as_view(), name="curation-queue"),
]
