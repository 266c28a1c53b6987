"""Consistent online backups of the database, and restoring them (docs/adr/0008).

SQLite: the online backup API copies the whole database in one read transaction, so the copy is a
snapshot while the web and task processes go on writing (WAL mode). PostgreSQL: pg_dump reads one
snapshot into a custom-format archive; pg_restore puts it back in one transaction.

A backup holds the database only. The master key, the secret key and the receipt salt come from the
environment or from files, never from the database (docs/adr/0001), so a backup on its own opens
no sealed narrative and no confidential identity. This module sits in core, beneath every context;
the commands that put backups and restores on the audit record are protection's.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.template.defaultfilters import filesizeformat

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENGINE_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_ARCHIVE_MAGIC = b"PGDMP"
# `migrate` fills these by itself; a database that holds rows only here holds nothing to lose.
_BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, for an operator to act on."""


@dataclass(frozen=True)
class Contents:
    tables: int
    rows: int | None  # counted on SQLite; a pg_dump archive lists its tables, not their rows


@dataclass(frozen=True)
class MigrationState:
    pending: list[str]  # in the code but not applied: the backup is older than the code
    unknown: list[str]  # applied but not in the code: the backup is newer than the code


@dataclass(frozen=True)
class BackupFile:
    """A backup written or restored: what a person needs to recognise it again, and no personal data."""

    path: Path
    engine: str
    size: int
    sha256: str
    contents: Contents
    seconds: float

    def summary(self) -> str:
        size = str(filesizeformat(self.size)).replace("\xa0", " ")
        rows = "" if self.contents.rows is None else f", {self.contents.rows:,} rows"
        return (f"{ENGINE_NAMES[self.engine]}, {size} ({self.size:,} bytes), {self.contents.tables} tables{rows}, "
                f"in {self.seconds:.1f} s; SHA-256 {self.sha256}")

    def audit_detail(self) -> dict[str, Any]:
        # No path: a folder name can be a person's name, and the digest identifies the file anyway.
        return {"engine": self.engine, "bytes": self.size, "sha256": self.sha256, "tables": self.contents.tables,
                "rows": self.contents.rows, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class Restored(BackupFile):
    migrations: MigrationState


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ENGINE_NAMES:
        raise BackupError(f"Backups are made of SQLite and PostgreSQL databases only; this one is {connection.vendor}.")
    return connection.vendor


def kind_of_file(path: Path) -> str:
    """SQLite or PostgreSQL, from the file's first bytes; anything else is refused in plain words."""
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"There is no file {path}.") from None
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror}.") from None
    if head.startswith(_SQLITE_MAGIC):
        return SQLITE
    if head.startswith(_PG_ARCHIVE_MAGIC):
        return POSTGRESQL
    if head.lstrip().startswith(b"--"):
        raise BackupError(f"{path} is a plain SQL script, not a backup made by `manage.py backup` "
                          "(a pg_dump custom-format archive or a SQLite database).")
    raise BackupError(f"{path} is neither a SQLite database nor a pg_dump archive, so it is not a backup made by "
                      "`manage.py backup`.")


