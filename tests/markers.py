"""Skip markers shared by the test modules."""

import pytest
from django.db import connection


def needs_postgresql(what):
    """Skip where the tests run on another database; `what` names what of
    PostgreSQL the test needs."""
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"{what}: set DATABASE_URL to PostgreSQL (CI's second pass does)",
    )
