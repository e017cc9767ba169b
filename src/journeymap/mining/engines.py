"""The two engines the mining queries run on: embedded DuckDB (default) and PySpark.

Both run the *same* SQL text from :mod:`journeymap.mining.query`; a
:class:`Dialect` spells the two functions whose names differ (microseconds
since the epoch, and a customer's path as text). Neither module imports
duckdb or pyspark at import time.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

__all__ = ["DUCKDB", "SPARK", "Dialect", "DuckDBEngine", "Engine", "SparkEngine"]


@attrs.frozen(kw_only=True)
class Dialect:
    """How one engine spells what SQL engines disagree on."""

    name: str
    epoch_us: str  # "{}" is the timestamp
    path: str  # a customer's codes joined by "," in step order, over columns step and code
    quote: str  # identifier quote character


DUCKDB = Dialect(
    name="duckdb",
    epoch_us="epoch_us({})",
    path="array_to_string(list(code ORDER BY step), ',')",  # same text as string_agg(...), in half the time
    quote='"',
)
SPARK = Dialect(
    name="spark",
    epoch_us="unix_micros({})",
    path="array_join(transform(array_sort(collect_list(struct(step, code))), x -> CAST(x.code AS STRING)), ',')",
    quote="`",
)


class Engine(Protocol):
    """What the query logic needs from an engine."""

    dialect: Dialect

    def name(self, base: str) -> str:
        """A fresh name for a temporary table or view."""
        ...

    def quote(self, identifier: str) -> str:
        """An identifier quoted for this engine."""
        ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        ...

    def create(self, name: str, sql: str) -> None:
        """Materialize a query as a temporary table."""
        ...

    def view(self, name: str, sql: str) -> None:
        """Define a temporary view."""
        ...

    def table(self, name: str, columns: Sequence[tuple[str, str]], values: Sequence[Sequence[Any]]) -> None:
        """A small temporary table from Python values, given column by column."""
        ...

    def first_bad_row(self, source: str, condition: str, column: str) -> tuple[int | None, Any]:
        """The 1-based row number (None when the engine has no row order) and value of the first row matching."""
        ...

    def close(self) -> None:
        """Drop everything created and restore settings."""
        ...


def _fresh(base: str) -> str:
    return f"jm_{base}_{uuid.uuid4().hex[:8]}"


class DuckDBEngine:
    """Runs on a DuckDB connection (the caller's, or a new in-memory one).

    ``spill`` is the temporary directory of a connection made for this log
    alone: :meth:`close` then closes the connection and removes the folder.
    """

    dialect = DUCKDB

    def __init__(self, connection: Any, spill: Path | None = None) -> None:
        self.connection = connection
        self.spill = spill
        self._created: list[tuple[str, str]] = []
        self._timezone = connection.execute("SELECT current_setting('TimeZone')").fetchone()[0]
        connection.execute("SET TimeZone = 'UTC'")  # naive text timestamps are read as UTC
        self._order = connection.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
        connection.execute("SET preserve_insertion_order = false")  # less memory; no figure depends on row order

    def name(self, base: str) -> str:
        return _fresh(base)

    def quote(self, identifier: str) -> str:
        return '"' + identifier.replace('"', '""') + '"'

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.connection.execute(sql).fetchall()]

    def create(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE TEMP TABLE {name} AS {sql}")
        self._created.append(("TABLE", name))

    def view(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE TEMP VIEW {name} AS {sql}")
        self._created.append(("VIEW", name))

    def table(self, name: str, columns: Sequence[tuple[str, str]], values: Sequence[Sequence[Any]]) -> None:
        select = ", ".join(f"unnest(?::{kind}[]) AS {column}" for column, kind in columns)
        self.connection.execute(f"CREATE TEMP TABLE {name} AS SELECT {select}", [list(v) for v in values])
        self._created.append(("TABLE", name))

    def first_bad_row(self, source: str, condition: str, column: str) -> tuple[int | None, Any]:
        self.connection.execute("SET preserve_insertion_order = true")  # row numbers follow the file
        try:
            found = self.rows(
                f"SELECT rn, {column} FROM (SELECT row_number() OVER () AS rn, * FROM {source}) "
                f"WHERE {condition} ORDER BY rn LIMIT 1"
            )
        finally:
            self.connection.execute("SET preserve_insertion_order = false")
        return (int(found[0][0]), found[0][1]) if found else (None, None)

    def close(self) -> None:
        for kind, name in reversed(self._created):
            self.connection.execute(f"DROP {kind} IF EXISTS {name}")
        self._created.clear()
        if self.spill is not None:
            self.connection.close()
            shutil.rmtree(self.spill, ignore_errors=True)
            return
        self.connection.execute(f"SET TimeZone = '{self._timezone}'")
        self.connection.execute(f"SET preserve_insertion_order = {str(self._order).lower()}")


class SparkEngine:
    """Runs on the Spark session of a PySpark DataFrame (session time zone UTC while mining)."""

    dialect = SPARK

    def __init__(self, session: Any) -> None:
        self.session = session
        self._views: list[str] = []
        self._cached: list[Any] = []
        self._timezone = session.conf.get("spark.sql.session.timeZone")
        session.conf.set("spark.sql.session.timeZone", "UTC")

    def name(self, base: str) -> str:
        return _fresh(base)

    def quote(self, identifier: str) -> str:
        return "`" + identifier.replace("`", "``") + "`"

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.session.sql(sql).collect()]

    def create(self, name: str, sql: str) -> None:
        frame = self.session.sql(sql).cache()
        self._cached.append(frame)
        self.view_of(name, frame)

    def view(self, name: str, sql: str) -> None:
        self.view_of(name, self.session.sql(sql))

    def view_of(self, name: str, frame: Any) -> None:
        """Register a DataFrame as a temporary view."""
        frame.createOrReplaceTempView(name)
        self._views.append(name)

    def table(self, name: str, columns: Sequence[tuple[str, str]], values: Sequence[Sequence[Any]]) -> None:
        kinds = {"VARCHAR": "string", "INTEGER": "int"}
        schema = ", ".join(f"{column} {kinds[kind]}" for column, kind in columns)
        rows = list(zip(*values, strict=True)) if values and values[0] else []
        self.view_of(name, self.session.createDataFrame(rows, schema=schema))

    def first_bad_row(self, source: str, condition: str, column: str) -> tuple[int | None, Any]:
        found = self.rows(f"SELECT {column} FROM {source} WHERE {condition} LIMIT 1")
        return (None, found[0][0]) if found else (None, None)

    def close(self) -> None:
        for frame in self._cached:
            frame.unpersist()
        for name in self._views:
            self.session.catalog.dropTempView(name)
        self._cached.clear()
        self._views.clear()
        if self._timezone is None:
            self.session.conf.unset("spark.sql.session.timeZone")
        else:
            self.session.conf.set("spark.sql.session.timeZone", self._timezone)
