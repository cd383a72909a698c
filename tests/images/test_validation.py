import io
import warnings

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from images.validation import validate_image_upload
from tests.factories import picture_bytes

from . import samples


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(data, **kwargs):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(data, **kwargs))
    return " ".join(error.value.messages)


class TestAcceptedFormats:
    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
    def test_the_four_formats_pass_and_are_reported(self, fmt):
        result = validate_image_upload(upload(picture_bytes(120, 80, fmt=fmt)))
        assert result.format == fmt
        assert (result.width, result.height) == (120, 80)
        assert Image.open(io.BytesIO(result.content)).format == fmt

    def test_format_comes_from_content_not_name(self):
        png = picture_bytes(30, 20, fmt="PNG")
        result = validate_image_upload(upload(png, name="holiday.jpg"))
        assert result.format == "PNG"
        assert result.as_file().name.endswith(".png")

    def test_transparency_survives(self):
        png = picture_bytes(10, 10, colour=(0, 0, 0, 0), fmt="PNG", alpha=True)
        result = validate_image_upload(upload(png))
        assert Image.open(io.BytesIO(result.content)).mode == "RGBA"

    def test_animation_is_kept(self):
        result = validate_image_upload(upload(samples.animated_gif(3)))
        assert result.frames == 3
        assert Image.open(io.BytesIO(result.content)).n_frames == 3


