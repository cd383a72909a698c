"""Every read and write of an article's hero image by the interchange code.

The hero fields on `Article` are about to move to an image model; keeping the
interchange's knowledge of them in these functions means that change touches
this file only.
"""

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files import File
from django.db import transaction


@dataclass(frozen=True)
class HeroData:
    name: str  # the stored file name; its suffix is kept on export
    alt: str
    caption: str
    credit: str


def read_hero(article):
    """The article's hero picture as the interchange sees it, or None."""
    if not article.hero_image:
        return None
    return HeroData(
        name=article.hero_image.name,
        alt=article.hero_image_alt,
        caption=article.hero_image_caption,
        credit=article.hero_image_credit,
    )


def hero_suffix(hero):
    return PurePosixPath(hero.name).suffix.lower()


def read_hero_bytes(article):
    with article.hero_image.open("rb") as stored:
        return stored.read()


def _digest(chunks):
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _same_file(article, path):
    if not article.hero_image or not article.hero_image.storage.exists(
        article.hero_image.name
    ):
        return False
    with article.hero_image.open("rb") as stored:
        stored_digest = _digest(stored.chunks())
    with open(path, "rb") as incoming:
        incoming_digest = _digest(iter(lambda: incoming.read(65536), b""))
    return stored_digest == incoming_digest


def _forget_file_after_commit(storage, name):
    # Files are not transactional: only drop the old file once the database no
    # longer points at it.
    transaction.on_commit(lambda: storage.delete(name))


def write_hero(article, path, alt, caption, credit):
    """Give a saved `article` the picture at `path` (already validated) and its
    texts. The same file imported again is not stored a second time."""
    article.hero_image_alt = alt
    article.hero_image_caption = caption
    article.hero_image_credit = credit
    if _same_file(article, path):
        article.save()
        return
    old_name = article.hero_image.name if article.hero_image else ""
    with open(path, "rb") as incoming:
        # The upload path keeps only the suffix of this name.
        article.hero_image.save(PurePosixPath(str(path)).name, File(incoming))
    if old_name:
        _forget_file_after_commit(article.hero_image.storage, old_name)


def clear_hero(article):
    """Remove the article's picture, if it has one."""
    if not article.hero_image:
        return
    old_name = article.hero_image.name
    storage = article.hero_image.storage
    article.hero_image = ""
    article.hero_image_alt = ""
    article.hero_image_caption = ""
    article.hero_image_credit = ""
    article.save()
    _forget_file_after_commit(storage, old_name)
