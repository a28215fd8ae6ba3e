"""Oscar's search app, forked: finding published products, in the database or in
Elasticsearch, with facets; the category, region and maker pages browse through it.

Owns: the search backends (backends/), the index documents and their upkeep
(indexing.py, receivers.py), synonyms, and the search and browse views.

May import: core, partner, catalogue.
"""

default_app_config = 'search.apps.SearchConfig'
