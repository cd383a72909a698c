"""Every read and write of an article's hero image by the interchange code.

An article's hero is a library `images.Image` plus the article's own alt text
and caption, which win over the image's. The format carries one `alt` and one
`caption`: the texts readers of that article get.
"""

from dataclasses import dataclass
from pathlib import Path

from images.models import Image

from .images import validate_image_file


@dataclass(frozen=True)
class HeroData:
    image: Image
    alt: str
    caption: str
    credit: str
    copyright: str


def read_hero(article):
    """The article's picture as the interchange sees it, or None."""
    image = article.hero_image
    if image is None:
        return None
    return HeroData(
        image=image,
        # Not `Article.hero.alt`, which is empty for a decorative picture: the
        # format requires a description.
        alt=article.hero_image_alt.strip() or image.alt_text,
        caption=article.hero_image_caption.strip() or image.caption,
        credit=image.credit,
        copyright=image.copyright,
    )


def hero_suffix(hero):
    return f".{hero.image.extension}"


def read_hero_bytes(article):
    with article.hero_image.file.open("rb") as stored:
        return stored.read()


def _stored_bytes(image):
    try:
        with image.file.open("rb") as stored:
            return stored.read()
    except OSError:  # a library row whose file is gone matches nothing
        return None


def library_copy(contents, image_format, prefer=None):
    """The library Image whose stored file holds one of `contents`, or None.

    An exported file imported again is the library's own stored file, so it
    is recognised rather than stored twice. The size recorded on each Image
    narrows the search to a few files to compare.
    """
    sizes = {len(content) for content in contents}
    candidates = list(
        Image.objects.filter(format=image_format, file_size__in=sizes).order_by("pk")
    )
    if prefer is not None:
        # The article's own picture is the usual match: look there first.
        candidates.sort(key=lambda image: image.pk != prefer)
    for image in candidates:
        if _stored_bytes(image) in contents:
            return image
    return None


def _override(text, library_text):
    # The article only keeps its own text where it differs from the image's.
    return "" if text == library_text else text


def write_hero(
    article, path, *, alt, caption, credit, copyright="", title="", uploaded_by=None
):
    """Give a saved `article` the picture at `path` and its texts.

    The file goes through the upload validator. A file whose bytes a library
    image already holds reuses that image (so exporting and importing again
    stores nothing new); otherwise a new library image is made from the
    cleaned file. Credit and copyright describe the picture and are written
    to the image, but an empty value never erases what the library knows.
    """
    incoming = Path(path).read_bytes()
    validated = validate_image_file(path)
    image = library_copy(
        {incoming, validated.content}, validated.format, prefer=article.hero_image_id
    )
    if image is None:
        image = Image(
            file=validated.as_file(article.slug),
            format=validated.format,
            width=validated.width,
            height=validated.height,
            file_size=len(validated.content),
            title=(title or article.headline)[:200],
            alt_text=alt,
            caption=caption,
            credit=credit or validated.credit,
            copyright=copyright or validated.copyright,
            uploaded_by=uploaded_by,
        )
        image.save()
    else:
        changed = {}
        if credit and credit != image.credit:
            changed["credit"] = credit
        if copyright and copyright != image.copyright:
            changed["copyright"] = copyright
        if changed:
            for name, value in changed.items():
                setattr(image, name, value)
            image.save(update_fields=list(changed))
    article.hero_image = image
    article.hero_image_alt = _override(alt, image.alt_text)
    article.hero_image_caption = _override(caption, image.caption)
    article.save()
    return image


def clear_hero(article):
    """Take the picture off the article. The image stays in the library, where
    other articles may use it and editors may pick it again."""
    if article.hero_image_id is None:
        return
    article.hero_image = None
    article.hero_image_alt = ""
    article.hero_image_caption = ""
    article.save()
