"""ORM queries compiled once per process, then run with new values.

Building and compiling a queryset (filters, joins, select_related, ordering)
costs the article page about as much as running its five queries: the ORM
redoes the same work on every request for SQL text that never changes. A
`CompiledQuery` builds its queryset once per database connection with
placeholder values, keeps the SQL and where each placeholder landed among the
parameters, and afterwards only executes that SQL with the call's values and
turns the rows into model instances as the ORM would (select_related objects
and annotations included).

The queryset is still written with the ORM and its managers, so rules such
as `Article.objects.published()` stay in one place. Values that the ORM
writes into the SQL text itself (slice bounds, the length of an ``IN``
list) cannot be placeholders: pass them as keyword arguments, which become
part of the cache key.

Rows become instances through the same helpers as Django's ModelIterable
(`_get_from_db`, `get_related_populators`): internal API of the pinned Django
release, so tests/articles/test_compiled.py compares every use with the
plain ORM and an upgrade that changes them fails there first.
"""

import contextlib
import datetime
import weakref
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, prefetch_related_objects
from django.db.models.base import ModelState
from django.db.models.query import (
    DEFAULT_FETCH_MODE,
    _get_from_db,
    get_related_populators,
)
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from newsroom.model_hooks import AfterInit

# Values no real row or parameter has: each placeholder must be told apart
# from every constant the ORM adds (status names, content type ids ...).
_INT_BASE = 1_987_654_321
_TEXT_PREFIX = "\x00compiled-placeholder-"
_DATETIME_BASE = datetime.datetime(1901, 2, 3, tzinfo=datetime.UTC)


_NO_ROWS = object()


@dataclass(frozen=True)
class _Plan:
    sql: str
    # SQLite: `sql` with ? placeholders (see _rows()).
    qmark: str | None
    # For each parameter: ("constant", value) or ("value", index, adapt).
    params: tuple
    # What turns rows into instances (not needed for a count).
    sliced: bool = False
    compiler: object = None
    init_list: list = None
    model_fields: slice = None
    from_db: object = None
    populators: list = None
    annotations: dict = None
    col_count: int | None = None
    converters: dict = None
    prefetch_lookups: tuple = ()
    after_fetch: object = None


# Databases whose LIMIT and OFFSET take parameters: one compiled query then
# serves every page of a listing.
_WINDOW_PARAMETERS = {"sqlite", "postgresql"}


