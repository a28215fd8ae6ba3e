import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = 'search'

    def ready(self):
        super().ready()
        from search import receivers
        from search.views.suggest import SearchSuggestView

        self.suggest_view = SearchSuggestView
        receivers.connect()

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [path("suggest/", self.suggest_view.as_view(), name="suggest")]
        )
        return urls
