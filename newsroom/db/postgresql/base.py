"""Django's PostgreSQL backend, with a health check that needs no round trip
while the connection has nothing to say.

CONN_HEALTH_CHECKS runs `SELECT 1` before the first query of each request:
a round trip that cost the article page a tenth of its database time. A
server that goes away (restarted, the backend terminated, an idle timeout)
says so on the socket before it closes it: an idle connection with nothing
to read is as usable as the round trip would have found it. Anything on the
socket, or a connection not idle, gets Django's own `SELECT 1`."""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return False
        if pgconn.transaction_status == pq.TransactionStatus.IDLE:
            try:
                readable, _, _ = select.select([pgconn.socket], [], [], 0)
            except (OSError, ValueError):
                return False
            if not readable:
                return True
        return super().is_usable()
