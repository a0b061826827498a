"""The optional re-identification crosswalk: original id -> pseudonym, encrypted (pseudonymise).

A SQLite file with one row per (kind, original): ``kind`` (``patient``, ``accession`` ...),
``lookup`` = HMAC of the original (finds a row without decrypting), ``original`` = Fernet token,
``pseudonym`` in clear (it is what the shared data holds). Without the key the file reveals no
original. Pseudonyms do not depend on the crosswalk (they derive from the key, see
:mod:`radscrub.transform.keys`); it is a record of what was done, for relinking by a key holder.

Keys: by default the crosswalk's Fernet key and lookup key are HKDF subkeys of the secret key
(``radscrub/v1/crosswalk-fernet``, ``radscrub/v1/crosswalk-index``), so one key file serves both;
any other SecretKey can be used instead. Rotation: open with ``[new_key, old_key, ...]`` (the first
encrypts, every one decrypts, as MultiFernet) and call :meth:`Crosswalk.rotate`, which re-encrypts
and re-indexes every row under the first key.
"""

from __future__ import annotations

import base64
import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from radscrub.errors import ConfigError
from radscrub.transform.keys import SecretKey

SCHEMA = "radscrub-crosswalk/1"
_CHECK = b"radscrub crosswalk key check"
_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS crosswalk ("
    " kind TEXT NOT NULL, lookup BLOB NOT NULL, original BLOB NOT NULL,"
    " pseudonym TEXT NOT NULL, PRIMARY KEY (kind, lookup))",
    "CREATE INDEX IF NOT EXISTS crosswalk_pseudonym ON crosswalk (pseudonym)",
)


class Crosswalk:
    """An encrypted original -> pseudonym store; ``keys[0]`` encrypts, all of ``keys`` decrypt.

    Safe to pickle into worker processes and to share between threads (no open connection).
    """

    def __init__(self, path: str | Path, keys: SecretKey | Sequence[SecretKey]) -> None:
        self.path = Path(path)
        self._keys: tuple[SecretKey, ...] = (keys,) if isinstance(keys, SecretKey) else tuple(keys)
        if not self._keys:
            raise ConfigError("a crosswalk needs at least one key")
        self._fernet = MultiFernet(
            [Fernet(base64.urlsafe_b64encode(k.subkey("crosswalk-fernet"))) for k in self._keys]
        )
        self._index_keys = [SecretKey(k.subkey("crosswalk-index")) for k in self._keys]
        with self._db():  # create or check now, so a wrong key fails at construction
            pass

    def __repr__(self) -> str:
        return f"Crosswalk({str(self.path)!r}, keys=<{len(self._keys)} hidden>)"

    def __enter__(self) -> Crosswalk:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: every operation opens and closes its own connection."""

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """One short-lived connection in one transaction (safe across threads and processes)."""
        try:
            conn = sqlite3.connect(self.path, timeout=30.0)
        except sqlite3.Error as exc:
            raise ConfigError(f"{self.path}: cannot open the crosswalk ({exc})") from None
        try:
            with conn:
                for statement in _DDL:
                    conn.execute(statement)
                row = conn.execute("SELECT value FROM meta WHERE name = 'check'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA.encode(),))
                    conn.execute(
                        "INSERT INTO meta VALUES ('check', ?)", (self._fernet.encrypt(_CHECK),)
                    )
                else:
                    self._check(row[0])
                yield conn
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{self.path}: not a radscrub crosswalk ({exc})") from None
        finally:
            conn.close()

    def _check(self, token: bytes) -> None:
        try:
            ok = self._fernet.decrypt(token) == _CHECK
        except InvalidToken:
            ok = False
        if not ok:
            raise ConfigError(
                f"{self.path}: the crosswalk was written with a different key; give the key it "
                "was made with (or, after a rotation, the new key first)"
            )

    def _lookup(self, kind: str, original: str, index: int = 0) -> bytes:
        return self._index_keys[index].derive("crosswalk-lookup", kind, original)

    def add(self, kind: str, original: str, pseudonym: str) -> None:
        """Record one mapping (an existing (kind, original) row is kept as it is)."""
        self.add_many([(kind, original, pseudonym)])

    def add_many(self, rows: Iterable[tuple[str, str, str]]) -> int:
        """Record many mappings in one transaction; returns how many were new."""
        with self._db() as conn:
            before = conn.total_changes
            for kind, original, pseudonym in rows:
                if self._find(conn, kind, original) is not None:
                    continue
                conn.execute(
                    "INSERT OR IGNORE INTO crosswalk VALUES (?, ?, ?, ?)",
                    (
                        kind,
                        self._lookup(kind, original),
                        self._fernet.encrypt(original.encode("utf-8")),
                        pseudonym,
                    ),
                )
            return conn.total_changes - before

    def lookup(self, kind: str, original: str) -> str | None:
        """The pseudonym recorded for ``original`` of ``kind``, or None."""
        with self._db() as conn:
            return self._find(conn, kind, original)

    def _find(self, conn: sqlite3.Connection, kind: str, original: str) -> str | None:
        for index in range(len(self._index_keys)):
            row = conn.execute(
                "SELECT pseudonym FROM crosswalk WHERE kind = ? AND lookup = ?",
                (kind, self._lookup(kind, original, index)),
            ).fetchone()
            if row is not None:
                return str(row[0])
        return None

    def relink(self, pseudonym: str) -> list[tuple[str, str]]:
        """Every ``(kind, original)`` recorded for ``pseudonym`` (empty if none)."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT kind, original FROM crosswalk WHERE pseudonym = ? ORDER BY kind",
                (pseudonym,),
            ).fetchall()
        return [(str(kind), self._decrypt(token)) for kind, token in rows]

    def _decrypt(self, token: bytes) -> str:
        try:
            return self._fernet.decrypt(token).decode("utf-8")
        except InvalidToken:
            raise ConfigError(
                f"{self.path}: a row cannot be decrypted with the given key(s); add the old key"
            ) from None

    def rotate(self) -> int:
        """Re-encrypt and re-index every row under the first key; returns the number of rows."""
        with self._db() as conn:
            rows = conn.execute("SELECT rowid, kind, original FROM crosswalk").fetchall()
            for rowid, kind, token in rows:
                original = self._decrypt(token)
                conn.execute(
                    "UPDATE crosswalk SET lookup = ?, original = ? WHERE rowid = ?",
                    (self._lookup(kind, original), self._fernet.rotate(token), rowid),
                )
            conn.execute(
                "UPDATE meta SET value = ? WHERE name = 'check'", (self._fernet.encrypt(_CHECK),)
            )
        return len(rows)

    def __len__(self) -> int:
        with self._db() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM crosswalk").fetchone()[0])
