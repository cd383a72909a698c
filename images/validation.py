"""The one gate every uploaded picture goes through, from the admin or an
importer: `validate_image_upload(file) -> ValidatedImage`.

A file is trusted for what it decodes to, never for its name or the content
type the browser sent. A file that carries anything besides its pixels and
colour profile (EXIF, GPS, XMP, IPTC, comments, text chunks, an orientation
to apply, unknown blocks, bytes after its end) is re-encoded by Pillow, which
leaves all that behind. A file with nothing to strip is stored exactly as it
came, so validating a stored file again (an export imported into an empty
library) gives the same bytes: a picture changes bytes once at most.
"""

import io
import logging
import re
import struct
import warnings
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence, IptcImagePlugin

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageFormat:
    name: str  # Pillow's format name
    extension: str
    mime_type: str


FORMATS = {
    "JPEG": ImageFormat("JPEG", "jpg", "image/jpeg"),
    "PNG": ImageFormat("PNG", "png", "image/png"),
    "WEBP": ImageFormat("WEBP", "webp", "image/webp"),
    "GIF": ImageFormat("GIF", "gif", "image/gif"),
}

# Markup that turns an image into a web page if a browser is ever talked into
# rendering it as HTML or SVG. It is looked for where a polyglot hides it (the
# first bytes a browser sniffs, metadata, anything after the picture's end),
# not in compressed pixel data, where short patterns occur by chance.
_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|"
    rb"form|a\s|img\s)[\s>/]?|<\?php|javascript:",
    re.IGNORECASE,
)
_SNIFFED_BYTES = 1024
_PIXEL_CHUNKS = {
    "PNG": {b"IDAT", b"fdAT"},
    "WEBP": {b"VP8 ", b"VP8L", b"ALPH", b"ANMF"},
}

_EXIF_ARTIST = 0x013B
_EXIF_ORIENTATION = 0x0112
_EXIF_COPYRIGHT = 0x8298
_IPTC_BYLINE = (2, 80)
_IPTC_CREDIT = (2, 110)
_IPTC_COPYRIGHT = (2, 116)

NOT_AN_IMAGE = _(
    "This file is not a JPEG, PNG, WebP or GIF picture. Upload a photo or "
    "graphic in one of those formats."
)


@dataclass(frozen=True)
class ValidatedImage:
    """A decoded picture, cleaned of metadata, ready to be stored."""

    content: bytes
    format: str  # "JPEG", "PNG", "WEBP" or "GIF"
    width: int
    height: int
    frames: int
    credit: str  # from EXIF Artist or IPTC By-line/Credit, "" when absent
    copyright: str  # from EXIF Copyright or IPTC Copyright Notice

    @property
    def extension(self):
        return FORMATS[self.format].extension

    @property
    def mime_type(self):
        return FORMATS[self.format].mime_type

    def as_file(self, stem="image"):
        """A ContentFile whose name carries the real format's extension; the
        storage path itself is made random by the model's `upload_to`."""
        return ContentFile(self.content, name=f"{stem}.{self.extension}")


