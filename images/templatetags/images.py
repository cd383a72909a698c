import logging

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from images.renditions import WEBP, get_renditions
from newsroom.html import escape

logger = logging.getLogger(__name__)
register = template.Library()


def _srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def picture(
    image,
    sizes="100vw",
    loading="lazy",
    alt=None,
    ratio=None,
    widths=None,
    fetchpriority=None,
    css_class=None,
):
    """A responsive <picture> for a library image (or an article's `hero`):
    WebP first, the original format as fallback, `srcset` at the configured
    widths, and width/height so the page does not jump while it loads.

    `alt` overrides the image's own text (an article's per-use alt); `ratio`
    ("3:2") crops around the focal point; `widths` ("480,800") limits sizes.
    """
    if image is None:
        return ""
    if alt is None:
        alt = getattr(image, "alt", "")
    image = getattr(image, "image", image)
    if image is None:
        return ""
    if isinstance(widths, str):
        widths = [int(w) for w in widths.split(",") if w.strip()]
    attributes = {
        "alt": alt,
        "loading": loading,
        "decoding": "async",
        "fetchpriority": fetchpriority,
        "class": css_class,
    }
    try:
        renditions = get_renditions(image, widths=widths, ratio=ratio)
    except Exception:  # a broken original shows as itself rather than a 500
        logger.exception("Renditions failed for image %s", image.pk)
        return format_html(
            '<img src="{}" width="{}" height="{}"{}>',
            image.file.url,
            image.width,
            image.height,
            _attrs(attributes),
        )
    fallback = renditions[image.format]
    largest = fallback[-1]
    # f-strings rather than format_html(), and SafeString() rather than
    # mark_safe(): the same escaping at a fraction of the cost, on every card
    # of every listing.
    sizes = escape(sizes)
    sources = "".join(
        f'<source type="{items[0].mime_type}"'
        f' srcset="{escape(_srcset(items))}" sizes="{sizes}">'
        for fmt, items in renditions.items()
        if fmt == WEBP and fmt != image.format
    )
    return SafeString(
        f'<picture>{sources}<img src="{escape(largest.url)}"'
        f' srcset="{escape(_srcset(fallback))}" sizes="{sizes}"'
        f' width="{largest.width}" height="{largest.height}"'
        f"{_attribute_text(attributes)}></picture>"
    )


def _attrs(attributes):
    return mark_safe(_attribute_text(attributes))


def _attribute_text(attributes):
    return "".join(
        f' {key}="{escape(value)}"'
        for key, value in attributes.items()
        if value is not None
    )
