import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from interchange import images
from interchange.images import validate_image_file


def write(tmp_path, name, image_format, size=(30, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format=image_format)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP"), ("a.gif", "GIF")],
)
def test_allowed_formats_pass(tmp_path, name, image_format):
    info = validate_image_file(write(tmp_path, name, image_format))

    assert (info.format, info.width, info.height) == (image_format, 30, 20)


def test_other_formats_are_refused_whatever_the_name(tmp_path):
    path = write(tmp_path, "disguised.jpg", "BMP")

    with pytest.raises(ValidationError, match="BMP image; allowed are JPEG"):
        validate_image_file(path)


def test_a_truncated_picture_is_refused(tmp_path):
    path = write(tmp_path, "cut.png", "PNG", size=(200, 200))
    path.write_bytes(path.read_bytes()[:-200])

    with pytest.raises(ValidationError, match="not a readable image"):
        validate_image_file(path)


def test_too_many_pixels_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 30 * 20 - 1)

    with pytest.raises(ValidationError, match="30×20 pixels"):
        validate_image_file(write(tmp_path, "big.png", "PNG"))


def test_too_many_bytes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 10)

    with pytest.raises(ValidationError, match="images may be at most"):
        validate_image_file(write(tmp_path, "heavy.png", "PNG"))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        validate_image_file(tmp_path / "nothing.jpg")
