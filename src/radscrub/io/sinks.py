"""Writers for scrubbed output, in two steps: one *part* file per chunk, then the final assembly.

A part holds one chunk's output rows and is written completely before it counts (see
:mod:`radscrub.io.journal`); :meth:`Sink.assemble` joins the parts, in order, into the final
output. The output keeps the input's columns and their order; CSV repeats the input's delimiter
and line ending. Parquet keeps the input schema, except that id, patient and structured PHI
columns that were not text become strings (a pseudonym or a generalised date need not fit an
integer or date type).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from radscrub.errors import InputError
from radscrub.io.columns import ColumnSpec
from radscrub.io.sources import CsvSource, ParquetSource, Source

_COPY_BUFFER = 1 << 20


def fsync_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and fsync it (the file is complete once this returns)."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class Sink(ABC):
    """Turns output rows into part files and part files into the final output."""

    part_suffix = ".part"

    @abstractmethod
    def write_part(self, path: Path, rows: Sequence[dict[str, Any]]) -> None:
        """Write one chunk's rows to ``path`` durably (fsync'ed)."""

    @abstractmethod
    def assemble(self, parts: Iterable[Path], dest: Path) -> None:
        """Join ``parts`` (in order) into the complete output at ``dest`` (a new path)."""


def make_sink(source: Source, spec: ColumnSpec) -> Sink:
    """The sink that writes ``source``'s format with the same columns."""
    if isinstance(source, CsvSource):
        return CsvSink(source.columns, source.delimiter, source.newline)
    if isinstance(source, ParquetSource):
        return ParquetSink(output_schema(source.schema, spec))
    if source.format == "jsonl":
        return JsonlSink()
    return FolderSink()


class _ConcatSink(Sink):
    """Parts are byte ranges of the output: assembly is a header plus concatenation."""

    def header(self) -> bytes:
        return b""

    def assemble(self, parts: Iterable[Path], dest: Path) -> None:
        with open(dest, "wb") as out:
            out.write(self.header())
            for part in parts:
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, _COPY_BUFFER)
            out.flush()
            os.fsync(out.fileno())


class CsvSink(_ConcatSink):
    """CSV/TSV with the input's header, delimiter and line ending; None is written empty."""

    part_suffix = ".csv"

    def __init__(self, columns: Sequence[str], delimiter: str = ",", newline: str = "\n") -> None:
        self.columns = tuple(columns)
        self.delimiter = delimiter
        self.newline = newline

    def _encode(self, rows: Iterable[Sequence[Any]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")

    def header(self) -> bytes:
        return self._encode([self.columns]) if self.columns else b""

    def write_part(self, path: Path, rows: Sequence[dict[str, Any]]) -> None:
        cells = (["" if row.get(c) is None else row.get(c) for c in self.columns] for row in rows)
        fsync_write(path, self._encode(cells))

    def encode_rows(self, rows: Sequence[dict[str, Any]]) -> bytes:
        """The rows as CSV bytes, as a part holds them (used to compare engines' output)."""
        return self._encode(
            ["" if row.get(c) is None else row.get(c) for c in self.columns] for row in rows
        )


class JsonlSink(_ConcatSink):
    """One JSON object per line, keys in the input's order, UTF-8 (not ASCII-escaped)."""

    part_suffix = ".jsonl"

    def write_part(self, path: Path, rows: Sequence[dict[str, Any]]) -> None:
        data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        fsync_write(path, data.encode("utf-8"))


class FolderSink(Sink):
    """A folder with one UTF-8 ``<id>.txt`` per report, named by the (pseudonymised) id."""

    part_suffix = ".jsonl"

    def write_part(self, path: Path, rows: Sequence[dict[str, Any]]) -> None:
        lines = (json.dumps([row.get("id"), row.get("text")], ensure_ascii=False) for row in rows)
        fsync_write(path, "".join(line + "\n" for line in lines).encode("utf-8"))

    def assemble(self, parts: Iterable[Path], dest: Path) -> None:
        dest.mkdir()
        for part in parts:
            with open(part, encoding="utf-8") as handle:
                for line in handle:
                    report_id, text = json.loads(line)
                    name = safe_file_name(str(report_id)) + ".txt"
                    try:
                        with open(dest / name, "x", encoding="utf-8", newline="") as out:
                            out.write(text or "")
                    except FileExistsError:
                        raise InputError(
                            f"two reports map to the output file {name!r}; their ids collide",
                            source=str(dest),
                        ) from None
        _fsync_dir(dest)


def safe_file_name(report_id: str) -> str:
    """``report_id`` as one file name: path separators and control characters become ``_``."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in report_id)
    cleaned = cleaned.strip(". ") or "_"
    return cleaned[:200]


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open folders
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ParquetSink(Sink):
    """Parquet with the output schema; each part is one row group, copied as it is on assembly."""

    part_suffix = ".parquet"

    def __init__(self, schema: Any) -> None:
        self.schema = schema

    def table(self, rows: Sequence[dict[str, Any]]) -> Any:
        """The rows as a pyarrow Table with the output schema."""
        import pyarrow as pa

        return pa.Table.from_pylist(list(rows), schema=self.schema)

    def write_part(self, path: Path, rows: Sequence[dict[str, Any]]) -> None:
        import pyarrow.parquet as pq

        with open(path, "wb") as handle:
            with pq.ParquetWriter(handle, self.schema) as writer:
                writer.write_table(self.table(rows))
            handle.flush()
            os.fsync(handle.fileno())

    def assemble(self, parts: Iterable[Path], dest: Path) -> None:
        import pyarrow.parquet as pq

        with open(dest, "wb") as handle:
            with pq.ParquetWriter(handle, self.schema) as writer:
                for part in parts:
                    table = pq.read_table(part, schema=self.schema)
                    if table.num_rows:
                        writer.write_table(table)
            handle.flush()
            os.fsync(handle.fileno())


def output_schema(schema: Any, spec: ColumnSpec) -> Any:
    """The input schema with non-text id/patient/PHI columns as strings; checks text columns."""
    import pyarrow as pa

    fields = []
    changed = False
    for input_field in schema:
        name, kind = input_field.name, input_field.type
        if pa.types.is_dictionary(kind) and _is_text_type(kind.value_type):
            kind, changed = kind.value_type, True
        if name in spec.text_columns and not (_is_text_type(kind) or pa.types.is_null(kind)):
            raise InputError(
                f"column {name!r} is {kind} in the Parquet schema, not text; "
                "--text-column must name a string column"
            )
        output_field = input_field
        if name in spec.rewritten_fields:
            if not _is_text_type(kind):
                kind, changed = pa.string(), True
            output_field = output_field.with_nullable(True)  # a dropped value is written null
        fields.append(output_field.with_type(kind))
    metadata = dict(schema.metadata or {})
    if changed:
        metadata.pop(b"pandas", None)  # it would describe the old column types
    return pa.schema(fields, metadata=metadata or None)


def _is_text_type(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))