def sniff_format(head):
    """The format the first bytes announce, or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _png_regions(data):
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind not in _PIXEL_CHUNKS["PNG"]:
            yield data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IEND":
            break
    yield data[position:]


def _webp_regions(data):
    end = 8 + struct.unpack("<I", data[4:8])[0]
    position = 12
    while position + 8 <= min(end, len(data)):
        kind, length = struct.unpack("<4sI", data[position : position + 8])
        if kind not in _PIXEL_CHUNKS["WEBP"]:
            yield data[position + 8 : position + 8 + length]
        position += 8 + length + (length & 1)
    yield data[end:]


def _jpeg_regions(data):
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: pixel data follows
            break
        if 0xD0 <= marker <= 0xD9 or marker in (0x01, 0xFF):
            position += 2 if marker != 0xFF else 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        yield data[position + 4 : position + 2 + length]
        position += 2 + length
    end = data.rfind(b"\xff\xd9")
    if end != -1:
        yield data[end + 2 :]


def _places_markup_hides(data, fmt):
    """The parts of the file that are not compressed pixels."""
    yield data[:_SNIFFED_BYTES]
    try:
        if fmt == "PNG":
            yield from _png_regions(data)
        elif fmt == "WEBP":
            yield from _webp_regions(data)
        elif fmt == "JPEG":
            yield from _jpeg_regions(data)
        else:
            yield data  # GIF: small files, text in plain extension blocks
    except struct.error:
        yield data  # a broken structure is for the decoder to refuse


def hides_markup(data, fmt):
    return any(_MARKUP.search(region) for region in _places_markup_hides(data, fmt))


def _read_capped(file, limit):
    if hasattr(file, "seek"):
        file.seek(0)
    if hasattr(file, "chunks"):
        data = bytearray()
        for chunk in file.chunks():
            data += chunk
            if len(data) > limit:
                break
        return bytes(data)
    return file.read(limit + 1)


def too_large_error(limit):
    return ValidationError(
        _("This file is larger than %(limit)s. Upload a smaller version."),
        code="file_too_large",
        params={"limit": filesizeformat(limit)},
    )


def too_many_pixels_error(limit):
    return ValidationError(
        _(
            "This picture has more than %(megapixels)s megapixels (all frames "
            "counted). Upload a smaller version."
        ),
        code="too_many_pixels",
        params={"megapixels": f"{limit / 1_000_000:g}"},
    )


def damaged_error():
    return ValidationError(
        _(
            "This picture could not be read: the file is damaged or incomplete. "
            "Export it again and upload the new file."
        ),
        code="damaged",
    )


def _text(value):
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, (list, tuple)):
        value = "; ".join(_text(v) for v in value)
    return " ".join(str(value).replace("\x00", " ").split())[:200]


def read_rights(image):
    """Credit and copyright as the photographer's software recorded them."""
    credit = copyright_ = ""
    try:
        exif = image.getexif()
        credit = _text(exif.get(_EXIF_ARTIST, ""))
        copyright_ = _text(exif.get(_EXIF_COPYRIGHT, ""))
    except Exception:  # broken metadata must not refuse a picture
        logger.info("Unreadable EXIF ignored", exc_info=True)
    if image.format == "JPEG":
        try:
            iptc = IptcImagePlugin.getiptcinfo(image) or {}
        except Exception:  # metadata is only a convenience
            logger.info("Unreadable IPTC ignored", exc_info=True)
            iptc = {}
        credit = credit or _text(iptc.get(_IPTC_BYLINE) or iptc.get(_IPTC_CREDIT) or "")
        copyright_ = copyright_ or _text(iptc.get(_IPTC_COPYRIGHT) or "")
    return credit, copyright_


# What a file may hold to be stored exactly as it came: the structure the
# re-encoding below writes itself (so a cleaned file validated again is kept)
# and nothing else. The colour profile is colour data, not personal data, and
# re-encoding keeps it too; density, gamma, text, EXIF, XMP, IPTC, comments,
# thumbnails and anything unknown send the file to be re-encoded.
_JPEG_TABLES = {0xC4, 0xDB, 0xDD}  # DHT, DQT, DRI
# Baseline, extended and progressive Huffman: the ones every browser decodes.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2}
_PNG_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"tRNS",
    b"iCCP",
    b"IDAT",
    b"IEND",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
