"""Streaming readers for report exports: CSV/TSV, JSONL, Parquet and folders of ``.txt`` files.

Every reader yields :class:`SourceRow` one at a time (memory stays flat as the input grows) and
knows the input's columns before the first row. A row that cannot be parsed (a ragged CSV row, a
bad JSON line) is yielded with a ``problem`` so the caller quarantines it; faults that concern the
whole input (undecodable bytes, a missing file) raise InputError naming the file and line.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from radscrub.errors import ConfigError, InputError

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
"""File extension -> format; a directory is the ``txt`` format (one report per ``.txt`` file)."""
FORMAT_NAMES: tuple[str, ...] = ("csv", "tsv", "jsonl", "parquet", "txt")
FOLDER_COLUMNS: tuple[str, str] = ("id", "text")
"""The columns of a folder of ``.txt`` files: the file's relative path and its text."""
_CSV_FIELD_LIMIT = 2**31 - 1


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One input row: its 1-based number, the line it starts on, and its values by column.

    ``values`` is None when the row could not be parsed; ``problem`` then says why and ``raw``
    holds what was read (a list of CSV fields or a JSONL line: PHI, only ever quarantined).
    """

    number: int
    line: int | None
    values: dict[str, Any] | None
    problem: str | None = None
    raw: Any = None


def detect_format(path: Path, explicit: str | None = None) -> str:
    """The format named by ``explicit``, else by the path (its extension; ``txt`` for a folder)."""
    if explicit is not None:
        name = explicit.lower().lstrip(".")
        if name not in FORMAT_NAMES:
            valid = ", ".join(FORMAT_NAMES)
            raise ConfigError(f"unknown format {explicit!r}; choose one of {valid}")
        return name
    if path.is_dir():
        return "txt"
    suffixes = [s.lower() for s in path.suffixes]
    for suffix in reversed(suffixes):
        if suffix in FORMATS:
            return FORMATS[suffix]
    raise ConfigError(
        f"{path}: cannot tell the format from the name; pass --format ({', '.join(FORMAT_NAMES)})"
    )


def check_encoding(encoding: str) -> str:
    """Return the codec's canonical name, or raise ConfigError for an unknown encoding."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ConfigError(f"unknown encoding {encoding!r} (try utf-8, cp1252 or latin-1)") from None


class Source(ABC):
    """An open input: its format, its columns, and a single pass over its rows."""

    format: str = ""

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path = path
        self.encoding = check_encoding(encoding)
        self.columns: tuple[str, ...] = ()
        self.total: int | None = None
        """Number of rows when known up front (progress bars), else None."""

    @abstractmethod
    def rows(self) -> Iterator[SourceRow]:
        """Yield the rows in file order (call once)."""

    def close(self) -> None:  # noqa: B027 - optional hook: folder sources hold no handle
        """Release the file handle, if any."""

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: Path, fmt: str, encoding: str = "utf-8", batch_rows: int = 1024) -> Source:
    """Open ``path`` as ``fmt`` and read its header/schema (InputError if it cannot be read)."""
    kinds: dict[str, type[Source]] = {
        "csv": CsvSource,
        "tsv": CsvSource,
        "jsonl": JsonlSource,
        "parquet": ParquetSource,
        "txt": FolderSource,
    }
    if fmt == "txt":
        if not path.is_dir():
            raise InputError("the txt format reads a folder of .txt files", source=str(path))
    elif not path.exists():
        raise InputError("file not found", source=str(path))
    elif path.is_dir():
        raise InputError(
            f"is a folder; pass a file, or --format txt for a folder of .txt files "
            f"(got --format {fmt})",
            source=str(path),
        )
    source = kinds[fmt](path, encoding)
    source.format = fmt
    if isinstance(source, ParquetSource):
        source.batch_rows = batch_rows
    try:
        source.open()  # type: ignore[attr-defined]
    except BaseException:
        source.close()
        raise
    return source


