from django.views.generic import TemplateView


class QueueView(TemplateView):
    template_name = "curation/queue.html"
