import segno
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(url: str) -> SafeString:
    """The QR code as inline SVG (segno writes it from the URL alone: nothing user-written is in it but the escaped URL)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=6, border=4, omitsize=True))  # noqa: S308 - generated SVG of a URL
