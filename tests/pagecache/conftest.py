import pytest


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed: invalidation waits for
    the commit, and tests run inside one transaction."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run