def make_backup(output: Path | str, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> BackupFile:
    """Copy the configured database to `output` while the service runs; never leave half a file there."""
    connection = connections[using]
    engine = engine_of(connection)
    path = Path(output).expanduser().absolute()
    _refuse_the_database_itself(connection, path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give --output the name of a file to write.")
    if path.exists() and not force:
        raise BackupError(f"{path} already exists. Choose another name, or pass --force to replace it.")
    started = time.monotonic()
    with _written_atomically(path, force=force) as partial:
        if engine == SQLITE:
            contents = _sqlite_backup(connection, partial)
        else:
            _run_pg("pg_dump", ["--format=custom", "--no-owner", f"--file={partial}"], connection)
            contents = _archive_contents(partial)
    return BackupFile(path, engine, path.stat().st_size, _sha256(path), contents, time.monotonic() - started)


def restore_backup(source: Path | str, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Replace the configured database with a backup of the same engine.

    The file is checked before anything is touched. A database that already holds data is replaced
    only with `replace`, and the caller learns whether the code and the backup agree on migrations.
    """
    connection = connections[using]
    engine = engine_of(connection)
    path = Path(source).expanduser().absolute()
    kind = kind_of_file(path)
    if kind != engine:
        raise BackupError(f"{path} is a {ENGINE_NAMES[kind]} backup, but the configured database (DATABASE_URL) is "
                          f"{ENGINE_NAMES[engine]}. A backup restores only into a database of its own kind: point "
                          f"DATABASE_URL at a {ENGINE_NAMES[kind]} database to restore it.")
    _refuse_the_database_itself(connection, path)
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a database transaction.")
    started = time.monotonic()
    contents = _sqlite_contents(path) if engine == SQLITE else _archive_contents(path)
    with _reaching(connection):
        occupied = holds_data(connection)
    if occupied and not replace:
        raise BackupError("The configured database already holds data, and a restore replaces all of it. Stop the "
                          "service, back up what is there now, then run restore again with --yes.")
    if engine == SQLITE:
        _sqlite_restore(connection, path)
    else:
        connection.close()  # hold no locks and no cached statements while pg_restore replaces the tables
        _run_pg("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                               f"--dbname={_conninfo_dbname(connection)}", str(path)], connection)
        connection.close()
        # An archive holds no planner statistics: until autovacuum gathers them, PostgreSQL guesses,
        # and some of its guesses read every report (bench/README, the national hub at scale).
        with _reaching(connection), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if apps.is_installed("django.contrib.contenttypes"):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()  # its ids are the backup's now
    seconds = time.monotonic() - started
    with _reaching(connection):
        migrations = migration_state(connection)
    return Restored(path, engine, path.stat().st_size, _sha256(path), contents, seconds, migrations)


def holds_data(connection: BaseDatabaseWrapper) -> bool:
    """True when some table holds rows that `migrate` did not put there by itself."""
    with connection.cursor() as cursor:
        shadows = _virtual_table_shadows(connection, cursor)
        for table in connection.introspection.table_names(cursor):
            if table in _BOOKKEEPING_TABLES or table.startswith(shadows):
                continue
            # The name comes from the database's own catalogue, quoted by Django.
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return True
    return False


def _virtual_table_shadows(connection: BaseDatabaseWrapper, cursor) -> tuple[str, ...]:
    """Prefixes of SQLite's shadow tables behind virtual tables (FTS5 keeps its configuration and
    structure rows there even when empty); the virtual table itself is what says whether rows exist."""
    if connection.vendor != "sqlite":
        return ()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    return tuple(f"{name}_" for (name,) in cursor.fetchall())


def migration_state(connection: BaseDatabaseWrapper) -> MigrationState:
    """How the database's applied migrations compare with the code's, as `migrate --check` sees it."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]
    unknown = sorted(f"{app}.{name}" for app, name in executor.loader.applied_migrations
                     if (app, name) not in executor.loader.disk_migrations)
    return MigrationState(pending, unknown)


def snapshot_sqlite(source: sqlite3.Connection, target: Path) -> Contents:
    """Copy a live SQLite database into the file `target` and check the copy.

    One step (pages=-1) reads the whole database in one read transaction: a consistent snapshot,
    during which WAL-mode writers carry on. A copy in several steps would start again each time
    another connection wrote.
    """
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return _check_and_count(copy)


def _sqlite_backup(connection: BaseDatabaseWrapper, target: Path) -> Contents:
    with _reaching(connection):
        connection.ensure_connection()
    try:
        return snapshot_sqlite(connection.connection, target)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not copy the database: {exc}.") from None


def _sqlite_contents(path: Path) -> Contents:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as backup:
            contents = _check_and_count(backup)
            known = backup.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'")
            if known.fetchone() is None:
                raise BackupError(f"{path} is a SQLite database, but not one of this service's: it has no "
                                  "django_migrations table.")
            return contents
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite cannot read {path}: {exc}.") from None


def _sqlite_restore(connection: BaseDatabaseWrapper, path: Path) -> None:
    with _reaching(connection):
        connection.ensure_connection()
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as backup:
            backup.backup(connection.connection, pages=-1)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not restore {path}: {exc}.") from None


def _check_and_count(database: sqlite3.Connection) -> Contents:
    verdict = database.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"The copy failed SQLite's integrity check: {verdict}")
    tables = [name for (name,) in database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite^_%' ESCAPE '^'")]
    rows = 0
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        rows += database.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return Contents(len(tables), rows)


def _archive_contents(path: Path) -> Contents:
    """The tables in a pg_dump archive, from its table of contents; this also proves it is readable."""
    listing = _run_pg("pg_restore", ["--list", str(path)])
    return Contents(sum(1 for line in listing.splitlines() if " TABLE DATA " in line), None)


def _run_pg(tool: str, arguments: list[str], connection: BaseDatabaseWrapper | None = None) -> str:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} was not found on PATH. Install PostgreSQL's client programs, of the server's "
                          "major version or newer (Debian: apt-get install postgresql-client).")
    environment = os.environ.copy()
    if connection is not None:
        environment.update(_pg_environment(connection))
    try:
        # pg_dump or pg_restore as found on PATH, a fixed list of arguments, no shell.
        done = subprocess.run([executable, *arguments], env=environment, capture_output=True, text=True,  # noqa: S603
                              check=False)
    except OSError as exc:
        raise BackupError(f"Could not run {executable}: {exc.strerror}.") from None
    if done.returncode != 0:
        raise BackupError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip() or 'it gave no reason'}")
    return done.stdout


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Connection settings as libpq's variables: the password never appears on a command line."""
    settings = connection.settings_dict
    _arguments, environment = connection.client.settings_to_cmd_args_env(settings, [])  # PGPASSWORD, PGSSLMODE...
    environment = dict(environment or {})
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if settings.get(key):
            environment[variable] = str(settings[key])
    return environment


