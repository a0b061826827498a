"""The progress journal that makes a batch run resumable after being killed at any moment.

A run works in a folder next to its output, ``<output>.radscrub-partial/``::

    journal.jsonl        line 1: the run's fingerprint; then one line per committed chunk;
                         a last {"end": true} line once the input is exhausted
    parts/000000.<ext>   one chunk's output rows (written to a temporary name, fsync'ed, renamed)
    quarantine/000000.jsonl   the chunk's quarantined rows (only with --quarantine: holds PHI)
    lock                 flock'ed while a process works here

A chunk counts as done only when its journal line is on disk (appended, flushed, fsync'ed) and
that happens after its part files are complete. A torn last line from a kill is ignored, so a
resumed run redoes exactly the chunks without a journal line. Journal lines hold counts, never
row content.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from radscrub.errors import InputError

JOURNAL_VERSION = 1
PARTIAL_SUFFIX = ".radscrub-partial"


def work_dir_for(output: Path) -> Path:
    """The folder a run on ``output`` works in (same parent, so renames stay atomic)."""
    return output.with_name(output.name + PARTIAL_SUFFIX)


@dataclass
class ChunkRecord:
    """What one committed chunk did: row counts, PHI label counts, quarantine reasons."""

    index: int
    read: int = 0
    written: int = 0
    quarantined: int = 0
    excluded: int = 0
    excluded_patients: list[int] = field(default_factory=list)
    """Positions (in the exclusion file) of the excluded patients seen: never the ids."""
    labels: dict[str, int] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    """Non-empty values rewritten per id/patient/PHI column."""
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChunkRecord:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass
class JournalState:
    """What an interrupted run left: its fingerprint, its committed chunks, and whether it ended."""

    fingerprint: dict[str, Any]
    started: str
    chunks: list[ChunkRecord]
    ended: bool


class Journal:
    """Append-only, fsync'ed log of committed chunks (one JSON object per line)."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def create(cls, path: Path, fingerprint: Mapping[str, Any], started: str) -> Journal:
        """Start a new journal holding the run's fingerprint."""
        handle = open(path, "wb")  # noqa: SIM115 - closed by Journal.close
        journal = cls(path, handle)
        journal._append(
            {"journal": JOURNAL_VERSION, "started": started, "fingerprint": dict(fingerprint)}
        )
        return journal

    @classmethod
    def reopen(cls, path: Path, state: JournalState) -> Journal:
        """Continue ``path`` after the committed chunks in ``state``; drop anything after them."""
        handle = open(path, "r+b")  # noqa: SIM115 - closed by Journal.close
        handle.seek(_committed_length(path, 1 + len(state.chunks) + (1 if state.ended else 0)))
        handle.truncate()
        return cls(path, handle)

    @staticmethod
    def read(path: Path) -> JournalState:
        """Parse a journal, ignoring a torn last line; raise InputError if it is unusable."""
        lines = _complete_lines(path)
        try:
            header = json.loads(lines[0]) if lines else None
        except json.JSONDecodeError:
            header = None
        if not isinstance(header, dict) or header.get("journal") != JOURNAL_VERSION:
            raise InputError(
                "the interrupted run's journal is unreadable; delete this folder and start over",
                source=str(path.parent),
            )
        chunks: list[ChunkRecord] = []
        ended = False
        for line in lines[1:]:
            data = json.loads(line)
            if data.get("end"):
                ended = True
                break
            record = ChunkRecord.from_json(data)
            if record.index != len(chunks):
                break  # pragma: no cover - chunks are committed strictly in order
            chunks.append(record)
        return JournalState(header["fingerprint"], header.get("started", ""), chunks, ended)

    def commit(self, record: ChunkRecord) -> None:
        """Record a chunk as done (its parts must already be complete on disk)."""
        self._append(asdict(record))

    def end(self) -> None:
        """Record that every row of the input has been committed."""
        self._append({"end": True})

    def _append(self, data: Mapping[str, Any]) -> None:
        self._handle.write((json.dumps(data, sort_keys=True) + "\n").encode("utf-8"))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()


def _complete_lines(path: Path) -> list[str]:
    """Every newline-terminated line that parses as JSON, up to the first one that does not."""
    data = path.read_bytes()
    lines: list[str] = []
    for raw in data.split(b"\n")[:-1]:  # the piece after the last newline is torn or empty
        try:
            text = raw.decode("utf-8")
            json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError):
            break
        lines.append(text)
    return lines


def _committed_length(path: Path, keep_lines: int) -> int:
    """Byte length of the first ``keep_lines`` lines of ``path``."""
    data = path.read_bytes()
    end = 0
    for _ in range(keep_lines):
        end = data.index(b"\n", end) + 1
    return end
