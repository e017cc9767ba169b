"""Open an event log, whatever its form, as a view the mining queries read.

Accepted: a path to CSV (``.csv``, ``.tsv``), Parquet (``.parquet``, ``.pq``),
JSON lines (``.jsonl``, ``.ndjson``, ``.json``), XES (``.xes``, ``.xes.gz``);
a pandas or polars DataFrame, a pyarrow Table, a DuckDB relation (a table is
``connection.table("name")``) — all read by DuckDB — or a PySpark DataFrame,
read by its own Spark session.

The view has the columns ``customer``, ``event`` (text), ``ts`` (an instant,
NULL when it could not be read; on DuckDB a TIMESTAMPTZ for text and
time-zone-aware columns), ``ts_raw``, ``seg`` and ``multi`` (true when the
customer cell lists several customers).
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from journeymap.errors import MissingDependencyError, UnknownFormatError
from journeymap.mining import xes
from journeymap.mining.engines import DuckDBEngine, Engine, SparkEngine
from journeymap.mining.errors import (
    EmptyLogError,
    EventLogError,
    MissingColumnError,
    ObjectCentricLogError,
    TimestampError,
)

__all__ = ["Columns", "Source", "check_events", "open_source", "reading", "rows_relation"]

_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json": "json",
    ".xes": "xes",
    ".xes.gz": "xes",
}
_OBJECT_CENTRIC = (".jsonocel", ".xmlocel", ".ocel")
MEMORY_LIMIT = "512MB"
"""DuckDB's ``memory_limit`` on the connections :func:`open_source` makes itself; beyond it DuckDB spills to disk."""
_LIST_TYPES = ("[]", "LIST", "ARRAY", "STRUCT", "MAP")


@attrs.frozen(kw_only=True)
class Columns:
    """The column names to read; None means the default (XES logs have their own defaults)."""

    customer: str | None = None
    touchpoint: str | None = None
    timestamp: str | None = None
    segment: str | None = None

    def resolved(self, xes_log: bool) -> tuple[str, str, str]:
        """Customer, touchpoint and timestamp column names."""
        if xes_log:
            defaults = (xes.CUSTOMER, xes.TOUCHPOINT, xes.TIMESTAMP)
        else:
            defaults = ("customer_id", "touchpoint", "timestamp")
        return (
            self.customer or defaults[0],
            self.touchpoint or defaults[1],
            self.timestamp or defaults[2],
        )


@attrs.define(kw_only=True)
class Source:
    """An opened event log: the engine, the name of its view, and a label for messages."""

    engine: Engine
    view: str
    label: str
    customer: str
    touchpoint: str
    timestamp: str
    cleanup: list[Path] = attrs.field(factory=list)

    def close(self) -> None:
        """Drop temporary tables and files."""
        self.engine.close()
        for path in self.cleanup:
            path.unlink(missing_ok=True)


def check_events(source: Source) -> dict[str, int]:
    """Validate the log in one pass; return the event names with their counts.

    Raises :class:`EmptyLogError`, :class:`ObjectCentricLogError`, :class:`TimestampError` or
    :class:`EventLogError` naming the file, column and first bad row.
    """
    engine, view, label = source.engine, source.view, source.label
    rows = engine.rows(
        "SELECT event, count(*), count(*) - count(ts), count(*) - count(customer),"
        f" sum(CASE WHEN multi THEN 1 ELSE 0 END) FROM {view} GROUP BY event"
    )
    if not rows:
        raise EmptyLogError(label, "holds no events")
    if any(row[0] is None for row in rows):
        at, _ = engine.first_bad_row(view, "event IS NULL", "event")
        raise EventLogError(label, "is empty (every event needs a name)", column=source.touchpoint, row=at)
    if any(row[4] for row in rows):
        at, value = engine.first_bad_row(view, "multi", "customer")
        raise ObjectCentricLogError(
            label,
            f"lists several customers for one event ({value}): an object-centric log; flatten it first",
            column=source.customer,
            row=at,
        )
    if any(row[3] for row in rows):
        at, _ = engine.first_bad_row(view, "customer IS NULL", "customer")
        raise EventLogError(label, "is empty (every event needs a customer)", column=source.customer, row=at)
    if any(row[2] for row in rows):
        at, value = engine.first_bad_row(view, "ts IS NULL", "ts_raw")
        problem = "is empty" if value is None else f"cannot be read as a timestamp: {value!r}"
        raise TimestampError(label, problem, column=source.timestamp, row=at)
    return {str(row[0]): int(row[1]) for row in rows}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".xes.gz" if name.endswith(".xes.gz") else path.suffix.lower()


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("duckdb", "mining") from None
    return duckdb


