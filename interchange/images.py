"""The one check an imported image file goes through before it is stored.

It applies the rules of an upload (decodable picture in an allowed format,
within the size and pixel caps), so that an import cannot bring in a file the
admin would refuse. When the shared upload validator lands, this function is
the one place to point at it.
"""

import warnings
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow's names of the formats a hero image may have, judged by decoding the
# file, not by its name.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int


def validate_image_file(path):
    """Return the picture's format and size, or raise ValidationError saying
    what is wrong with the file at `path`."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(_("file %(name)s does not exist") % {"name": path.name})
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("%(name)s is %(size)d MB; images may be at most %(max)d MB")
            % {
                "name": path.name,
                "size": size // (1024 * 1024),
                "max": MAX_IMAGE_BYTES // (1024 * 1024),
            }
        )
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, not merely warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("%(name)s is %(w)d×%(h)d pixels, more than allowed")
                        % {"name": path.name, "w": width, "h": height}
                    )
                image.verify()
            # verify() leaves the image unusable; decoding it fully catches
            # truncated or corrupt pixel data that the header check misses.
            with Image.open(path) as image:
                image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(
            _("%(name)s is not a readable image (%(error)s)")
            % {"name": path.name, "error": error}
        ) from error
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(name)s is a %(format)s image; allowed are JPEG, PNG, WebP and GIF")
            % {"name": path.name, "format": image_format}
        )
    return ImageInfo(format=image_format, width=width, height=height)
