"""Hostile and awkward files for the upload tests, made in memory."""

import io
import os
import random
import struct
import zlib

from PIL import Image

from tests.factories import picture_bytes


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_claiming(width, height):
    """A tiny PNG whose header claims width×height pixels: a decompression
    bomb's shape, with almost no data behind it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def gif_claiming(width, height):
    return (
        b"GIF89a"
        + struct.pack("<HH", width, height)
        + b"\x00\x00\x00"
        + b"\x2c\x00\x00\x00\x00"
        + struct.pack("<HH", width, height)
        + b"\x00\x02\x02\x44\x01\x00\x3b"
    )


def png_html_polyglot():
    """A valid PNG that is also an HTML page: markup in a text chunk."""
    png = picture_bytes(20, 20, fmt="PNG")
    payload = png_chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script></html>")
    return png[:33] + payload + png[33:]


def png_with_html_after_end():
    return (
        picture_bytes(20, 20, fmt="PNG") + b"<!DOCTYPE html><script>alert(1)</script>"
    )


def noise_png(width, height):
    """A PNG that does not compress: random pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(
        buffer, format="PNG"
    )
    return buffer.getvalue()


def tiff_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="TIFF")
    return buffer.getvalue()


def animated_gif(frames, size=(60, 60)):
    buffer = io.BytesIO()
    images = [
        Image.new("RGB", size, (colour * 60 % 256, 255 - colour * 40, 90))
        for colour in range(frames)
    ]
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=100
    )
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><script>alert(document.cookie)</script>'
    b'<rect width="10" height="10"/></svg>'
)
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
PSD = b"8BPS\x00\x01" + b"\x00" * 6 + b"\x00\x03\x00\x00\x00\x0a\x00\x00\x00\x0a"
FITS = b"SIMPLE  =                    T".ljust(80) + b"END".ljust(80) + b" " * 2720
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def exif_with_gps(artist="Jane Photographer", copyright_="(c) 2026 Jane"):
    exif = Image.Exif()
    exif[0x013B] = artist
    exif[0x8298] = copyright_
    exif[0x010F] = "CameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 31.0, 12.0)
    gps[3] = "E"
    gps[4] = (13.0, 24.0, 36.0)
    return exif


def jpeg_with_iptc(byline="Ali Agency", copyright_="© Wire Agency 2026"):
    """A JPEG carrying an IPTC block (Photoshop APP13) as photo desks send."""

    def dataset(number, value):
        data = value.encode()
        return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(data)) + data

    iptc = dataset(80, byline) + dataset(116, copyright_)
    if len(iptc) % 2:
        iptc += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    jpeg = picture_bytes(40, 30)
    return jpeg[:2] + segment + jpeg[2:]


def noise_image(width, height, seed=7, mode="RGB"):
    """Random pixels from a fixed seed: a photo's worth of detail, so lossy
    re-encoding changes the bytes every time."""
    rng = random.Random(seed)
    return Image.frombytes(
        mode, (width, height), rng.randbytes(width * height * len(mode))
    )


def noisy_photo(fmt="JPEG", width=160, height=120, seed=7, **save):
    """A photo-like JPEG (or lossy WebP) as a camera or an editor writes it."""
    buffer = io.BytesIO()
    noise_image(width, height, seed).save(buffer, format=fmt, **save)
    return buffer.getvalue()
