"""File clean-up that follows database changes, run only once they commit so
that a rolled-back delete never loses a file."""

import logging
from functools import partial
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import transaction

logger = logging.getLogger(__name__)


def delete_files(names, storage=None):
    storage = storage or default_storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a missing file or a storage hiccup must not break a page
            logger.warning("Could not delete %s", name, exc_info=True)


def rendition_folder(file_name):
    return f"renditions/{PurePath(file_name).stem}"


def delete_image_files(file_name, rendition_names, storage=None):
    """The original and every rendition of an image, including renditions
    made but never recorded."""
    storage = storage or default_storage
    names = {file_name, *rendition_names}
    folder = rendition_folder(file_name)
    try:
        _, files = storage.listdir(folder)
        names.update(f"{folder}/{name}" for name in files)
    except (FileNotFoundError, NotImplementedError):
        pass
    delete_files(sorted(names), storage)
    try:
        storage.delete(folder)  # the empty folder, on a file system
    except Exception:  # object storages have no folders to remove
        logger.debug("Rendition folder %s not removed", folder, exc_info=True)


def delete_files_on_commit(names, storage=None):
    if names:
        transaction.on_commit(partial(delete_files, list(names), storage))


def delete_image_files_on_commit(image):
    transaction.on_commit(
        partial(
            delete_image_files,
            image.file.name,
            [entry["name"] for entry in image.renditions.values()],
            image.file.storage,
        )
    )