def open_source(events: Any, columns: Columns, connection: Any = None) -> Source:
    """Open ``events`` and define the normalised view (see the module docs)."""
    if isinstance(events, str | os.PathLike):
        return _open_file(Path(events), columns)
    module = type(events).__module__
    if module.startswith("pyspark."):
        return _open_spark(events, columns)
    duckdb = _duckdb()
    if isinstance(events, duckdb.DuckDBPyRelation):
        return _open_relation(events, columns, connection)
    kinds = {"pandas": "pandas DataFrame", "polars": "polars DataFrame", "pyarrow": "pyarrow Table"}
    label = next((text for prefix, text in kinds.items() if module.startswith(prefix)), None)
    if label is None:
        raise EventLogError(
            type(events).__name__,
            "is not an event log: give a file path, a pandas/polars DataFrame, a pyarrow Table,"
            " a DuckDB relation or a PySpark DataFrame",
        )
    engine = _own_engine()
    name = engine.name("input")
    engine.connection.register(name, events)
    return _define(engine, name, label, columns, xes_log=False)


def _own_engine() -> DuckDBEngine:
    """A new in-memory DuckDB connection of its own, capped at :data:`MEMORY_LIMIT`, spilling to a temp folder.

    Its progress bar is off: a long query would otherwise draw it on standard output.
    """
    folder = Path(tempfile.mkdtemp(prefix="journeymap-duckdb-"))
    try:
        connection = _duckdb().connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(folder)})
        connection.execute("SET enable_progress_bar = false")  # it prints to stdout, where `mine -o -` writes
    except BaseException:
        folder.rmdir()
        raise
    return DuckDBEngine(connection, spill=folder)


def _open_file(path: Path, columns: Columns) -> Source:
    label = str(path)
    suffix = _suffix(path)
    if suffix in _OBJECT_CENTRIC:
        raise ObjectCentricLogError(label, "is an object-centric event log (OCEL); flatten it to one customer first")
    kind = _SUFFIXES.get(suffix)
    if kind is None:
        raise UnknownFormatError(suffix or path.name, _SUFFIXES, what="event log format")
    if not path.is_file():
        raise EventLogError(label, "no such file")
    engine = _own_engine()
    cleanup: list[Path] = []
    literal = "'" + str(path).replace("'", "''") + "'"
    if kind == "csv":
        reader = f"read_csv({literal}, all_varchar = true, header = true)"
    elif kind == "parquet":
        reader = f"read_parquet({literal})"
    elif kind == "json":
        reader = f"read_json({literal}, format = 'newline_delimited')"
    else:
        handle, temp = tempfile.mkstemp(suffix=".csv", prefix="journeymap-xes-")
        os.close(handle)
        cleanup.append(Path(temp))
        try:
            xes.write_csv(xes.read_xes(path), Path(temp), again=lambda: xes.read_xes(path))
        except ET.ParseError as error:
            Path(temp).unlink(missing_ok=True)
            raise EventLogError(label, f"is not valid XES: {error}") from None
        reader = f"read_csv('{temp}', all_varchar = true, header = true)"
    name = engine.name("input")
    try:
        engine.view(name, f"SELECT * FROM {reader}")
    except Exception as error:  # duckdb's own errors: unreadable file
        engine.close()
        for temp_path in cleanup:
            temp_path.unlink(missing_ok=True)
        if type(error).__module__.startswith(("duckdb", "_duckdb")):
            raise EventLogError(label, f"cannot be read: {str(error).splitlines()[0]}") from None
        raise
    source = _define(engine, name, label, columns, xes_log=kind == "xes")
    source.cleanup.extend(cleanup)
    return source


def _open_relation(relation: Any, columns: Columns, connection: Any) -> Source:
    duckdb = _duckdb()
    connection = connection if connection is not None else duckdb.default_connection()
    engine = DuckDBEngine(connection)
    name = engine.name("input")
    relation.create_view(name)
    engine._created.append(("VIEW", name))
    try:
        connection.execute(f"SELECT * FROM {name} LIMIT 0")
    except Exception:
        engine.close()
        raise EventLogError(
            "DuckDB relation", "belongs to another connection than the default one: pass connection="
        ) from None
    return _define(engine, name, "DuckDB relation", columns, xes_log=False)


def _column_types(engine: Engine, view: str) -> dict[str, str]:
    if isinstance(engine, DuckDBEngine):
        rows = engine.rows(f"DESCRIBE SELECT * FROM {view}")
        return {str(row[0]): str(row[1]).upper() for row in rows}
    frame = engine.session.table(view)  # type: ignore[attr-defined]
    return {field.name: field.dataType.simpleString().upper() for field in frame.schema.fields}


