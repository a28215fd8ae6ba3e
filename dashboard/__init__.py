"""Oscar's dashboard, forked where it would change curated content: the product pages
say where a change is made (the curation area, or the artisan area with assisted
upload) and refuse it; photo fields go through the catalogue's photo pipeline.

May import: core, catalogue, curation, artisans.
"""
