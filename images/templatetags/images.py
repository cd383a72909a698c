import logging

from django import template
from django.utils.html import format_html, format_html_join

from images.renditions import WEBP, get_renditions

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
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (items[0].mime_type, _srcset(items), sizes)
            for fmt, items in renditions.items()
            if fmt == WEBP and fmt != image.format
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{}>'
        "</picture>",
        sources,
        largest.url,
        _srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        _attrs(attributes),
    )


def _attrs(attributes):
    return format_html_join(
        "", ' {}="{}"', ((k, v) for k, v in attributes.items() if v is not None)
    )
