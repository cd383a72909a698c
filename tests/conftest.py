import pytest

from tests import factories


@pytest.fixture
def journalist(db):
    return factories.journalist(username="jo")


@pytest.fixture
def other_journalist(db):
    return factories.journalist(username="kim")


@pytest.fixture
def editor(db):
    return factories.editor(username="ed")


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
