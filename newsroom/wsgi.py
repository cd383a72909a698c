import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django_application = get_wsgi_application()

# Page-cache hits are answered before Django's handler runs (pagecache/wsgi.py).
from pagecache.wsgi import CachedPagesApplication  # noqa: E402

application = CachedPagesApplication(django_application)