def decoded_lines(handle: BinaryIO, encoding: str, source: str) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, text) per line of a binary file, decoding incrementally.

    A leading UTF-8 byte-order mark is dropped. Undecodable bytes raise InputError naming the line
    and suggesting ``--encoding``.
    """
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    pending = ""
    line_no = 0
    for line_no, raw in enumerate(handle, start=1):
        try:
            pending += decoder.decode(raw)
        except UnicodeDecodeError as exc:
            raise _decode_error(exc, encoding, source, line_no) from None
        while True:
            cut = pending.find("\n")
            if cut < 0:
                break
            yield line_no, pending[: cut + 1]
            pending = pending[cut + 1 :]
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _decode_error(exc, encoding, source, line_no) from None
    if pending:
        yield line_no, pending


def _decode_error(exc: UnicodeDecodeError, encoding: str, source: str, line: int) -> InputError:
    suggestion = "cp1252" if encoding == "utf-8" else "utf-8"
    return InputError(
        f"cannot decode byte {exc.object[exc.start : exc.start + 1]!r} (position {exc.start} of "
        f"the line) as {encoding}; pass the file's encoding with --encoding "
        f"(e.g. --encoding {suggestion})",
        source=source,
        line=line,
    )


def _open_binary(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None


class CsvSource(Source):
    """CSV (comma) or TSV (tab) with a header row; ragged or malformed rows carry a ``problem``."""

    def open(self) -> None:
        self._handle = _open_binary(self.path)
        self._line_end = 0
        self._record_lines: list[str] = []
        self.delimiter = "\t" if self.format == "tsv" else ","
        self.newline = "\n"
        """The header's line ending, which the output repeats."""
        self._reader = csv.reader(self._lines(), delimiter=self.delimiter, strict=True)
        if csv.field_size_limit() < _CSV_FIELD_LIMIT:
            csv.field_size_limit(_CSV_FIELD_LIMIT)  # long reports are limited by --max-chars
        header = self._next_record()
        if header is None:
            return
        line, fields, problem = header
        if problem is not None or fields is None:
            raise InputError(f"malformed header: {problem}", source=str(self.path), line=line)
        duplicates = sorted({c for c in fields if fields.count(c) > 1})
        if duplicates:
            raise InputError(
                f"the header names column(s) {', '.join(map(repr, duplicates))} more than once; "
                "rename them so each column can be told apart",
                source=str(self.path),
                line=line,
            )
        self.columns = tuple(fields)
        if self._record_lines and self._record_lines[-1].endswith("\r\n"):
            self.newline = "\r\n"

    def _lines(self) -> Iterator[str]:
        for line_no, text in decoded_lines(self._handle, self.encoding, str(self.path)):
            self._line_end = line_no
            self._record_lines.append(text)
            yield text

    def _next_record(self) -> tuple[int, list[str] | None, str | None] | None:
        """(start line, fields, None), or (start line, None, problem), or None at the end."""
        while True:
            start = self._line_end + 1
            self._record_lines = []
            try:
                fields = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as exc:
                if "end of data" in str(exc):  # an unterminated quote swallowed the rest
                    raise InputError(
                        "a quoted field that starts on this line is never closed; "
                        "fix the quoting of this row",
                        source=str(self.path),
                        line=start,
                    ) from None
                return start, None, f"malformed CSV row: {exc}"
            if fields:  # blank lines are not rows
                return start, fields, None

    def rows(self) -> Iterator[SourceRow]:
        number = 0
        width = len(self.columns)
        while (record := self._next_record()) is not None:
            line, fields, problem = record
            number += 1
            if fields is None:
                yield SourceRow(number, line, None, problem, "".join(self._record_lines))
            elif len(fields) != width:
                problem = f"row has {len(fields)} fields; the header has {width}"
                yield SourceRow(number, line, None, problem, fields)
            else:
                yield SourceRow(number, line, dict(zip(self.columns, fields, strict=True)))

    def close(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle is not None:
            handle.close()


class JsonlSource(Source):
    """One JSON object per line; the first object's keys are the columns. Bad lines: ``problem``."""

    def open(self) -> None:
        self._handle = _open_binary(self.path)
        self._lines = decoded_lines(self._handle, self.encoding, str(self.path))
        self._buffer: list[tuple[int, str]] = []
        for line_no, text in self._lines:  # find the first object to learn the columns
            self._buffer.append((line_no, text))
            record = _json_object(text)
            if isinstance(record, dict):
                self.columns = tuple(str(k) for k in record)
                break

    def rows(self) -> Iterator[SourceRow]:
        number = 0
        for line_no, text in _chain(self._buffer, self._lines):
            if not text.strip():
                continue
            number += 1
            record = _json_object(text)
            if isinstance(record, dict):
                yield SourceRow(number, line_no, record)
            else:
                yield SourceRow(number, line_no, None, record, text.rstrip("\r\n"))

    def close(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle is not None:
            handle.close()


def _chain(first: list[tuple[int, str]], rest: Iterator[tuple[int, str]]) -> Iterator[Any]:
    yield from first
    yield from rest


def _json_object(text: str) -> dict[str, Any] | str | None:
    """The parsed object, a problem description, or None for a blank line."""
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"bad JSON: {exc.msg} (column {exc.colno})"
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    return record


class ParquetSource(Source):
    """Parquet, streamed in record batches with pyarrow (never the whole file at once)."""

    batch_rows = 1024

    def open(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(self.path)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(f"not a readable Parquet file: {exc}", source=str(self.path)) from None
        self.schema = self._file.schema_arrow
        self.columns = tuple(self.schema.names)
        self.total = self._file.metadata.num_rows

    def rows(self) -> Iterator[SourceRow]:
        import pyarrow as pa

        number = 0
        try:
            for batch in self._file.iter_batches(batch_size=self.batch_rows):
                for record in batch.to_pylist():
                    number += 1
                    yield SourceRow(number, None, record)
        except pa.ArrowException as exc:
            raise InputError(
                f"cannot read Parquet data after row {number}: {exc}", source=str(self.path)
            ) from None

    def close(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()


class FolderSource(Source):
    """A folder tree of ``.txt`` files, one report each, in sorted relative-path order.

    Columns are ``id`` (the path relative to the folder, with ``/`` and without ``.txt``) and
    ``text``. Files are read in sorted order within each folder, a folder's files before its
    subfolders'.
    """

    def open(self) -> None:
        self.columns = FOLDER_COLUMNS

    def rows(self) -> Iterator[SourceRow]:
        for number, path in enumerate(_walk_sorted(self.path), start=1):
            relative = path.relative_to(self.path).as_posix()[: -len(".txt")]
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None
            codec = "utf-8-sig" if self.encoding == "utf-8" else self.encoding
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise _decode_error(exc, self.encoding, str(path), line) from None
            yield SourceRow(number, None, {"id": relative, "text": text})


def _walk_sorted(root: Path) -> Iterator[Path]:
    """Every ``*.txt`` file under ``root`` in sorted order, streamed (no full listing)."""
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(".txt") and not name.startswith("."):
                yield Path(directory) / name