class TestRefusedFiles:
    NOT_AN_IMAGE = "not a JPEG, PNG, WebP or GIF"

    @pytest.mark.parametrize(
        "data",
        [
            samples.EPS,
            samples.PSD,
            samples.FITS,
            samples.PDF,
            samples.HTML,
            samples.SVG_WITH_SCRIPT,
            b"just some words",
            b"PK\x03\x04zip archive",
        ],
        ids=["eps", "psd", "fits", "pdf", "html", "svg-script", "text", "zip"],
    )
    def test_other_formats_renamed_jpg_are_refused(self, data):
        assert self.NOT_AN_IMAGE in refusal(data, name="photo.jpg")

    def test_real_tiff_renamed_jpg_is_refused(self):
        assert self.NOT_AN_IMAGE in refusal(samples.tiff_bytes(), name="scan.jpg")

    def test_svg_is_refused_even_with_its_own_name(self):
        message = refusal(
            samples.SVG_WITH_SCRIPT, name="logo.svg", content_type="image/svg+xml"
        )
        assert self.NOT_AN_IMAGE in message

    @pytest.mark.parametrize(
        "data",
        [samples.png_html_polyglot(), samples.png_with_html_after_end()],
        ids=["markup-in-chunk", "markup-after-end"],
    )
    def test_png_html_polyglot_is_refused(self, data):
        # Proof the sample is a real PNG that Pillow would happily open.
        assert Image.open(io.BytesIO(data)).format == "PNG"
        assert "hides web page code" in refusal(data, name="chart.png")

    def test_markup_in_a_jpeg_comment_is_refused(self):
        jpeg = picture_bytes(20, 20)
        comment = b"<html><body onload=alert(1)>"
        segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
        assert "hides web page code" in refusal(jpeg[:2] + segment + jpeg[2:])

    def test_markup_after_a_webp_is_refused(self):
        webp = picture_bytes(20, 20, fmt="WEBP")
        assert "hides web page code" in refusal(webp + b"<script>alert(1)</script>")

    def test_ordinary_xmp_metadata_is_not_mistaken_for_markup(self):
        xmp = (
            b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
            b'dc:rights="Agency"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
        )
        data = picture_bytes(20, 20, xmp=xmp)
        assert b"xmpmeta" in data
        assert validate_image_upload(upload(data)).format == "JPEG"

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
    def test_truncated_file_is_refused(self, fmt):
        data = picture_bytes(
            300, 200, fmt=fmt, **({"quality": 95} if fmt == "JPEG" else {})
        )
        assert "damaged or incomplete" in refusal(data[: len(data) // 2])

    def test_empty_file_is_refused(self):
        assert "empty" in refusal(b"")

    def test_never_loads_truncated_images_leniently(self):
        assert ImageFile.LOAD_TRUNCATED_IMAGES is False


class TestCaps:
    def test_file_over_the_size_cap_is_refused_with_the_limit(self, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 2000
        data = samples.noise_png(40, 40)
        assert len(data) > 2000
        assert "larger than 2.0" in refusal(data)

    def test_size_is_checked_without_trusting_the_declared_size(self, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 2000
        stream = io.BytesIO(samples.noise_png(40, 40))
        with pytest.raises(ValidationError, match="larger than"):
            validate_image_upload(stream)

    def test_default_caps(self, settings):
        from django.conf import settings as live

        assert live.IMAGE_MAX_UPLOAD_BYTES == 20 * 1024 * 1024
        assert live.IMAGE_MAX_PIXELS == 50_000_000

    def test_too_many_pixels_is_refused(self, settings):
        settings.IMAGE_MAX_PIXELS = 10_000
        assert "more than 0.01 megapixels" in refusal(picture_bytes(200, 100))
        assert validate_image_upload(upload(picture_bytes(100, 100)))

    def test_every_frame_of_an_animation_counts(self, settings):
        settings.IMAGE_MAX_PIXELS = 10_000  # one 60×60 frame is 3,600 pixels
        assert validate_image_upload(upload(samples.animated_gif(2)))
        assert "megapixels" in refusal(samples.animated_gif(3))

    @pytest.mark.parametrize(
        "data",
        [
            samples.png_claiming(100_000, 100_000),
            samples.png_claiming(10_000, 9_000),
            samples.gif_claiming(65_535, 65_535),
        ],
        ids=["png-10-gigapixels", "png-90-megapixels", "gif-4-gigapixels"],
    )
    def test_decompression_bomb_refused_before_decoding(self, monkeypatch, data):
        def no_decoding(self):
            raise AssertionError("a bomb was decoded")

        monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
        assert "megapixels" in refusal(data)

    def test_pillow_bomb_warning_is_an_error_even_above_our_cap(self, settings):
        # With our own cap out of the way, Pillow's warning (89 MP) still refuses.
        settings.IMAGE_MAX_PIXELS = 10**12
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            assert "megapixels" in refusal(samples.png_claiming(10_000, 9_000))


class TestMetadata:
    def test_exif_and_gps_are_stripped_from_jpeg(self):
        data = picture_bytes(40, 30, exif=samples.exif_with_gps())
        assert 0x8825 in Image.open(io.BytesIO(data)).getexif()

        stored = Image.open(io.BytesIO(validate_image_upload(upload(data)).content))
        exif = stored.getexif()
        assert len(exif) == 0
        assert not exif.get_ifd(0x8825)
        assert b"Exif" not in validate_image_upload(upload(data)).content[:2000]

    @pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
    def test_exif_and_gps_are_stripped_from_png_and_webp(self, fmt):
        data = picture_bytes(40, 30, fmt=fmt, exif=samples.exif_with_gps())
        assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)

        content = validate_image_upload(upload(data)).content
        assert len(Image.open(io.BytesIO(content)).getexif()) == 0
        assert b"CameraMaker" not in content

    def test_credit_and_copyright_read_from_exif(self):
        data = picture_bytes(40, 30, exif=samples.exif_with_gps())
        result = validate_image_upload(upload(data))
        assert result.credit == "Jane Photographer"
        assert result.copyright == "(c) 2026 Jane"

    def test_credit_and_copyright_read_from_iptc(self):
        result = validate_image_upload(upload(samples.jpeg_with_iptc()))
        assert result.credit == "Ali Agency"
        assert result.copyright == "© Wire Agency 2026"
        assert b"Photoshop 3.0" not in result.content

    def test_no_metadata_gives_empty_rights(self):
        result = validate_image_upload(upload(picture_bytes()))
        assert (result.credit, result.copyright) == ("", "")

    def test_orientation_is_applied_before_the_tag_is_dropped(self):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotated 90° clockwise
        data = picture_bytes(40, 20, exif=exif)
        result = validate_image_upload(upload(data))
        assert (result.width, result.height) == (20, 40)
