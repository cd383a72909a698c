"""newsroom.db.postgresql: the health check reads the socket instead of
asking the server while the connection is idle, and still finds a
connection the server has dropped."""

import time

import pytest
from django.db import connection

from tests import markers

pytestmark = [
    markers.needs_postgresql("PostgreSQL's connections"),
    # Autocommit, as between a site's requests: the idle connection's check.
    # Serialized rollback puts back what the migrations made (roles, content
    # types) as the other transactional tests expect to find it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _refuse_queries(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the health check sent a query")

    monkeypatch.setattr(connection.connection, "cursor", refused)


def _count_queries(monkeypatch):
    """The cursors the health check opens, each for its `SELECT 1`."""
    sent = []
    original = connection.connection.cursor

    def counted(*args, **kwargs):
        sent.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(connection.connection, "cursor", counted)
    return sent


def _from_another_connection(sql, params=()):
    import psycopg

    settings = connection.get_connection_params()
    conninfo = {
        key: settings[key]
        for key in ("dbname", "host", "port", "user", "password")
        if settings.get(key)
    }
    with psycopg.connect(**conninfo, autocommit=True) as other:
        other.execute(sql, params)


def _wait_until_unusable(timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not connection.is_usable():
            return True
        time.sleep(0.05)
    return False


def test_an_idle_connection_is_usable_without_a_round_trip(monkeypatch):
    connection.ensure_connection()
    _refuse_queries(monkeypatch)

    assert connection.is_usable()


def test_without_poll_the_check_still_needs_no_round_trip(monkeypatch):
    import select

    connection.ensure_connection()
    monkeypatch.delattr(select, "poll")
    _refuse_queries(monkeypatch)

    assert connection.is_usable()


def test_a_socket_that_cannot_be_looked_at_gets_the_round_trip(monkeypatch):
    import select

    def refused(*args):
        raise ValueError("filedescriptor out of range in select()")

    connection.ensure_connection()
    monkeypatch.delattr(select, "poll")
    monkeypatch.setattr(select, "select", refused)
    sent = _count_queries(monkeypatch)

    assert connection.is_usable()
    assert sent


def test_a_connection_the_server_dropped_is_found_and_replaced():
    from articles.models import Article

    connection.ensure_connection()
    old = connection.connection
    _from_another_connection("SELECT pg_terminate_backend(%s)", [old.info.backend_pid])

    assert _wait_until_unusable()
    # What Django does before a request's first query.
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert Article.objects.count() == 0
    assert connection.connection is not old


def test_anything_unread_on_the_socket_gets_the_round_trip(monkeypatch):
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("LISTEN newsroom_health_check")
    _from_another_connection("NOTIFY newsroom_health_check")
    time.sleep(0.2)  # on its way to this connection's socket
    sent = _count_queries(monkeypatch)
    try:
        assert connection.is_usable()
    finally:
        monkeypatch.undo()
        raw.execute("UNLISTEN *")
    assert sent