class CompiledQuery:
    """`build(using, *values, **static)` returns a queryset on database
    `using`; `fetch(using, *values, **static)` returns its rows as a list of
    model instances.

    Each of `values` is an int, a str, an aware datetime or a tuple of them
    (a tuple's length is part of the key). `build` must put every value into
    the query as a parameter and build the same query for any values.
    """

    def __init__(self, build, *, generic_plan=False):
        self.build = build
        # PostgreSQL: run with a generic plan (see _rows_with_generic_plan).
        self.generic_plan = generic_plan
        # Compilers hold their connection, which is one per thread.
        self._plans = weakref.WeakKeyDictionary()

    def fetch(self, using, *values, window=None, **static):
        """The rows as model instances; `window` (offset, limit) selects a
        page of them and is a parameter, not part of the key, where the
        database takes LIMIT/OFFSET parameters."""
        connection = connections[using]
        statement = self._statement(connection, using, values, window, static)
        if statement is None:
            return []
        plan, sql, qmark, params = statement
        if self.generic_plan and connection.vendor == "postgresql":
            rows = _rows_with_generic_plan(connection, sql, params)
        else:
            rows = _rows(connection, sql, qmark, params)
        return self._objects(using, plan, rows)

    def _statement(self, connection, using, values, window, static):
        """(plan, sql, qmark, params) of one call, None if it has no rows."""
        native_window = connection.vendor in _WINDOW_PARAMETERS
        mode = ("rows", None if window is None or native_window else window)
        plan = self._plan(connection, using, values, static, mode)
        if plan is _NO_ROWS:
            return None
        params = self._bind(connection, plan, values)
        sql, qmark = plan.sql, plan.qmark
        if window is not None and native_window:
            if plan.sliced:
                raise ValueError("CompiledQuery: a window of a sliced query")
            offset, limit = window
            sql += " LIMIT %s OFFSET %s"
            if qmark is not None:
                qmark += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return plan, sql, qmark, params

    def count(self, using, *values, limit=None, **static):
        """How many rows the query yields, at most `limit` (a constant, part
        of the key)."""
        connection = connections[using]
        plan = self._plan(connection, using, values, static, ("count", limit))
        if plan is _NO_ROWS:
            return 0
        params = self._bind(connection, plan, values)
        return _rows(connection, plan.sql, plan.qmark, params)[0][0]

    def _plan(self, connection, using, values, static, mode):
        plans = self._plans.setdefault(connection, {})
        shape = tuple(len(v) if isinstance(v, tuple) else None for v in values)
        key = (shape, tuple(sorted(static.items())), mode)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = self._compile(connection, using, values, static, mode)
        return plan

    def _compile(self, connection, using, values, static, mode):
        placeholders, flat = [], []
        for value in values:
            if isinstance(value, tuple):
                made = tuple(
                    _placeholder(v, len(flat) + n) for n, v in enumerate(value)
                )
                placeholders.append(made)
                flat.extend(made)
            else:
                made = _placeholder(value, len(flat))
                placeholders.append(made)
                flat.append(made)
        queryset = self.build(using, *placeholders, **static)
        kind, argument = mode
        if kind == "count":
            queryset = queryset.order_by().values("pk")
            if argument is not None:
                queryset = queryset[:argument]
        elif argument is not None:
            offset, limit = argument
            queryset = queryset[offset : offset + limit]
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, compiled_params = compiler.as_sql()
        except EmptyResultSet:
            # Decided by the shape alone (an empty IN list): no rows ever.
            return _NO_ROWS
        params = _locate(connection, flat, sql, compiled_params)
        if kind == "count":
            sql = f"SELECT COUNT(*) FROM ({sql}) counted"
            return _Plan(sql=sql, qmark=_qmark(connection, sql), params=params)
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("CompiledQuery: composite primary keys are not supported")
        klass_info = compiler.klass_info
        select_fields = klass_info["select_fields"]
        model_fields = slice(select_fields[0], select_fields[-1] + 1)
        init_list = [f[0].target.attname for f in compiler.select[model_fields]]
        return _Plan(
            sql=sql,
            qmark=_qmark(connection, sql),
            params=params,
            sliced=queryset.query.is_sliced,
            compiler=compiler,
            init_list=init_list,
            model_fields=model_fields,
            from_db=instance_builder(klass_info["model"], init_list),
            populators=_fast_populators(
                get_related_populators(
                    klass_info, compiler.select, using, DEFAULT_FETCH_MODE
                )
            ),
            annotations=dict(compiler.annotation_col_map or {}),
            col_count=compiler.col_count if compiler.has_extra_select else None,
            # The database's value converters (dates on SQLite ...), looked
            # up once rather than for every call.
            converters=_lazy_where_offered(compiler.get_converters(fields)),
            prefetch_lookups=tuple(queryset._prefetch_related_lookups),
            # A queryset class's own step after its rows are fetched
            # (ArticleQuerySet loads bylines there), if it has one.
            after_fetch=getattr(queryset, "_after_fetch", None),
        )

    def _bind(self, connection, plan, values):
        values = _flatten(values)
        # A time that several conditions compare with (the related articles'
        # query has five) is adapted for the database once.
        adapted = {}
        params = []
        for kind, *rest in plan.params:
            if kind == "constant":
                params.append(rest[0])
                continue
            index, adapt = rest
            if not adapt:
                params.append(values[index])
                continue
            if index not in adapted:
                adapted[index] = connection.ops.adapt_datetimefield_value(values[index])
            params.append(adapted[index])
        return params

    def _objects(self, using, plan, rows):
        if plan.col_count is not None:
            rows = [row[: plan.col_count] for row in rows]
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        objects = []
        for row in rows:
            obj = plan.from_db(using, plan.init_list, row[plan.model_fields])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, position in plan.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        if plan.prefetch_lookups:
            prefetch_related_objects(objects, *plan.prefetch_lookups)
        if plan.after_fetch is not None:
            plan.after_fetch(objects)
        return objects


