"""Resized (and, on request, cropped) copies of library images.

A rendition's file name is derived from the original's random name, the width,
the crop and the format, so it is made once and then found again: the list of
made renditions lives on the Image row (`Image.renditions`), which a page
already loads, so reusing them costs no query and no file-system check.
"""

import io
import logging
import warnings
from functools import lru_cache
from pathlib import PurePath
from typing import NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from PIL import Image as PILImage
from PIL import ImageOps

from .validation import FORMATS

logger = logging.getLogger(__name__)

WEBP = "WEBP"


class Rendition(NamedTuple):
    # A tuple: a listing makes a hundred and more per page, and a frozen
    # dataclass cost five times as much to create.
    url: str
    width: int
    height: int
    format: str

    @property
    def mime_type(self):
        return FORMATS[self.format].mime_type


def parse_ratio(ratio):
    """ "16:9", "16/9" or "1.5" to a float; None or "" for no crop."""
    if not ratio:
        return None
    text = str(ratio).replace("/", ":").replace("x", ":")
    if ":" in text:
        width, height = text.split(":", 1)
        value = float(width) / float(height)
    else:
        value = float(text)
    if value <= 0:
        raise ValueError("An aspect ratio must be positive.")
    return value


def crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """The largest box of aspect `ratio` inside width×height, centred on the
    focal point as far as the edges allow: (left, top, right, bottom)."""
    if ratio is None:
        return (0, 0, width, height)
    if width / height > ratio:
        crop_width, crop_height = max(1, round(height * ratio)), height
    else:
        crop_width, crop_height = width, max(1, round(width / ratio))
    left = round(focal_x * width - crop_width / 2)
    top = round(focal_y * height - crop_height / 2)
    left = min(max(left, 0), width - crop_width)
    top = min(max(top, 0), height - crop_height)
    return (left, top, left + crop_width, top + crop_height)


def rendition_widths(available_width, widths):
    """The asked widths that need no upscaling; the picture's own width when
    it is narrower than all of them."""
    fitting = sorted({w for w in widths if w <= available_width})
    return fitting or [available_width]


def fallback_format(image):
    return image.format


def _key(width, ratio_text, focal, fmt):
    crop = "full"
    if ratio_text:
        crop = f"{ratio_text.replace(':', 'x')}-{focal[0]:.4f}-{focal[1]:.4f}"
    return f"{width}w-{crop}-{fmt.lower()}"


def _storage_name(image, key, fmt):
    stem = PurePath(image.file.name).stem
    return f"renditions/{stem}/{key}.{FORMATS[fmt].extension}"


def _encode(picture, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "WEBP":
        if picture.mode not in ("RGB", "RGBA"):
            has_alpha = "A" in picture.getbands() or "transparency" in picture.info
            picture = picture.convert("RGBA" if has_alpha else "RGB")
        picture.save(buffer, "WEBP", quality=80, method=4)
    elif fmt == "PNG":
        picture.save(buffer, "PNG")
    else:
        picture.save(buffer, "GIF")
    return buffer.getvalue()


class _Source:
    """The original, opened at most once per call and only when needed."""

    def __init__(self, image):
        self.image = image
        self._picture = None

    def get(self):
        if self._picture is None:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PILImage.DecompressionBombWarning)
                with self.image.file.open("rb") as handle:
                    picture = PILImage.open(io.BytesIO(handle.read()))
                    picture.load()
            picture = ImageOps.exif_transpose(picture)
            if picture.mode == "P":
                picture = picture.convert("RGBA")
            elif picture.mode == "CMYK":
                picture = picture.convert("RGB")
            self._picture = picture
        return self._picture


def file_url(storage, name):
    """storage.url(name). For local files the same address without the
    urljoin() inside FileSystemStorage.url: a listing asks for a hundred and
    more, and urljoin was a tenth of the page. Our names are generated (no
    colon, no dot segments), so joining them is plain concatenation."""
    return _addresser(storage)(name)


def _addresser(storage):
    """file_url() for many names of one storage: looks at the storage once."""
    # default_storage is lazy: every attribute read through it costs a call.
    wrapped = getattr(storage, "_wrapped", storage)
    if getattr(type(wrapped), "url", None) is not FileSystemStorage.url:
        return storage.url
    base_url = wrapped.base_url
    return lambda name: base_url + _uri_path(name)


@lru_cache(maxsize=4096)
def _uri_path(name):
    # Rendition names repeat on every page that shows the picture.
    return filepath_to_uri(name).lstrip("/")


@lru_cache(maxsize=1024)
def _layout(width, height, ratio, focal, widths, formats):
    """The crop box and, per format, each rendition's (width, height, key,
    cropped): arithmetic on the image's size and focal point alone, which a
    listing would otherwise redo for every card of every request."""
    ratio_value = parse_ratio(ratio)
    ratio_text = None if ratio_value is None else ratio.replace("/", ":")
    box = crop_box(width, height, ratio_value, *focal)
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    sizes = [
        (w, max(1, round(w * box_height / box_width)))
        for w in rendition_widths(box_width, widths)
    ]
    cropped = ratio_text is not None
    return box, tuple(
        (fmt, tuple((w, h, _key(w, ratio_text, focal, fmt), cropped) for w, h in sizes))
        for fmt in formats
    )


def get_renditions(image, *, widths=None, ratio=None, formats=None):
    """Renditions of `image` at `widths` (px) in each of `formats`, cropped to
    `ratio` around the focal point when given: {format: [Rendition, ...]}
    with widths ascending. Missing ones are made now and remembered; those
    made before are only looked up."""
    widths = tuple(widths or settings.IMAGE_RENDITION_WIDTHS)
    formats = tuple(dict.fromkeys(formats or [WEBP, fallback_format(image)]))
    box, layout = _layout(
        image.width,
        image.height,
        None if ratio is None else str(ratio),
        image.focal_point,
        widths,
        formats,
    )
    source = _Source(image)
    storage = image.file.storage
    address = _addresser(storage)
    made = {}
    result = {}
    for fmt, sizes in layout:
        result[fmt] = []
        for width, height, key, cropped in sizes:
            entry = image.renditions.get(key)
            if entry is None:
                name = _storage_name(image, key, fmt)
                # A rendition made before its entry was saved (two requests at
                # once, or a crash in between) is reused, not made twice.
                if not storage.exists(name):
                    picture = source.get().resize(
                        (width, height),
                        PILImage.Resampling.LANCZOS,
                        box=box,
                        reducing_gap=3.0,
                    )
                    name = storage.save(name, ContentFile(_encode(picture, fmt)))
                entry = {
                    "name": name,
                    "width": width,
                    "height": height,
                    "cropped": cropped,
                }
                made[key] = entry
            result[fmt].append(
                Rendition(
                    url=address(entry["name"]),
                    width=entry["width"],
                    height=entry["height"],
                    format=fmt,
                )
            )
    if made:
        image.renditions = {**image.renditions, **made}
        type(image).objects.filter(pk=image.pk).update(renditions=image.renditions)
    return result
