"""Settings for Newsroom, read from the environment (see the README's table).

With no environment at all the project runs locally: SQLite, local-memory
cache, plain HTTP on 127.0.0.1. Production values only ever come from the
environment (or a `.env` file beside `manage.py`, which `make run` writes with a
fresh local secret).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Real environment variables win over the file; ENV_FILE points elsewhere.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="local-debug-only-not-secret")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "The SECRET_KEY environment variable is required when DEBUG is off. "
            "Set SECRET_KEY to a long random string (or run `make run`, which "
            "writes one to .env for local use)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site: canonical links and share buttons use it, so
# that they do not depend on the Host header of whoever asked.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Newsroom Daily Brief")

INSTALLED_APPS = [
    # The admin with optional (or, for editors, mandatory) two-factor login.
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "taggit",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "images",
    "articles",
    "editorial",
    "interchange",
    "pagecache",
]

# The header middlewares come before WhiteNoise so static files carry them too.
MIDDLEWARE = [
    # First: a cached page is answered before sessions, auth or the view run.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                # SITE_NAME and SITE_URL for the news sitemap and robots.txt;
                # the navigation is only on the readers' (Jinja2) pages.
                "newsroom.context_processors.site",
            ],
        },
    },
    {
        # Readers' pages, named by their views (template_engine = "jinja2";
        # newsroom/jinja2.py says why). Second, so that the admin's own
        # templates under templates/admin/ are looked up by Django's engine.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": [
                "newsroom.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
# ?server_side_binding=… and ?prepare_threshold=… in DATABASE_URL arrive as
# text; psycopg and Django want a bool and an int.
if isinstance(_db_options.get("server_side_binding"), str):
    _db_options["server_side_binding"] = env.parse_value(
        _db_options["server_side_binding"], bool
    )
if isinstance(_db_options.get("prepare_threshold"), str):
    _db_options["prepare_threshold"] = int(_db_options["prepare_threshold"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server let psycopg prepare the statements a
    # connection runs again and again, so PostgreSQL stops planning them:
    # planning was most of the cost of the article page's small queries
    # (0.4 of 0.5 ms for the article's own). Behind pgbouncer in transaction
    # mode before 1.21, add ?server_side_binding=false to DATABASE_URL.
    _db_options.setdefault("server_side_binding", True)
    _db_options.setdefault("prepare_threshold", 2)
    # The same backend, with a health check that spares a round trip.
    DATABASES["default"]["ENGINE"] = "newsroom.db.postgresql"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://newsroom")}
# Sites sharing one Redis keep apart with ?key_prefix=… in CACHE_URL, which
# django-environ passes on in lower case; Django reads KEY_PREFIX.
if "key_prefix" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = CACHES["default"].pop("key_prefix")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, minus a new client object on every cache call.
    CACHES["default"]["BACKEND"] = "pagecache.redis.RedisCache"

# Anonymous readers get whole pages from CACHES (see pagecache/): the longest a
# page is kept, 0 turns the page cache off. Edits invalidate pages at once, so
# this only bounds memory use.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# s-maxage sent to a CDN or shared cache in front. The app cannot purge a CDN,
# so a page there may lag an edit by up to this many seconds; 0 makes the CDN
# revalidate every time (a cheap 304 from the page cache).
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=0)
# nginx's proxy_cache_path when nginx caches pages in front of the app
# (deploy/nginx.conf). The app empties it on every content change, so it must
# run on the nginx host. Empty: no front cache.
PAGE_CACHE_FRONT_DIR = env.str("PAGE_CACHE_FRONT_DIR", default="")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Serve uploaded media from the app itself (also with DEBUG off), so a single
# machine needs no front server; turn off when nginx or a CDN serves MEDIA_URL.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "newsroom.storage.StaticFilesStorage"},
}

# Object storage (S3 or any S3-compatible service) for uploads once a bucket is
# named, so that several app servers share one library. Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the machine's role), as boto3
# reads them; files are then served by the bucket or its CDN, not by the app.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Public pictures get plain, cacheable addresses unless the bucket
            # is private, in which case links are signed.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": env.str(
                    "AWS_S3_CACHE_CONTROL", default="public, max-age=31536000"
                )
            },
        },
    }
    SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# Where pictures come from, for the Content-Security-Policy below.
MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    _options = STORAGES["default"]["OPTIONS"]
    if _options["custom_domain"]:
        MEDIA_ORIGINS.append(f"https://{_options['custom_domain']}")
    elif _options["endpoint_url"]:
        MEDIA_ORIGINS.append(_options["endpoint_url"].rstrip("/"))
    else:
        MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")

# The image library: every upload is decoded and checked (images/validation.py).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=50_000_000)
IMAGE_RENDITION_WIDTHS = env.list(
    "IMAGE_RENDITION_WIDTHS", cast=int, default=[480, 800, 1200, 1600]
)

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587; the console
# mailer (messages printed to the log) is the local default.
_email = env.email_url("EMAIL_URL", default="consolemail://")
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"]}}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"],
        "password": _email["EMAIL_HOST_PASSWORD"],
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
    }
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")

# --- HTTP security -----------------------------------------------------------
# HTTPS=on is the production switch: it redirects to HTTPS, sends HSTS and makes
# the cookies Secure. Off (the default) the site serves plain HTTP on 127.0.0.1.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a TLS-terminating proxy, Django learns the scheme from this header,
# which the proxy must set (and overwrite when a client sends it).
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# Nothing reads the CSRF cookie from JavaScript: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    # The __Host- prefix: the browser keeps these cookies only when they are
    # Secure, for the whole host and no parent domain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by newsroom.middleware.SecurityHeadersMiddleware. Uploaded media are
# served "cross-origin" so that feed readers and other sites may show them.
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses are switched off for it and any frame;
# sharing (Web Share API, copy link) stays on for our own pages.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
    "clipboard-write": ["self"],
    "web-share": ["self"],
}
X_FRAME_OPTIONS = "DENY"

# Enforced everywhere. Public pages run no inline script or style, so they never
# touch the nonce and their header carries none (a cached page stays valid).
# The admin's inline import map and styles use the per-response nonce, which
# Django puts into the header only on responses that rendered it.
# The rich-text editor (tiptap inside django-prose-editor 0.28) adds one <style>
# element of its own and offers no way to give it our nonce: it is allowed by
# its hash. After an upgrade the browser test fails and prints the new hash.
PROSE_EDITOR_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]
_img_sources = [CSP.SELF, "data:"]
if MEDIA_URL.startswith(("https://", "http://")):
    _img_sources.append("/".join(MEDIA_URL.split("/")[:3]))
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, *PROSE_EDITOR_STYLE_HASHES],
    "img-src": [*_img_sources, *MEDIA_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Accounts -----------------------------------------------------------------
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for
# one user name from one address, that pair waits LOGIN_COOLOFF_MINUTES. Keyed on
# the pair so that nobody can lock an editor out from elsewhere.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password"]
# How many reverse proxies, each appending to X-Forwarded-For, stand in front of
# the app. 0: the client address is the TCP peer and the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor login (TOTP, django-otp): optional for every staff user who sets it
# up; REQUIRE_2FA_FOR_EDITORS makes it mandatory for the Editor group.
REQUIRE_2FA_FOR_EDITORS = env.bool("REQUIRE_2FA_FOR_EDITORS", default=False)
TWO_FACTOR_REQUIRED_GROUPS = ["Editor"] if REQUIRE_2FA_FOR_EDITORS else []
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGIN_URL = "admin:login"
# Where a login without a (safe) `next` lands.
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# How many related articles an article page lists, pinned links included.
RELATED_ARTICLES_LIMIT = 5
ARTICLES_PER_PAGE = 20
# Listing pages go back this many articles (50 pages); older ones stay at their
# addresses and are reached through sitemaps, search and related links.
ARTICLES_LISTING_LIMIT = 1000
