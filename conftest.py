import re

import pytest


@pytest.fixture(scope="session", autouse=True)
def _cache_of_its_own_per_test_worker(worker_id):
    """Parallel test processes must not share a Redis database: every test
    clears the cache, which would empty another process's mid-test."""
    from django.conf import settings
    from django.test.utils import override_settings

    default = settings.CACHES["default"]
    if worker_id == "master" or "redis" not in default["BACKEND"].lower():
        yield
        return
    worker = int(worker_id.removeprefix("gw"))
    base = re.match(r"(.*/)(\d+)$", default["LOCATION"])
    location = (
        f"{base.group(1)}{int(base.group(2)) + worker}"
        if base
        else f"{default['LOCATION'].rstrip('/')}/{worker + 1}"
    )
    with override_settings(CACHES={"default": {**default, "LOCATION": location}}):
        yield


@pytest.fixture(scope="session", autouse=True)
def _jinja2_renders_recorded():
    """The test client records what Django's engine renders (response.context,
    response.templates) through a signal that its Jinja2 backend, which
    renders the readers' pages, does not send."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def recorded_render(self, context=None, request=None):
        context = {} if context is None else context
        content = render(self, context, request)
        # Sent after rendering: the context then holds what the context
        # processors added, as Django's own recorded context does.
        template_rendered.send(sender=self, template=self.template, context=context)
        return content

    Template.render = recorded_render
    yield
    Template.render = render


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path):
    # Uploads go to a throwaway folder, static files need no collectstatic
    # manifest, and no test sees another's cached pages.
    settings.MEDIA_ROOT = tmp_path / "media"
    # Pages are rendered, not served from the page cache, unless a test is
    # about that cache (tests/pagecache turns it back on).
    settings.PAGE_CACHE_SECONDS = 0
    # Staff users are made in most tests; a real password hash costs seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Static files come from the source folders, as with `runserver`, whether
    # or not `collectstatic` ever ran on this machine.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    from django.core.cache import cache

    from pagecache import local

    # With Redis (CACHE_URL), each process also keeps copies and remembered
    # values; a rolled-back test announces no change that would drop them.
    local.reset()
    cache.clear()
    yield
    cache.clear()
    local.reset()