_WEBP_CHUNKS = {b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"}
_WEBP_FRAME_CHUNKS = {b"ALPH", b"VP8 ", b"VP8L"}
_WEBP_EXIF_FLAG = 0x08
_WEBP_XMP_FLAG = 0x04
_GIF_LOOP = b"\x0bNETSCAPE2.0"
# Markup that could only be in pixel data on purpose. A file kept as it came
# keeps its compressed data too, so that is searched for it as well; a match
# (rare by chance) means re-encoding, which scrambles such bytes, not refusal.
_MARKUP_IN_PIXELS = re.compile(
    rb"<(?:html|script|svg|iframe|object|embed)|<\?php|javascript:", re.IGNORECASE
)


def _jpeg_entropy_end(data, position):
    """Where the marker after the compressed scan starting at `position` is."""
    while True:
        position = data.index(b"\xff", position)
        following = position + 1
        while data[following] == 0xFF:  # fill bytes
            following += 1
        if data[following] == 0x00 or 0xD0 <= data[following] <= 0xD7:
            position = following + 1  # stuffed byte or restart marker
            continue
        return following - 1


def _jpeg_is_bare(data):
    position, frames = 2, 0
    while True:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xD9:  # end of image: nothing may follow it
            return position + 2 == len(data) and frames == 1
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        payload = data[position + 4 : position + 2 + length]
        if length < 2 or len(payload) != length - 2:
            return False
        if marker in _JPEG_FRAMES:
            frames += 1
        elif marker == 0xE0:
            # JFIF 1.0x without a thumbnail (its last two bytes are the
            # thumbnail's width and height)
            if (
                payload[:5] != b"JFIF\x00"
                or len(payload) != 14
                or payload[12:14] != b"\0\0"
            ):
                return False
        elif marker == 0xE2:
            if not payload.startswith(b"ICC_PROFILE\x00"):
                return False
        elif marker == 0xEE:
            # Adobe's colour transform flag, which CMYK re-encodings carry
            if not payload.startswith(b"Adobe") or len(payload) != 12:
                return False
        elif marker != 0xDA and marker not in _JPEG_TABLES:
            return False  # comments, EXIF, XMP, IPTC, other frame types...
        position += 2 + length
        if marker == 0xDA:
            position = _jpeg_entropy_end(data, position)


def _png_is_bare(data):
    position = 8
    while True:
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 4 : position + 8 + length]
        end = position + 12 + length
        if kind not in _PNG_CHUNKS or end > len(data):
            return False
        if data[end - 4 : end] != struct.pack(">I", zlib.crc32(body)):
            return False
        if kind == b"IEND":
            return end == len(data)
        position = end


def _riff_chunks(data, start, end):
    position = start
    while position < end:
        kind, length = struct.unpack("<4sI", data[position : position + 8])
        stop = position + 8 + length
        if stop > end:
            raise struct.error("chunk runs past its container")
        yield kind, data[position + 8 : stop]
        position = stop + (length & 1)


def _webp_is_bare(data):
    if 8 + struct.unpack("<I", data[4:8])[0] != len(data):
        return False  # trailing bytes, or a short file
    for kind, payload in _riff_chunks(data, 12, len(data)):
        if kind not in _WEBP_CHUNKS:
            return False
        if kind == b"VP8X" and payload[0] & (_WEBP_EXIF_FLAG | _WEBP_XMP_FLAG):
            return False
        if kind == b"ANMF":
            inner = list(_riff_chunks(payload, 16, len(payload)))
            if any(name not in _WEBP_FRAME_CHUNKS for name, _ in inner):
                return False
    return True


def _gif_sub_blocks_end(data, position):
    while data[position]:
        position += 1 + data[position]
    return position + 1


def _gif_is_bare(data):
    packed = data[10]
    position = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    while True:
        introducer = data[position]
        if introducer == 0x3B:  # trailer: nothing may follow it
            return position + 1 == len(data)
        if introducer == 0x2C:  # an image: descriptor, colour table, data
            packed = data[position + 9]
            position += 10 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
            position = _gif_sub_blocks_end(data, position + 1)
        elif introducer == 0x21:
            label = data[position + 1]
            if label == 0xFF:
                if data[position + 2 : position + 14] != _GIF_LOOP:
                    return False  # XMP, ICC and other application data
            elif label != 0xF9:  # graphic control: frame timing, transparency
                return False  # comments and plain text
            position = _gif_sub_blocks_end(data, position + 2)
        else:
            return False


_BARE = {
    "JPEG": _jpeg_is_bare,
    "PNG": _png_is_bare,
    "WEBP": _webp_is_bare,
    "GIF": _gif_is_bare,
}


def has_nothing_to_strip(data, fmt, image):
    """True when re-encoding `data` (already decoded as `image`) would only
    change its bytes: no metadata, comment, unknown block or trailing data by
    the container's own structure, no orientation to apply, and no markup
    anywhere, even in the compressed pixels."""
    try:
        if not _BARE[fmt](data):
            return False
    except (IndexError, ValueError, struct.error):
        return False  # a structure we cannot walk is not kept as it is
    try:
        if image.getexif().get(_EXIF_ORIENTATION, 1) != 1:
            return False
    except Exception:  # unreadable metadata is metadata to strip
        return False
    return not _MARKUP_IN_PIXELS.search(data)