def _lazy_where_offered(converters):
    """The converters, with a field's `lazy_from_db_value` in place of its
    `from_db_value` where it offers one (images.models.RenditionsField):
    what a page may never read is not decoded for every row."""
    for position, (functions, expression) in converters.items():
        field = getattr(expression, "target", None)
        lazy = getattr(field, "lazy_from_db_value", None)
        if lazy is not None:
            functions = [lazy if f == field.from_db_value else f for f in functions]
            converters[position] = (functions, expression)
    return converters


def _qmark(connection, sql):
    if connection.vendor != "sqlite":
        return None
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    # What Django's SQLite cursor does to the text on every execution.
    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def _rows(connection, sql, qmark, params):
    """Every row of `sql`. On SQLite, with no query being logged or wrapped,
    `qmark` goes to the driver's cursor: Django's rewrites the placeholders
    with a regular expression on every execution, a tenth of the cost of the
    related articles' query. The checks Django's cursor makes come first."""
    if qmark is None or connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.execute(qmark, params)
        try:
            return cursor.fetchall()
        finally:
            cursor.close()


def _rows_with_generic_plan(connection, sql, params):
    """Every row of `sql`, run by PostgreSQL with its generic plan.

    psycopg prepares a statement that a connection runs again and again, but
    PostgreSQL still plans some afresh for each run's values: the related
    articles' query spent about half of its 0.8 ms being planned. The
    setting goes before it and is reset after it in one pipeline, a single
    round trip."""
    if not pipelines(connection.alias):
        return _rows(connection, sql, None, params)
    with connection.cursor() as cursor:
        raw = connection.connection
        with _generic_plan_reset_on_failure(connection), raw.pipeline():
            _execute_with_generic_plan(raw, cursor, sql, params)
        return cursor.fetchall()


def _execute_with_generic_plan(raw, cursor, sql, params):
    # Inside a pipeline: the three go to the server together.
    raw.execute("SET plan_cache_mode = force_generic_plan")
    cursor.execute(sql, params)
    raw.execute("RESET plan_cache_mode")


@contextlib.contextmanager
def _generic_plan_reset_on_failure(connection):
    """Django's exceptions for the database's; and after a failure inside a
    pipeline, which may have come before its RESET, the setting is reset on
    its own."""
    try:
        with connection.wrap_database_errors:
            yield
    except Exception:
        with contextlib.suppress(Exception), connection.wrap_database_errors:
            connection.connection.execute("RESET plan_cache_mode")
        raise


def instance_builder(model, attnames):
    """model.from_db, or the same instance built without Model.__init__ where
    that only stores the values: __init__ looks at every field of the model,
    deferred or not, and cost five times as much for a listing's article."""
    after_init = model.__init__ is AfterInit.__init__
    plain = (
        (model.__init__ is Model.__init__ or after_init)
        and model.from_db.__func__ is Model.from_db.__func__
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
        # Descriptors that only store the value (plain and foreign key
        # columns): what __init__'s setattr() would do to a new instance.
        and all(
            isinstance(model.__dict__.get(name), DeferredAttribute) for name in attnames
        )
    )
    if not plain:
        return _get_from_db(model, DEFAULT_FETCH_MODE)
    new = object.__new__

    def from_db(using, field_names, values):
        obj = new(model)
        state = ModelState()
        state.adding = False
        state.db = using
        state.fetch_mode = DEFAULT_FETCH_MODE
        fields = obj.__dict__
        fields["_state"] = state
        fields.update(zip(field_names, values, strict=True))
        if after_init:
            obj.after_init()
        return obj

    return from_db


def _fast_populators(populators):
    """Django's select_related populators, building their instances as
    instance_builder() does."""
    for populator in populators:
        populator.from_db = instance_builder(populator.model_cls, populator.init_list)
        _fast_populators(populator.related_populators)
    return populators


def pipelines(using):
    """Whether database `using` takes queries in a pipeline: PostgreSQL,
    with a libpq that supports it."""
    if connections[using].vendor != "postgresql":
        return False
    from psycopg import Pipeline

    return Pipeline.is_supported()


