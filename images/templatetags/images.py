import logging
from contextlib import suppress

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from images.models import UndecodedJSON
from images.renditions import WEBP, get_renditions
from newsroom.html import escape

logger = logging.getLogger(__name__)
register = template.Library()

# <picture> markup by everything it is made from: the image's renditions as
# the database gave them, its format, size and focal point, and the
# arguments. A listing writes forty pictures whose renditions were made long
# ago; decoding their renditions and writing the markup again cost more than
# the rest of each card. Any change to the image or its renditions changes
# the key, so nothing here can outlive what it shows.
_markup = {}
MARKUP_KEPT = 2048


@receiver(setting_changed)
def _forget_markup(**kwargs):
    # Storage addresses and rendition widths come from settings.
    _markup.clear()


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
    stored = image.__dict__.get("renditions")
    key = None
    if type(stored) is UndecodedJSON:
        key = (
            image.pk,
            stored,
            image.format,
            image.width,
            image.height,
            image.focal_point_x,
            image.focal_point_y,
            sizes,
            loading,
            alt,
            ratio,
            tuple(widths) if isinstance(widths, list) else widths,
            fetchpriority,
            css_class,
        )
        markup = _markup.get(key)
        if markup is not None:
            return markup
    if isinstance(widths, str):
        widths = [int(w) for w in widths.split(",") if w.strip()]
    attributes = {
        "alt": alt,
        "loading": loading,
        "decoding": "async",
        "fetchpriority": fetchpriority,
        "class": css_class,
    }
    stored_renditions = image.renditions
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
    markup = SafeString(
        f'<picture>{sources}<img src="{escape(largest.url)}"'
        f' srcset="{escape(_srcset(fallback))}" sizes="{sizes}"'
        f' width="{largest.width}" height="{largest.height}"'
        f"{_attribute_text(attributes)}></picture>"
    )
    # Only renditions made before: making one changed the image's row.
    if key is not None and image.renditions is stored_renditions:
        _keep(key, markup)
    return markup


def _keep(key, markup):
    if len(_markup) >= MARKUP_KEPT:
        # The oldest goes; another thread may have changed the dict meanwhile.
        with suppress(KeyError, RuntimeError, StopIteration):
            del _markup[next(iter(_markup))]
    _markup[key] = markup


def _attrs(attributes):
    return mark_safe(_attribute_text(attributes))


def _attribute_text(attributes):
    return "".join(
        f' {key}="{escape(value)}"'
        for key, value in attributes.items()
        if value is not None
    )