def _encode(image, fmt, frames):
    """Re-encode without any metadata but the colour profile."""
    buffer = io.BytesIO()
    icc = image.info.get("icc_profile")
    options = {"icc_profile": icc} if icc and fmt != "GIF" else {}
    if frames > 1 and fmt != "JPEG":
        sequence = [frame.copy() for frame in ImageSequence.Iterator(image)]
        durations = [frame.info.get("duration", 100) for frame in sequence]
        sequence[0].save(
            buffer,
            format=fmt,
            save_all=True,
            append_images=sequence[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
            **({"lossless": True} if fmt == "WEBP" else {}),
            **({"comment": b""} if fmt == "GIF" else {}),
        )
        return buffer.getvalue(), image.size
    # The picture is stored upright, because the orientation tag goes with EXIF.
    upright = ImageOps.exif_transpose(image)
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(
            buffer,
            format="JPEG",
            quality=90,
            optimize=True,
            comment=b"",  # Pillow would carry over the upload's own
            **options,
        )
    elif fmt == "PNG":
        upright.save(buffer, format="PNG", optimize=False, **options)
    elif fmt == "WEBP":
        lossless = image.info.get("lossless", False)
        if upright.mode not in ("RGB", "RGBA"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        upright.save(buffer, format="WEBP", quality=90, lossless=lossless, **options)
    else:
        upright.save(buffer, format="GIF", comment=b"")
    return buffer.getvalue(), upright.size


def validate_image_upload(file):
    """Check an uploaded file and return it cleaned as a `ValidatedImage`.

    `file` is any Django File/UploadedFile or binary file object. Raises
    `django.core.exceptions.ValidationError` with a message for the uploader
    when the file is too large, not a JPEG/PNG/WebP/GIF by its content,
    hides markup (HTML/SVG polyglots), has too many pixels (every frame of an
    animation counted; checked from the header, before any decoding), or
    cannot be fully decoded. Never raises anything else for bad input.

    The content is the file itself when `has_nothing_to_strip`, else its
    re-encoding, which has nothing to strip any more.
    """
    max_bytes = settings.IMAGE_MAX_UPLOAD_BYTES
    max_pixels = settings.IMAGE_MAX_PIXELS
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise too_large_error(max_bytes)
    data = _read_capped(file, max_bytes)
    if len(data) > max_bytes:
        raise too_large_error(max_bytes)
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")

    fmt = sniff_format(data[:16])
    if fmt is None:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    if hides_markup(data, fmt):
        raise ValidationError(
            _(
                "This file hides web page code (HTML, SVG or script) inside the "
                "picture and is refused. Export the picture again from an image "
                "editor."
            ),
            code="polyglot",
        )

    with warnings.catch_warnings():
        # Pillow only warns about a decompression bomb; here it is a refusal.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(io.BytesIO(data), formats=[fmt])
            # Header only so far: the pixel budget is checked before decoding.
            frames = getattr(image, "n_frames", 1)
            if image.width * image.height * frames > max_pixels:
                raise too_many_pixels_error(max_pixels)
            credit, copyright_ = read_rights(image)
            for frame in ImageSequence.Iterator(image):
                frame.load()
            image.seek(0)
            if has_nothing_to_strip(data, fmt, image):
                # Stored exactly as it came, so a file exported from here and
                # imported again (or validated twice) keeps its bytes.
                content, (width, height) = data, image.size
            else:
                content, (width, height) = _encode(image, fmt, frames)
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise too_many_pixels_error(max_pixels) from None
        except MemoryError:
            raise too_many_pixels_error(max_pixels) from None
        except Exception:  # any decoder failure is a bad file, not a 500
            logger.info("Refused an undecodable %s upload", fmt, exc_info=True)
            raise damaged_error() from None
    return ValidatedImage(
        content=content,
        format=fmt,
        width=width,
        height=height,
        frames=frames,
        credit=credit,
        copyright=copyright_,
    )