def fetch_together(using, *calls):
    """[query.fetch(using, *values, **static) for query, values[, static] in
    calls], in one round trip on PostgreSQL: the queries are pipelined, each
    waiting for none of the others' answers (an article page's five queries
    cost three round trips otherwise)."""
    calls = [
        (query, values, static[0] if static else {}) for query, values, *static in calls
    ]
    if len(calls) < 2 or not pipelines(using):
        return [query.fetch(using, *values, **kw) for query, values, kw in calls]
    connection = connections[using]
    statements = [
        (query, query._statement(connection, using, values, None, static))
        for query, values, static in calls
    ]
    with contextlib.ExitStack() as stack:
        cursors = [
            None if statement is None else stack.enter_context(connection.cursor())
            for _, statement in statements
        ]
        raw = connection.connection
        with _generic_plan_reset_on_failure(connection), raw.pipeline():
            for cursor, (query, statement) in zip(cursors, statements, strict=True):
                if cursor is None:
                    continue
                if query.generic_plan:
                    _execute_with_generic_plan(raw, cursor, statement[1], statement[3])
                else:
                    cursor.execute(statement[1], statement[3])
        return [
            []
            if cursor is None
            else query._objects(using, statement[0], cursor.fetchall())
            for cursor, (query, statement) in zip(cursors, statements, strict=True)
        ]


class Listing:
    """A compiled query as Paginator wants it: the paginator's slice of a
    page becomes the query's window, so every page of a listing shares one
    compiled query; it is counted (up to `cap` rows, the listing's reach) by
    one more."""

    ordered = True  # by its query; Paginator warns about unordered lists

    def __init__(self, query, using, *values, cap=None, **static):
        self.query, self.using, self.values = query, using, values
        self.cap, self.static = cap, static

    def count(self):
        return self.query.count(self.using, *self.values, limit=self.cap, **self.static)

    def __getitem__(self, page):
        if not isinstance(page, slice) or page.step or page.stop is None:
            raise TypeError("A Listing gives slices with a start and a stop.")
        start = page.start or 0
        stop = page.stop if self.cap is None else min(page.stop, self.cap)
        if stop <= start:
            return []
        return self.query.fetch(
            self.using, *self.values, window=(start, stop - start), **self.static
        )


def _locate(connection, flat, sql, compiled_params):
    """For each compiled parameter: ("constant", value), or ("value", index,
    adapt) where placeholder `index` landed (adapted as a datetime value)."""
    forms = {}
    for index, placeholder in enumerate(flat):
        forms[placeholder] = (index, False)
        if isinstance(placeholder, datetime.datetime):
            adapted = connection.ops.adapt_datetimefield_value(placeholder)
            forms[adapted] = (index, True)
    params, found = [], set()
    for param in compiled_params:
        match = (
            forms.get(param)
            if isinstance(param, int | str | datetime.datetime)
            else None
        )
        if match is None:
            params.append(("constant", param))
        else:
            found.add(match[0])
            params.append(("value", *match))
    # A value may go unused (no tags, no tag condition), but one written into
    # the SQL text would be the placeholder on every later call.
    for index, placeholder in enumerate(flat):
        if index not in found and _spelled_in(placeholder, sql):
            raise ValueError(
                "CompiledQuery: a value was written into the SQL text; pass "
                "values that the ORM does not parametrise as keyword arguments."
            )
    return tuple(params)


def _flatten(values):
    flat = []
    for value in values:
        if isinstance(value, tuple):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _spelled_in(placeholder, sql):
    if isinstance(placeholder, datetime.datetime):
        return placeholder.isoformat()[:10] in sql
    return str(placeholder) in sql


def _placeholder(value, index):
    if isinstance(value, bool):
        raise TypeError("CompiledQuery: pass booleans as keyword arguments")
    if isinstance(value, int):
        return _INT_BASE + index
    if isinstance(value, str):
        return f"{_TEXT_PREFIX}{index}"
    if isinstance(value, datetime.datetime):
        return _DATETIME_BASE + datetime.timedelta(seconds=index)
    raise TypeError(f"CompiledQuery: unsupported value {value!r}")
