"""Imported files go through the upload validator (issue #7)."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from images.validation import validate_image_upload
from interchange.images import validate_image_file
from tests import factories


def write(tmp_path, name, image_format, size=(30, 20), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format=image_format, **save)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def refusal(path):
    with pytest.raises(ValidationError) as refused:
        validate_image_file(path)
    return refused.value


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP"), ("a.gif", "GIF")],
)
def test_allowed_formats_pass(tmp_path, name, image_format):
    info = validate_image_file(write(tmp_path, name, image_format))

    assert (info.format, info.width, info.height) == (image_format, 30, 20)


def test_what_is_returned_is_the_cleaned_upload(tmp_path):
    exif = Image.Exif()
    exif[0x013B] = "Ana Ruiz"  # Artist
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS: must not be stored
    path = write(tmp_path, "shot.jpg", "JPEG", exif=exif)

    validated = validate_image_file(path)

    assert validated.credit == "Ana Ruiz"
    assert b"Ana Ruiz" not in validated.content
    assert (
        validated.content
        == validate_image_upload(io.BytesIO(path.read_bytes())).content
    )


def test_other_formats_are_refused_whatever_the_name(tmp_path):
    error = refusal(write(tmp_path, "disguised.jpg", "BMP"))

    assert error.code == "not_an_image"
    assert error.messages[0].startswith("disguised.jpg: This file is not a JPEG")


def test_a_truncated_picture_is_refused(tmp_path):
    path = write(tmp_path, "cut.png", "PNG", size=(200, 200))
    path.write_bytes(path.read_bytes()[:-200])

    assert refusal(path).code == "damaged"


def test_a_polyglot_is_refused(tmp_path):
    path = tmp_path / "page.gif"
    path.write_bytes(factories.picture_bytes(fmt="GIF") + b"<script>alert(1)</script>")

    assert refusal(path).code == "polyglot"


def test_too_many_pixels_are_refused(tmp_path, settings):
    settings.IMAGE_MAX_PIXELS = 30 * 20 - 1

    assert refusal(write(tmp_path, "big.png", "PNG")).code == "too_many_pixels"


def test_too_many_bytes_are_refused(tmp_path, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 10

    assert refusal(write(tmp_path, "heavy.png", "PNG")).code == "file_too_large"


def test_an_empty_file_is_refused(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")

    assert refusal(tmp_path / "empty.jpg").code == "empty"


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        validate_image_file(tmp_path / "nothing.jpg")
