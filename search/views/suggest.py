"""/search/suggest/?q= : what the search box offers while the buyer types."""
from dataclasses import asdict

from django.http import JsonResponse
from django.views import View

from search.backends import search_backend


class SearchSuggestView(View):
    """JSON: {"products": [{"title", "url"}], "crafts"/"regions"/"artisans": [{"name", "url"}]}."""

    def get(self, request, *args, **kwargs):
        suggestions = search_backend().suggest(request.GET.get("q", "")[:200], limit=5)
        response = JsonResponse(asdict(suggestions))
        return response
