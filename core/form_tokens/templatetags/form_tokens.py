"""{% form_token %}: the hidden one-time token of a hand-written form that creates something."""
from django import template
from django.utils.html import format_html

from core.form_tokens.forms import FIELD_NAME
from core.form_tokens.services import form_token_new

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME,
                       form_token_new())
