"""The database backend's own index: one row per public product (search.backends.database).

Rows exist only for catalogue.selectors.products_public(); they are written by
DatabaseBackend.products_index() in the transaction that changes a product, so
the database backend is current at once. The full-text part lives beside these
rows: an FTS5 table on SQLite (migration 0002), ProductDocumentText on PostgreSQL.
A document row holds only short columns, so that counting every facet over
100,000 of them reads a narrow table (search.backends.postgres_facets).
"""
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ProductDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True,
        related_name="search_document",
    )
    title = models.CharField(max_length=255)
    artisan_name = models.CharField(max_length=160, blank=True)
    region_name = models.CharField(max_length=160, blank=True)
    # Facet columns (search.engine.FACETS); the category tree is in ProductDocumentCategory.
    product_class = models.CharField(max_length=128, blank=True, db_index=True)
    region = models.CharField(max_length=140, blank=True, db_index=True)
    artisan = models.CharField(max_length=180, blank=True, db_index=True)
    technique = models.CharField(max_length=128, blank=True, db_index=True)
    material = models.CharField(max_length=128, blank=True, db_index=True)
    dye = models.CharField(max_length=128, blank=True, db_index=True)
    #: The lowest price of the product or of its public variants; null when it has none.
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, db_index=True)
    published_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["-published_at", "-product"], name="search_doc_newest_idx")]

    def __str__(self) -> str:
        return self.title


class ProductDocumentCategory(models.Model):
    """A category a document is filed under, or an ancestor of one (the craft facet)."""

    document = models.ForeignKey(ProductDocument, on_delete=models.CASCADE,
                                 related_name="categories")
    category = models.ForeignKey("catalogue.Category", on_delete=models.CASCADE,
                                 related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "category"],
                                               name="search_doc_category_unique")]
        indexes = [models.Index(fields=["category", "document"], name="search_doc_cat_idx")]


class ProductDocumentText(models.Model):
    """PostgreSQL only: a document's weighted words (A title, B artisan, region and craft,
    C description, attribute values and categories), with a copy of its facet columns.

    A search with text finds its rows here through the GIN index and counts their
    facets from the same rows, without looking each one up in ProductDocument (at
    100,000 products that lookup was half of a search's time); browsing without text
    reads ProductDocument, which stays narrow. The copy is written with the words
    (search.backends.documents); tests/unit/search checks the columns stay the same.
    No index but the words': rows are only ever found by them.
    """

    document = models.OneToOneField(ProductDocument, on_delete=models.CASCADE,
                                    primary_key=True, related_name="text")
    search_vector = SearchVectorField()
    artisan_name = models.CharField(max_length=160, blank=True)
    region_name = models.CharField(max_length=160, blank=True)
    product_class = models.CharField(max_length=128, blank=True)
    region = models.CharField(max_length=140, blank=True)
    artisan = models.CharField(max_length=180, blank=True)
    technique = models.CharField(max_length=128, blank=True)
    material = models.CharField(max_length=128, blank=True)
    dye = models.CharField(max_length=128, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    published_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return str(self.document_id)


class FacetCombination(models.Model):
    """PostgreSQL only: how many documents share one combination of facet values.

    Browsing without text counts its facets from these rows instead of the documents:
    100,000 products share a few thousand combinations. Kept exact in the transaction
    that writes the documents (search.backends.documents), one row lock per combination
    in a fixed order; `category_ids` (an array, a column of PostgreSQL's only) is part
    of the combination. A combination no document has any more stays, at 0.
    """

    region = models.CharField(max_length=140, blank=True)
    region_name = models.CharField(max_length=160, blank=True)
    artisan = models.CharField(max_length=180, blank=True)
    artisan_name = models.CharField(max_length=160, blank=True)
    technique = models.CharField(max_length=128, blank=True)
    material = models.CharField(max_length=128, blank=True)
    dye = models.CharField(max_length=128, blank=True)
    product_class = models.CharField(max_length=128, blank=True)
    #: The index of the document's price in search.engine.PRICE_RANGES; -1 for no price.
    price_bucket = models.SmallIntegerField()
    documents = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.artisan} {self.product_class} {self.price_bucket}: {self.documents}"
