"""A file with nothing to strip is stored exactly as uploaded; anything else is
re-encoded once, into a file that is then kept as it is."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from images.validation import validate_image_upload
from tests.factories import picture_bytes

from . import samples


def validated(data):
    return validate_image_upload(io.BytesIO(data))


def stored(data):
    return validated(data).content


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def encoded(image, fmt, **save):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
    b'dc:creator="Jane"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


class TestNoisyPhoto:
    def test_exif_and_gps_are_stripped_by_re_encoding(self):
        data = samples.noisy_photo(exif=samples.exif_with_gps())
        result = validated(data)

        assert result.content != data
        exif = Image.open(io.BytesIO(result.content)).getexif()
        assert len(exif) == 0
        assert not exif.get_ifd(0x8825)
        assert b"CameraMaker" not in result.content
        assert result.credit == "Jane Photographer"

    def test_the_same_photo_without_metadata_keeps_its_exact_bytes(self):
        data = samples.noisy_photo()
        result = validated(data)

        assert result.content == data
        assert (result.format, result.width, result.height) == ("JPEG", 160, 120)

    def test_the_stripped_photo_validated_again_is_byte_identical(self):
        once = stored(samples.noisy_photo(exif=samples.exif_with_gps()))

        assert stored(once) == once
        assert stored(stored(once)) == once


def _with_metadata():
    """Every format with something to strip, and with photo-like pixels."""
    exif = samples.exif_with_gps()
    photo = samples.noise_image(96, 64)
    # The polyglot check reads a GIF whole, so a noisy one can look like
    # markup by chance: flat colours are what GIFs hold anyway.
    palette = Image.new("RGB", (96, 64), (200, 40, 40)).convert("P")
    return {
        "jpeg-exif-comment": encoded(photo, "JPEG", exif=exif, comment=b"desk"),
        "jpeg-progressive-xmp": encoded(photo, "JPEG", progressive=True, xmp=XMP),
        "jpeg-iptc": samples.jpeg_with_iptc(),
        "jpeg-cmyk-exif": encoded(
            samples.noise_image(32, 32, mode="CMYK"), "JPEG", exif=exif
        ),
        "png-exif-dpi": encoded(photo, "PNG", exif=exif, dpi=(300, 300)),
        "webp-lossy-exif": encoded(photo, "WEBP", quality=80, exif=exif),
        "webp-lossless-xmp": encoded(photo, "WEBP", lossless=True, xmp=XMP),
        "gif-comment": encoded(palette, "GIF", comment=b"shot by Jane"),
        "gif-animated-comment": encoded(
            palette,
            "GIF",
            save_all=True,
            append_images=[Image.new("P", (96, 64), 3)],
            loop=0,
            comment=b"shot by Jane",
        ),
        "webp-animated": encoded(
            photo, "WEBP", save_all=True, append_images=[photo.rotate(90)], exif=exif
        ),
    }


@pytest.mark.parametrize(
    "data", list(_with_metadata().values()), ids=list(_with_metadata())
)
def test_one_generation_of_re_encoding_at_most(data):
    once = stored(data)

    assert once != data  # there was something to strip
    assert stored(once) == once
    assert Image.open(io.BytesIO(once)).getexif() == {}
    for left_behind in (b"CameraMaker", b"xmpmeta", b"Photoshop", b"Jane", b"desk"):
        assert left_behind not in once


class TestKeptAsUploaded:
    @pytest.mark.parametrize(
        "data",
        [
            samples.noisy_photo("JPEG", progressive=True),
            samples.noisy_photo("WEBP", quality=75),
            samples.noisy_photo("WEBP", lossless=True),
            samples.noise_png(40, 30),
            picture_bytes(40, 30, fmt="PNG", alpha=True),
            picture_bytes(40, 30, fmt="GIF"),
            samples.animated_gif(2),
        ],
        ids=[
            "jpeg-progressive",
            "webp-lossy",
            "webp-lossless",
            "png",
            "png-alpha",
            "gif",
            "gif-animated",
        ],
    )
    def test_a_file_without_metadata_is_stored_as_it_came(self, data):
        assert stored(data) == data

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
    def test_the_colour_profile_is_kept_either_way(self, fmt):
        profile = srgb_profile()
        plain = samples.noisy_photo(fmt, icc_profile=profile)
        tagged = samples.noisy_photo(
            fmt, icc_profile=profile, exif=samples.exif_with_gps()
        )

        assert stored(plain) == plain
        assert Image.open(io.BytesIO(stored(tagged))).info["icc_profile"] == profile

    def test_orientation_is_applied_and_the_result_kept_from_then_on(self):
        exif = Image.Exif()
        exif[0x0112] = 6
        once = validated(samples.noisy_photo(width=40, height=20, exif=exif))

        assert (once.width, once.height) == (20, 40)
        assert stored(once.content) == once.content


class TestReEncodedAnyway:
    def test_bytes_after_the_end_of_the_picture(self):
        data = samples.noisy_photo() + b"\x00appended by a tool"
        once = stored(data)

        assert not once.endswith(b"appended by a tool")
        assert stored(once) == once

    def test_an_unknown_jpeg_segment(self):
        data = samples.noisy_photo()
        segment = b"\xff\xe3" + struct.pack(">H", 10) + b"THUMBNA\x00"
        once = stored(data[:2] + segment + data[2:])

        assert b"THUMBNA" not in once
        assert stored(once) == once

    def test_a_png_with_a_wrong_pixel_checksum(self):
        # Pillow decodes it; a browser may not. Re-encoding writes it right.
        data = samples.noise_png(20, 20)
        end = data.index(b"IEND") - 4
        broken = data[: end - 4] + b"\x00\x00\x00\x00" + data[end:]
        once = stored(broken)

        assert once != broken
        assert stored(once) == once

    def test_markup_spelled_out_in_uncompressed_pixels_is_scrambled(self):
        # Far past the bytes a browser sniffs and inside the pixel data, where
        # the polyglot check does not look: a file kept as it came would
        # carry it, so it is re-encoded (compressed) instead.
        width, height = 256, 40
        row = b"\x00" + bytes(range(256)) * 3  # filter "none", then the pixels
        rows = bytearray(row * height)
        rows[-400:-392] = b"<script>"
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        data = (
            b"\x89PNG\r\n\x1a\n"
            + samples.png_chunk(b"IHDR", header)
            + samples.png_chunk(b"IDAT", zlib.compress(bytes(rows), level=0))
            + samples.png_chunk(b"IEND", b"")
        )
        assert b"<script>" in data[2000:]

        assert b"<script>" not in stored(data)