def _timestamp(engine: Engine, column: str, kind: str, label: str, name: str) -> str:
    quoted = engine.quote(column)
    duck = isinstance(engine, DuckDBEngine)
    # DuckDB: a TIMESTAMPTZ is an instant (ordering, min() and epoch_us() ignore the time zone), so it is kept
    # as it is; converting every row with timezone('UTC', ...) nearly doubled the time of ordering the events.
    if kind in ("VARCHAR", "STRING") or kind.startswith("VARCHAR"):
        return f"TRY_CAST({quoted} AS TIMESTAMPTZ)" if duck else f"try_cast({quoted} AS TIMESTAMP)"
    if kind == "TIMESTAMP WITH TIME ZONE":
        return quoted
    if kind.startswith("TIMESTAMP") or kind == "DATE":
        return f"CAST({quoted} AS TIMESTAMP)"
    raise EventLogError(label, f"must hold timestamps or text, got {kind}", column=name)


def _define(engine: Engine, view: str, label: str, columns: Columns, *, xes_log: bool) -> Source:
    try:
        types = _column_types(engine, view)
        customer, touchpoint, timestamp = columns.resolved(xes_log)
        for column in (customer, touchpoint, timestamp, columns.segment):
            if column is not None and column not in types:
                known = ", ".join(types) or "none"
                raise MissingColumnError(label, f"is not in the log (columns: {known})", column=column)
        customer_type = types[customer]
        if any(marker in customer_type for marker in _LIST_TYPES):
            raise ObjectCentricLogError(
                label, "holds lists of customers: one event belongs to several (object-centric log)", column=customer
            )
        q = engine.quote
        text = customer_type in ("VARCHAR", "STRING")
        multi = f"({q(customer)} LIKE '[%,%]')" if text else "FALSE"
        segment = f"CAST({q(columns.segment)} AS STRING)" if columns.segment else "CAST(NULL AS STRING)"
        ts = _timestamp(engine, timestamp, types[timestamp], label, timestamp)
        name = engine.name("src")
        engine.view(
            name,
            f"SELECT {q(customer)} AS customer, CAST({q(touchpoint)} AS STRING) AS event, {ts} AS ts,"
            f" CAST({q(timestamp)} AS STRING) AS ts_raw, {segment} AS seg, {multi} AS multi FROM {view}",
        )
    except BaseException:
        engine.close()
        raise
    return Source(engine=engine, view=name, label=label, customer=customer, touchpoint=touchpoint, timestamp=timestamp)


def _open_spark(frame: Any, columns: Columns) -> Source:
    engine = SparkEngine(frame.sparkSession)
    name = engine.name("input")
    engine.view_of(name, frame)
    return _define(engine, name, "PySpark DataFrame", columns, xes_log=False)


@contextmanager
def rows_relation(rows: Iterable[tuple[str, str, str]]) -> Iterator[tuple[Any, Any]]:
    """A small log of ``(customer, event, timestamp)`` tuples as a DuckDB relation and its connection.

    The relation has the default column names (``customer_id``, ``touchpoint``, ``timestamp``); the connection is
    closed on leaving the block. Used by ``mine_rows`` and ``paths_rows``.
    """
    import duckdb

    data = list(rows)
    connection = duckdb.connect()
    try:
        columns = [list(column) for column in zip(*data, strict=True)] if data else [[], [], []]
        relation = connection.sql(
            "SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
            " unnest(?::VARCHAR[]) AS timestamp",
            params=columns,
        )
        yield relation, connection
    finally:
        connection.close()


_CONTENT_ERRORS = ("InvalidInputException", "ConversionException")
"""DuckDB's errors about what a file holds, raised when a query reaches the bad part (a JSON object with a
duplicate key, a CSV line with too many fields past the sample DuckDB sniffs the format from)."""


@contextmanager
def reading(label: str) -> Iterator[None]:
    """Turn DuckDB's errors about the log's content or size, raised while it is read, into an :class:`EventLogError`.

    DuckDB reads a file lazily: the view :func:`open_source` defines only samples it, so a
    bad line further on fails inside the query that reaches it. Other errors (journeymap's own) pass through.
    """
    try:
        yield
    except Exception as error:
        if not type(error).__module__.startswith(("duckdb", "_duckdb")):
            raise
        first = str(error).splitlines()[0]
        if type(error).__name__ == "OutOfMemoryException":
            raise EventLogError(
                label,
                f"needs more memory than DuckDB may use here ({MEMORY_LIMIT}; a few customers with millions of"
                f" events each are the usual cause): {first}",
            ) from None
        if type(error).__name__ in _CONTENT_ERRORS:
            raise EventLogError(label, f"cannot be read: {first}") from None
        raise
