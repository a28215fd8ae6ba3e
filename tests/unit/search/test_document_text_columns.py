"""ProductDocumentText keeps a copy of ProductDocument's facet columns (search.models):
the copy must be column for column the same, or a search with text would count and
order differently from browsing."""
from search.backends.documents import TEXT_FACET_COLUMNS
from search.backends.postgres_facets import COLUMN_FACETS
from search.models import ProductDocument, ProductDocumentText


def _shape(model, name):
    field = model._meta.get_field(name)
    return (type(field), field.column, getattr(field, "max_length", None),
            getattr(field, "max_digits", None), getattr(field, "decimal_places", None),
            field.null)


def test_the_copied_columns_are_the_same_as_the_documents():
    for name in TEXT_FACET_COLUMNS:
        assert _shape(ProductDocumentText, name) == _shape(ProductDocument, name), name


def test_every_column_a_facet_or_an_order_reads_is_copied():
    read = {*COLUMN_FACETS, *COLUMN_FACETS.values(), "price", "published_at", "product_class"}
    assert read <= set(TEXT_FACET_COLUMNS)
