"""Django's PostgreSQL backend, with a health check that needs no round trip
while the connection has nothing to say.

CONN_HEALTH_CHECKS runs `SELECT 1` before the first query of each request:
a round trip that cost the article page a tenth of its database time. A
server that goes away (restarted, the backend terminated, an idle timeout)
says so on the socket before it closes it: an idle connection with nothing
to read is as usable as the round trip would have found it. Anything on the
socket, a connection not idle, or a socket that cannot be looked at gets
Django's own `SELECT 1`."""

import select

from django.db.backends.postgresql import base
from psycopg import pq


def _nothing_to_read(fd):
    """True when `fd` has nothing waiting (no data, no hang-up, no error);
    None when it cannot be told."""
    try:
        if hasattr(select, "poll"):
            # poll() takes any descriptor; select() none past FD_SETSIZE.
            poller = select.poll()
            poller.register(fd, select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        readable, _, failed = select.select([fd], [], [fd], 0)
        return not (readable or failed)
    except (OSError, ValueError):
        return None


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return False
        idle = pgconn.transaction_status == pq.TransactionStatus.IDLE
        if idle and _nothing_to_read(pgconn.socket):
            return True
        return super().is_usable()
