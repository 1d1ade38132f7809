"""Work remembered between runs, so that regenerating the site costs what changed.

``Memo`` hands back values computed in an earlier run. Their keys hold everything a value
depends on (an entry file's path and a hash of its bytes, say), so a hit is always safe to
use. Only the keys a run used are kept, so the cache does not pile up old versions.

The cache is a SQLite database below ``.cache/`` of values pickled one by one, so a run
writes only what changed. It is written by this project for this project (never use one
from elsewhere: unpickling runs code), and it is an optimisation only:
- it is stamped with a hash of every file below ``scripts/`` and of the versions of Python
  and of the libraries whose objects it holds, and ignored when the stamp differs;
- an unreadable or damaged file counts as no cache;
- output is the same with or without it (the tests compare both).
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pydantic
import yaml

SCRIPTS = Path(__file__).parent
DEFAULT_STATE = Path(".cache/generate.sqlite")


@cache
def code_stamp() -> str:
    """A hash of the code and library versions that produce cached values."""
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{yaml.__version__}|{jinja2.__version__}".encode())
    for file in sorted(SCRIPTS.rglob("*")):
        if file.is_file() and file.suffix in (".py", ".j2"):
            digest.update(file.relative_to(SCRIPTS).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def digest(*parts: str) -> str:
    """A short hash of some strings; lengths keep ("ab", "c") apart from ("a", "bc")."""
    return hashlib.sha256("".join(f"{len(part)}:{part}" for part in parts).encode()).hexdigest()[:32]


class Memo:
    """Values by key: those saved by the previous run, and those this run computes.

    Values are stored pickled one by one, so that saving writes only the new ones."""

    def __init__(self, saved: dict[str, bytes] | None = None) -> None:
        self._saved = saved or {}
        self._values: dict[str, Any] = {}  # what this run used
        self._kept: set[str] = set()  # saved keys the next run gets too

    def get(self, key: tuple, compute: Callable[..., Any], *args: Any) -> Any:
        """The value saved under ``key``, or else ``compute(*args)`` (stored for next time)."""
        value = self.lookup(key)
        if value is None:
            value = compute(*args)
            self.store(key, value)
        return value

    def lookup(self, key: tuple) -> Any:
        """The value saved or stored under ``key``, or None."""
        name = repr(key)
        if name not in self._values and name in self._saved:
            self._kept.add(name)  # (a run that loads many values pauses the collector)
            self._values[name] = pickle.loads(self._saved[name])
        return self._values.get(name)

    def store(self, key: tuple, value: Any) -> None:
        """Remember ``value`` (not None) under ``key`` for the next run."""
        self._values[repr(key)] = value

    def keep(self, key: tuple) -> None:
        """Carry the saved value of ``key`` over to the next run, though this run did not need it."""
        if repr(key) in self._saved:
            self._kept.add(repr(key))

    def added(self) -> dict[str, bytes]:
        """The values this run computed, pickled."""
        return {
            name: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            for name, value in self._values.items()
            if name not in self._kept
        }

    def dropped(self) -> set[str]:
        """Saved keys this run neither used nor kept: old versions, for the bin."""
        return self._saved.keys() - self._kept


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a batch of work that builds many
    long-lived objects. Each collection walks every live object: with it running,
    reloading 5,000 cached entries took several times as long. Nothing is lost: the
    collector runs again afterwards, and the few cycles made meanwhile wait until then."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)",
    "CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value BLOB)",
)


def load_state(path: Path | None) -> dict:
    """The saved state: the values ``save_state`` was given, and under "memo" the memo's
    pickled values. {} when there is none, it is damaged, or other code wrote it."""
    if path is None or not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(path)) as db:
            meta = dict(db.execute("SELECT name, value FROM meta"))
            if meta.pop("stamp", None) != code_stamp().encode():
                return {}
            with collector_paused():
                state = {name: pickle.loads(value) for name, value in meta.items()}
            state["memo"] = dict(db.execute("SELECT key, value FROM memo"))
    except Exception:  # noqa: BLE001 - any damage means "no cache" (sqlite3 and pickle raise many types)
        return {}
    return state


def save_state(path: Path | None, state: dict, memo: Memo) -> None:
    """Store ``state`` (picklable values by name) and the memo's changes in one transaction."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _save(path, state, memo)
    except sqlite3.DatabaseError:  # not a database, or damaged: start again
        path.unlink(missing_ok=True)
        _save(path, state, memo)


def _save(path: Path, state: dict, memo: Memo) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA synchronous = OFF")  # a cache: a crash may lose it, and a damaged one is ignored
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute("BEGIN IMMEDIATE")
        stamp = code_stamp().encode()
        if db.execute("SELECT value FROM meta WHERE name = 'stamp'").fetchone() != (stamp,):
            db.execute("DELETE FROM memo")  # written by other code: nothing in it is valid
        db.executemany("DELETE FROM memo WHERE key = ?", ((name,) for name in memo.dropped()))
        db.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?)", memo.added().items())
        rows = [("stamp", stamp), *((name, pickle.dumps(value)) for name, value in state.items())]
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows)
        db.execute("COMMIT")