def _conninfo_dbname(connection: BaseDatabaseWrapper) -> str:
    # pg_restore connects only when given --dbname; as a conninfo string the name cannot be read as an option.
    name = str(connection.settings_dict.get("NAME") or "")
    return "dbname='" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


@contextmanager
def _reaching(connection: BaseDatabaseWrapper) -> Iterator[None]:
    try:
        yield
    except DatabaseError as exc:
        raise BackupError(f"Cannot use the configured database (DATABASE_URL): {str(exc).strip()}") from None


def _refuse_the_database_itself(connection: BaseDatabaseWrapper, path: Path) -> None:
    if connection.vendor != SQLITE or connection.is_in_memory_db():
        return
    database = Path(str(connection.settings_dict["NAME"])).expanduser().absolute()
    if path.resolve() in {Path(f"{database}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal")}:
        raise BackupError(f"{path} is the live database itself; a backup must be another file.")


@contextmanager
def _written_atomically(path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary file beside `path`, moved into place only when complete, so a failed or
    interrupted backup never leaves half a file under the name asked for."""
    folder = path.parent
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} does not exist. Create it first, or choose another --output.")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)  # readable by owner only
    except OSError as exc:
        raise BackupError(_os_problem(exc, folder)) from None
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        _fsync(partial)
        if force:
            os.replace(partial, path)
        else:
            _link_unless_taken(partial, path)
        _fsync(folder)
    except OSError as exc:
        raise BackupError(_os_problem(exc, path)) from None
    finally:
        partial.unlink(missing_ok=True)


def _link_unless_taken(partial: Path, path: Path) -> None:
    # A rename would overwrite a file created at that name meanwhile; a hard link refuses to.
    try:
        os.link(partial, path)
    except FileExistsError:
        raise BackupError(f"{path} already exists. Choose another name, or pass --force to replace it.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # a file system without hard links: check, then rename
            raise BackupError(f"{path} already exists. Choose another name, or pass --force to replace it.") from None
        os.replace(partial, path)


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _os_problem(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: {path} could not be written. Free some space, or write the backup elsewhere."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Permission denied: {path} cannot be written ({exc.strerror}). Choose a folder this user may write to."
    return f"{path} could not be written: {exc.strerror or exc}."


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
