"""Hero pictures for the demo, drawn with Pillow so no photo is borrowed."""

import io
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 900


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(top, bottom):
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image, draw


def _flag(draw):
    draw.rectangle([520, 120, 536, HEIGHT], fill=(90, 90, 96))
    stripes = [(200, 30, 45), (245, 245, 245), (30, 60, 150)]
    stripe_height = 90
    for row in range(3):
        points = []
        for x in range(536, 1180, 8):
            wave = math.sin((x - 536) / 70) * 18 * (x - 536) / 640
            points.append((x, 140 + row * stripe_height + wave))
        for x in range(1176, 532, -8):
            wave = math.sin((x - 536) / 70) * 18 * (x - 536) / 640
            points.append((x, 140 + (row + 1) * stripe_height + wave))
        draw.polygon(points, fill=stripes[row])


def _skyline(draw):
    x = 0
    heights = [260, 420, 330, 520, 380, 610, 300, 460, 350, 540, 280, 400]
    for index, height in enumerate(heights * 2):
        width = 90 + (index * 37) % 70
        shade = 40 + (index * 23) % 50
        draw.rectangle([x, HEIGHT - height, x + width, HEIGHT], fill=(shade,) * 3)
        x += width + 6


def _waves(draw):
    for band in range(7):
        points = [(0, HEIGHT)]
        base = 460 + band * 65
        for x in range(0, WIDTH + 20, 20):
            points.append((x, base + math.sin(x / 90 + band) * 22))
        points.append((WIDTH, HEIGHT))
        blue = 120 - band * 12
        draw.polygon(points, fill=(20, 60 + band * 10, blue + 80))


def _grid(draw):
    for x in range(0, WIDTH, 80):
        draw.line([(x, 0), (x, HEIGHT)], fill=(255, 255, 255), width=1)
    for y in range(0, HEIGHT, 80):
        draw.line([(0, y), (WIDTH, y)], fill=(255, 255, 255), width=1)
    for index in range(14):
        cx, cy = 120 + index * 105, 450 + math.sin(index) * 250
        draw.ellipse([cx - 14, cy - 14, cx + 14, cy + 14], fill=(255, 210, 80))


def _sun(draw):
    draw.ellipse([1060, 140, 1360, 440], fill=(255, 214, 110))
    draw.polygon(
        [(0, HEIGHT), (0, 620), (500, 520), (900, 640), (1600, 560), (WIDTH, HEIGHT)],
        fill=(60, 80, 60),
    )


MOTIFS = {
    "flag": _flag,
    "skyline": _skyline,
    "waves": _waves,
    "grid": _grid,
    "sun": _sun,
}


def draw_hero(palette, motif):
    """Return JPEG bytes for a 1600×900 picture of `motif` on a gradient."""
    image, draw = _gradient(_hex(palette[0]), _hex(palette[-1]))
    MOTIFS.get(motif, _sun)(draw)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
