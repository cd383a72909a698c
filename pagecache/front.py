"""nginx's page cache in front of the app, kept exact by the app.

nginx (``deploy/nginx.conf``) stores an anonymous page only when the app
allows it with ``X-Accel-Expires``, for no longer than the app's own copy may
live, so a scheduled article still goes live on time. nginx cannot know when
content changes, so every version bump empties its cache directory
(``PAGE_CACHE_FRONT_DIR``): one rename per top-level directory of the cache,
instant whatever the number of pages, after which nginx answers the next
request for each page from the app. Emptying everything rather than the
affected pages keeps the purge independent of which URLs nginx holds; the
app's own cache is still exact per page, so most of those requests are cheap
hits there.

The purge must run where nginx's cache directory is: on the nginx host, as a
user allowed to rename its directories (run nginx's workers as the app's
user).
"""

import logging
import os
import secrets
import shutil
import threading
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# A page rendered from the old content can reach nginx just after a purge
# (it was on its way while the change committed); a second purge this many
# seconds later removes such a copy.
REPURGE_SECONDS = 2

# Where purged directories wait for deletion (nginx's own directories have
# one- or two-letter hexadecimal names).
TRASH = ".purged"


def enabled():
    return bool(settings.PAGE_CACHE_FRONT_DIR)


def allow(response, lifetime):
    """Let nginx keep `response` for at most `lifetime` seconds. nginx counts
    whole seconds and serves a copy until the end of its last second, so it
    is told one second less: it never outlives the app's own copy."""
    seconds = lifetime - 1
    if seconds > 0:
        response["X-Accel-Expires"] = str(seconds)


def purge(directory=None):
    """Empty nginx's cache directory. Renaming each top-level directory away
    is what makes pages disappear (nginx then finds no file and asks the
    app); deleting the renamed trees happens afterwards in the background."""
    directory = Path(directory or settings.PAGE_CACHE_FRONT_DIR)
    # Inside the cache directory, which the app may write to (its parent
    # may not be): renames stay on one file system and so are atomic. nginx
    # finds pages only by their hashed names, so it never serves the trash.
    trash = directory / TRASH
    try:
        entries = [
            entry
            for entry in os.scandir(directory)
            if entry.is_dir() and not entry.name.startswith(".")
        ]
    except FileNotFoundError:
        return
    if not entries:
        return
    moved = []
    try:
        trash.mkdir(exist_ok=True)
        for entry in entries:
            target = trash / f"{entry.name}-{secrets.token_hex(8)}"
            try:
                os.rename(entry.path, target)
            except FileNotFoundError:
                continue  # another process purged it a moment ago
            moved.append(target)
    except OSError:
        # The change is committed by now: failing the editor's request would
        # not bring the page back. Say so loudly (manage.py check warns of a
        # directory the app cannot write to beforehand: pagecache.W001).
        logger.exception("Could not purge the front page cache %s", directory)
    if moved:
        threading.Thread(target=_delete, args=(moved,), daemon=True).start()


def purge_after_change():
    """Purge now and once more shortly after (see REPURGE_SECONDS)."""
    if not enabled():
        return
    purge()
    timer = threading.Timer(
        REPURGE_SECONDS, purge, args=(settings.PAGE_CACHE_FRONT_DIR,)
    )
    timer.daemon = True
    timer.start()


def _delete(paths):
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
