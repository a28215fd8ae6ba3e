"""core.money.rupiah: the one way rupiah is written, Rp 1.250.000 in both languages."""
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import rupiah

NBSP = "\u00a0"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("amount, written", [
    (0, "Rp 0"),
    (250000, "Rp 250.000"),
    (1250000, "Rp 1.250.000"),
    (-250000, "-Rp 250.000"),
    (Decimal("1250000.00"), "Rp 1.250.000"),
    ("350000", "Rp 350.000"),
])
def test_rupiah_is_written_the_indonesian_way_in_both_languages(language, amount, written):
    # given a page in either language
    with translation.override(language):
        # when an amount is written
        text = rupiah(amount)

    # then the thousands are dots, no cents, a no-break space after Rp
    assert text == written.replace(" ", NBSP)


def test_the_template_filter_writes_the_same_and_nothing_for_what_is_not_a_number():
    template = Template(
        "{% load money %}[{{ a|rupiah }}][{{ b|rupiah }}][{{ c|rupiah }}][{{ missing|rupiah }}]")

    with translation.override("en"):
        html = template.render(Context({"a": Decimal("250000.00"), "b": None, "c": "abc"}))

    assert html == f"[Rp{NBSP}250.000][][][]"
