"""The SQLite full-text index behind reader search (PostgreSQL has its GIN
index, migration 0003).

An FTS5 table with the trigram tokenizer over headline, dek and body: it finds
any substring of three or more characters, case-insensitively, as the old
LIKE search did, without reading every article. It is an external-content
table: it stores only the index, and triggers keep it in step with every
insert, edit and delete, bulk_create and raw SQL included.

Django rebuilds an SQLite table to alter it, which drops its triggers, so
`install` also runs after every `migrate` (apps.py): it puts back whatever is
missing and re-indexes only then. Where SQLite lacks FTS5 or trigram (before
3.34), nothing is created and search falls back to LIKE.
"""

from django.db import OperationalError

TABLE = "articles_article_fts"
_COLUMNS = ("headline", "dek", "body")
_TRIGGERS = {
    f"{TABLE}_insert": "AFTER INSERT ON articles_article BEGIN {add} END",
    f"{TABLE}_delete": "AFTER DELETE ON articles_article BEGIN {remove} END",
    f"{TABLE}_update": (
        "AFTER UPDATE OF headline, dek, body ON articles_article "
        "BEGIN {remove} {add} END"
    ),
}


def _values(prefix):
    return ", ".join(f"{prefix}.{column}" for column in _COLUMNS)


_ADD = (
    f"INSERT INTO {TABLE}(rowid, {', '.join(_COLUMNS)}) "
    f"VALUES (new.id, {_values('new')});"
)
_REMOVE = (
    f"INSERT INTO {TABLE}({TABLE}, rowid, {', '.join(_COLUMNS)}) "
    f"VALUES ('delete', old.id, {_values('old')});"
)


def _existing(cursor, kind):
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = %s AND name LIKE %s",
        [kind, f"{TABLE}%"],
    )
    return {name for (name,) in cursor.fetchall()}


def install(connection):
    """Create what is missing; returns True if the index is there."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        missing = TABLE not in _existing(cursor, "table")
        if missing:
            try:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
                    f"{', '.join(_COLUMNS)}, content='articles_article', "
                    "content_rowid='id', tokenize='trigram')"
                )
            except OperationalError:
                return False  # no FTS5 or no trigram tokenizer: LIKE it is
        triggers = _existing(cursor, "trigger")
        for name, body in _TRIGGERS.items():
            if name not in triggers:
                missing = True
                cursor.execute(
                    f"CREATE TRIGGER {name} " + body.format(add=_ADD, remove=_REMOVE)
                )
        if missing:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    connection.__dict__.pop("_articles_fts", None)
    return True


def uninstall(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    connection.__dict__.pop("_articles_fts", None)


def available(connection):
    """Whether search can use the index (looked up once per connection)."""
    if connection.vendor != "sqlite":
        return False
    if "_articles_fts" not in connection.__dict__:
        with connection.cursor() as cursor:
            connection.__dict__["_articles_fts"] = TABLE in _existing(cursor, "table")
    return connection.__dict__["_articles_fts"]


def match_expression(terms):
    """Every term as an FTS5 string, so its characters are literal: a
    trigram "phrase" matches that substring anywhere."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
